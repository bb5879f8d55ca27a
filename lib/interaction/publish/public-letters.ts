import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { cacheTag, tagPage } from "@/lib/cache/render-scope";
import { resourceIdOf } from "@/lib/search/documents";
import { searchSiteKind } from "@/lib/search/search-portal";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";

// 留言选登 on the portal: the letters of a site whose 留言答复 is published, newest answer first,
// with the public facts (留言时间, 受理日期, 答复日期, 答复单位) and the published (de-identified)
// title. A search reads only the published text (the search index), never the private original. The page carries the
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

/** A letter of the site with its live public copy, as a lateral row source. */
function liveCopies(siteId: string) {
  return Prisma.sql`
    from "Letter" l
    cross join lateral (
      select r.id as "resourceId", v.title, o.name as unit, p."publishedAt"
      from "Resource" r
      join "Publication" p on p."resourceId" = r.id and p."withdrawnAt" is null and p."supersededAt" is null
      join "Revision" v on v.id = p."revisionId"
      join "Organization" o on o.id = r."ownerOrgId"
      where r.id = l."publicResourceId" and r."trashedAt" is null
      limit 1
    ) copy
    where l."siteId" = ${siteId}::uuid and l."publicResourceId" is not null and l."answeredAt" is not null`;
}

export type PublicLetterPage = { q: string; page: number; total: number; pages: number; rows: PublicLetter[] };

export async function listPublishedLetters(siteId: string, input: unknown = {}): Promise<PublicLetterPage> {
  const { q, page } = parseInput(ZLetterQuery, input);
  const db = getDb();
  const columns = await db.column.findMany({ where: { siteId, kind: "INTERACTION" }, select: { id: true } });
  tagPage(cacheTag.listing(siteId), ...columns.map((column) => cacheTag.column(column.id)));
  const offset = (page - 1) * LETTERS_PER_PAGE;
  const { total, rows } = q ? await searchLetters(siteId, q, offset) : await latestLetters(siteId, offset);
  return { q, page, total, pages: Math.max(1, Math.ceil(total / LETTERS_PER_PAGE)), rows };
}

/**
 * The site's published letters, newest answer first, driven by the partial index
 * custom_Letter_public_list: each letter's live copy is found by its keys, never by a scan of the
 * library's revisions.
 */
async function latestLetters(siteId: string, offset: number) {
  const db = getDb();
  const [rows, counted] = await Promise.all([
    db.$queryRaw<PublicLetter[]>`
      select l."receivedAt", l."acceptedAt", l."answeredAt", copy."resourceId", copy.title, copy.unit, copy."publishedAt"
      ${liveCopies(siteId)}
      order by l."answeredAt" desc, l.id
      limit ${LETTERS_PER_PAGE} offset ${offset}`,
    db.$queryRaw<{ total: bigint }[]>`
      select count(*) as total
      from "Letter" l
      where l."siteId" = ${siteId}::uuid and l."publicResourceId" is not null and l."answeredAt" is not null
        and exists (
          select 1
          from "Resource" r
          join "Publication" p on p."resourceId" = r.id and p."withdrawnAt" is null and p."supersededAt" is null
          where r.id = l."publicResourceId" and r."trashedAt" is null
        )`,
  ]);
  return { total: Number(counted[0]?.total ?? 0), rows };
}

/**
 * A search within the site's letters reads the search index (lib/search), which holds exactly what
 * is published — the de-identified copies, never the private originals — and is kept in step with
 * every publication and withdrawal in their transactions; newest publication first. Reading every
 * copy's text instead cost about 180 ms of PostgreSQL a search at 36,000 copies (docs/benchmarks.md).
 */
async function searchLetters(siteId: string, q: string, offset: number) {
  const found = await searchSiteKind({ siteId, kind: "INTERACTION_REPLY", q, offset, limit: LETTERS_PER_PAGE });
  const ids = found.hits.map((hit) => resourceIdOf(hit.id) ?? "");
  const letters = await getDb().letter.findMany({
    where: { siteId, publicResourceId: { in: ids }, answeredAt: { not: null } },
    select: { publicResourceId: true, receivedAt: true, acceptedAt: true, answeredAt: true },
  });
  const byCopy = new Map(letters.map((letter) => [letter.publicResourceId, letter]));
  const rows = found.hits.flatMap((hit, index): PublicLetter[] => {
    const letter = byCopy.get(ids[index]!);
    if (!letter) return [];
    return [
      {
        resourceId: ids[index]!,
        title: hit.title,
        receivedAt: letter.receivedAt,
        acceptedAt: letter.acceptedAt,
        answeredAt: letter.answeredAt!,
        unit: hit.unitName,
        publishedAt: hit.publishedAt,
      },
    ];
  });
  return { total: found.total, rows };
}
