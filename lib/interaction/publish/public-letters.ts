import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { cacheTag, markUncacheable, tagPage } from "@/lib/cache/render-scope";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";

// 留言选登 on the portal: the letters of a site whose 留言答复 is published, newest answer first,
// with the public facts (留言时间, 受理日期, 答复日期, 答复单位) and the published (de-identified)
// title. A search reads only the published text, never the private original. The page carries the
// tags of the site's 政民互动 columns, so publishing or withdrawing a 留言答复 purges it.

export const ZLetterQuery = z.object({
  q: zText({ singleLine: true }).trim().max(50, "检索词不超过 50 字").optional().default(""),
  page: z.coerce.number({ message: "页码不正确" }).int().min(1, "页码不正确").max(1000, "页码不正确").default(1),
});

export const LETTERS_PER_PAGE = 20;

export type PublicLetter = {
  resourceId: string;
  title: string;
  receivedAt: Date;
  acceptedAt: Date | null;
  answeredAt: Date;
  unit: string;
  publishedAt: Date;
};

function liveCopy(q: string): Prisma.PublicationWhereInput {
  return {
    withdrawnAt: null,
    supersededAt: null,
    ...(q ? { revision: { OR: [{ title: { contains: q } }, { bodyHtml: { contains: q } }] } } : {}),
  };
}

export async function listPublishedLetters(siteId: string, input: unknown = {}) {
  const { q, page } = parseInput(ZLetterQuery, input);
  const db = getDb();
  const columns = await db.column.findMany({ where: { siteId, kind: "INTERACTION" }, select: { id: true } });
  tagPage(cacheTag.listing(siteId), ...columns.map((column) => cacheTag.column(column.id)));
  if (q) markUncacheable();
  const where: Prisma.LetterWhereInput = {
    siteId,
    publicResource: { trashedAt: null, publications: { some: liveCopy(q) } },
  };
  const [total, letters] = await Promise.all([
    db.letter.count({ where }),
    db.letter.findMany({
      where,
      orderBy: [{ answeredAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * LETTERS_PER_PAGE,
      take: LETTERS_PER_PAGE,
      select: {
        receivedAt: true,
        acceptedAt: true,
        answeredAt: true,
        publicResource: {
          select: {
            id: true,
            ownerOrg: { select: { name: true } },
            publications: {
              where: liveCopy(""),
              select: { publishedAt: true, revision: { select: { title: true } } },
              take: 1,
            },
          },
        },
      },
    }),
  ]);
  const rows: PublicLetter[] = letters.map((letter) => {
    const resource = letter.publicResource!;
    const publication = resource.publications[0]!;
    return {
      resourceId: resource.id,
      title: publication.revision.title,
      receivedAt: letter.receivedAt,
      acceptedAt: letter.acceptedAt,
      answeredAt: letter.answeredAt!,
      unit: resource.ownerOrg.name,
      publishedAt: publication.publishedAt,
    };
  });
  return { q, page, total, pages: Math.max(1, Math.ceil(total / LETTERS_PER_PAGE)), rows };
}
