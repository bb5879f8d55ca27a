import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { parseInput } from "@/lib/validation/parse";
import {
  answeringUnitId,
  assertOnLetter,
  assertState,
  loadLetter,
  updateLetter,
} from "@/lib/interaction/handling/guard";
import { ZSaveReply } from "@/lib/interaction/handling/schemas";

// 办理: the lead unit's handler drafts the reply (the letter is then 办理中). A returned reply is
// revised here too; a reply of the current round that went out is never changed.

/** The round now being answered: 1, or 2 after 重办. */
export function currentRound(letter: { reworkCount: number }): number {
  return letter.reworkCount + 1;
}

export async function saveReply(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId, version, body } = parseInput(ZSaveReply, input);
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const unitId = answeringUnitId(letter);
    const role = await assertOnLetter(actor, "interaction.handle", letter, unitId);
    assertState(letter, ["ASSIGNED", "HANDLING"]);
    const round = currentRound(letter);
    const open = letter.replies.find(
      (reply) => reply.round === round && (reply.status === "DRAFT" || reply.status === "RETURNED"),
    );
    const reply = open
      ? await tx.letterReply.update({ where: { id: open.id }, data: { body, status: "DRAFT", authorId: actor!.id } })
      : await tx.letterReply.create({ data: { letterId, round, unitId, body, authorId: actor!.id } });
    await updateLetter(tx, letter, version, { state: "HANDLING" });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.reply.save",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, round, replyId: reply.id },
      ...context,
    });
    return { id: reply.id };
  });
}
