import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { loadCalendar } from "@/lib/calendar/load";
import { parseInput } from "@/lib/validation/parse";
import { dueAfterWorkingDays, type DueDerivation } from "@/lib/interaction/clock";
import { letterLimits } from "@/lib/interaction/limits";
import { assertOnLetter, assertState, loadLetter, updateLetter } from "@/lib/interaction/handling/guard";
import { ZLetterStep } from "@/lib/interaction/handling/schemas";

// 受理: the handler of the type's unit accepts a letter waiting 待受理. The reply clock starts
// now: the type's working days from acceptance (网站纠错 already runs on hours from receipt, and a
// message from the national 找错 platform on working days from its forwarding), by the limits the
// letter was received under.

export async function acceptLetter(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId, version } = parseInput(ZLetterStep, input);
  const db = getDb();
  const calendar = await loadCalendar(db);
  return db.$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const role = await assertOnLetter(actor, "interaction.handle", letter, letter.type.unitId);
    assertState(letter, ["PENDING"]);
    const now = new Date();
    const limits = letterLimits(letter);
    const running = (letter.clock as { reply?: DueDerivation }).reply;
    const reply =
      !running && limits.replyHours === null && limits.replyWorkingDays !== null
        ? dueAfterWorkingDays(calendar, now, limits.replyWorkingDays)
        : null;
    const clock = { ...(letter.clock as object), ...(reply ? { reply: reply.derivation } : {}) };
    await updateLetter(tx, letter, version, {
      state: "ACCEPTED",
      acceptedAt: now,
      ...(reply ? { replyDueAt: reply.dueAt } : {}),
      clock,
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.letter.accept",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, replyDueAt: reply?.dueAt.toISOString() ?? letter.replyDueAt?.toISOString() },
      ...context,
    });
    return { id: letter.id, replyDueAt: reply?.dueAt ?? letter.replyDueAt };
  });
}
