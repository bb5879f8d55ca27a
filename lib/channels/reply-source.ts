import { createHash } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { DeliveryError, type ReplyPayload } from "@/lib/channels/adapters/types";

// The source of a REPLY delivery: an approved reply to a letter that came through a relay
// (lib/interaction/inbound). What goes back to the relay is read from the reply itself when the
// delivery runs, and its hash must still be the one planned: the same text the writer reads with
// the 查询码, provably (DESIGN invariant 6 for replies).

/** SHA-256 (hex) of a reply's text, exactly as stored and shown. */
export function replyContentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The reply to carry, or a non-retryable error when it is no longer an approved reply. */
export async function loadReplySource(db: Db | Tx, letterReplyId: string): Promise<ReplyPayload & { hash: string }> {
  const reply = await db.letterReply.findUnique({
    where: { id: letterReplyId },
    select: {
      round: true,
      body: true,
      status: true,
      unitId: true,
      reviewedAt: true,
      letter: { select: { queryCode: true, externalRef: true } },
    },
  });
  if (!reply || reply.status !== "APPROVED" || !reply.reviewedAt)
    throw new DeliveryError("该答复不是已审核通过的答复，不能回传。", { retryable: false, failure: "CONTENT_CHANGED" });
  const unit = await db.organization.findUnique({ where: { id: reply.unitId }, select: { name: true } });
  return {
    queryCode: reply.letter.queryCode,
    messageId: reply.letter.externalRef,
    round: reply.round,
    text: reply.body,
    unitName: unit?.name ?? "",
    repliedAt: reply.reviewedAt.toISOString(),
    hash: replyContentHash(reply.body),
  };
}
