import { getDb } from "@/lib/db/client";
import { chinaDay } from "@/lib/calendar/working-days";
import { conflict } from "@/lib/errors";
import { gongwenDocx, richTextToGongwenBlocks } from "@/lib/documents/gongwen-docx";
import { loadNoticeApproval } from "@/lib/disclosure/answer-steps";

// The 告知书 as it goes out, rendered from the approved revision only (DESIGN invariant 9: what is
// signed is what is shown): the .docx in 公文 layout (lib/documents/gongwen-docx.ts: 文号, the
// applicant as addressee, the unit as 落款, the 成文日期) and the HTML for the applicant's page.

export type NoticeDocument = {
  title: string;
  documentNumber: string;
  html: string;
  signer: string;
  date: string;
  revision: number;
  contentHash: string;
  /** The revision's Tiptap JSON, for the .docx. */
  body: unknown;
};

/** The approved 告知书 of a request, or null while it has none. */
export async function loadApprovedNotice(requestId: string): Promise<NoticeDocument | null> {
  const db = getDb();
  const request = await db.disclosureRequest.findUnique({
    where: { id: requestId },
    select: { answer: true, unit: { select: { name: true } } },
  });
  const answer = request?.answer;
  if (!request || !answer?.resourceId) return null;
  const approval = await loadNoticeApproval(db, answer.resourceId);
  if (!approval.approved || !approval.revision) return null;
  return {
    title: approval.revision.title,
    documentNumber: answer.documentNumber,
    html: approval.revision.bodyHtml,
    signer: request.unit.name,
    date: chinaDay(answer.draftedAt),
    revision: approval.revision.number,
    contentHash: approval.revision.contentHash,
    body: approval.revision.body,
  };
}

/** The approved 告知书 as a .docx (GB/T 9704 layout). */
export async function noticeDocx(requestId: string): Promise<{ fileName: string; bytes: Buffer }> {
  const notice = await loadApprovedNotice(requestId);
  if (!notice) throw conflict("告知书尚未审核通过。");
  const blocks = richTextToGongwenBlocks(notice.body);
  // The first paragraph is the addressee ("张三："): the 公文 layout sets it flush left.
  const first = blocks[0];
  const recipient = first?.type === "paragraph" && first.text.endsWith("：") ? first.text : undefined;
  const bytes = await gongwenDocx({
    docNumber: notice.documentNumber,
    title: "政府信息公开申请答复告知书",
    recipient,
    blocks: recipient ? blocks.slice(1) : blocks,
    signer: notice.signer,
    date: notice.date,
  });
  return { fileName: `政府信息公开申请答复告知书（${notice.documentNumber}）.docx`, bytes };
}
