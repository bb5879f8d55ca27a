import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import {
  answeringUnitId,
  assertOnLetter,
  assertState,
  loadLetter,
  updateLetter,
} from "@/lib/interaction/handling/guard";
import { currentRound } from "@/lib/interaction/handling/save-reply";
import { ZLetterStep } from "@/lib/interaction/handling/schemas";

// The handler sends the drafted reply to the lead unit's reviewer (答复审核); it goes out only
// when approved.

export async function submitReply(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId, version } = parseInput(ZLetterStep, input);
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const role = await assertOnLetter(actor, "interaction.handle", letter, answeringUnitId(letter));
    assertState(letter, ["HANDLING"]);
    const draft = letter.replies.find((reply) => reply.round === currentRound(letter) && reply.status === "DRAFT");
    if (!draft) throw conflict("请先起草答复内容。");
    await tx.letterReply.update({ where: { id: draft.id }, data: { status: "SUBMITTED" } });
    await updateLetter(tx, letter, version, { state: "REVIEWING" });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.reply.submit",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, replyId: draft.id },
      ...context,
    });
    return { id: draft.id };
  });
}
