import { getDb } from "@/lib/db/client";
import { can, type Principal } from "@/lib/auth/permissions";
import { conflict, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { gongwenDocx, richTextToGongwenBlocks } from "@/lib/documents/gongwen-docx";
import { chinaToday } from "@/lib/time/china";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { ZPeriod } from "@/lib/supervision/scoring";

// The quarter's 通报 as a .docx in 公文 layout (GB/T 9704, lib/documents/gongwen-docx.ts): the text
// of its published revision once published, its latest revision (for the reviewers and the
// supervising unit) before. The 主送机关 line of the body becomes the document's own.

export async function bulletinDocx(actor: Principal | null, period: string, now: Date = new Date()) {
  if (!ZPeriod.test(period)) throw notFound();
  const db = getDb();
  const inspection = await db.inspection.findUnique({ where: { period } });
  if (!inspection) throw notFound();
  const mayRun = await can(actor, "supervision.inspection.run", "platform");
  if (!inspection.bulletinResourceId) throw mayRun ? conflict("本季度通报尚未生成。") : notFound();
  const state = await loadPublicCopyState(db, inspection.bulletinResourceId);
  // Before publication only the supervising unit's inspectors have it.
  if (state !== "PUBLISHED" && !mayRun) throw notFound();
  const publication =
    state === "PUBLISHED"
      ? await db.publication.findFirst({
          where: { resourceId: inspection.bulletinResourceId, withdrawnAt: null, supersededAt: null },
          include: { revision: true },
        })
      : null;
  const revision =
    publication?.revision ??
    (await db.revision.findFirst({
      where: { resourceId: inspection.bulletinResourceId },
      orderBy: { number: "desc" },
    }));
  if (!revision) throw notFound();
  const resource = await db.resource.findUniqueOrThrow({
    where: { id: inspection.bulletinResourceId },
    include: { ownerOrg: { select: { name: true, parent: { select: { name: true, kind: true } } } } },
  });
  // The 发文机关 is the supervising unit, also when one of its sections keeps the site.
  const issuer =
    resource.ownerOrg.parent?.kind === "SUPERVISING" ? resource.ownerOrg.parent.name : resource.ownerOrg.name;
  const recipient = messages.supervisionScores.bulletin.recipient;
  const blocks = richTextToGongwenBlocks(revision.body).filter(
    (block) => !(block.type === "paragraph" && block.text === recipient),
  );
  const day = publication ? chinaToday(publication.publishedAt) : chinaToday(now);
  const bytes = await gongwenDocx({
    issuer,
    title: revision.title,
    recipient,
    blocks,
    signer: issuer,
    date: day,
    note: messages.supervisionScores.bulletin.note,
  });
  return { bytes, fileName: `${revision.title}.docx` };
}
