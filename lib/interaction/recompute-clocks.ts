import type { Tx } from "@/lib/db/client";
import type { RequestContext } from "@/lib/auth/authenticate";
import { recordAudit } from "@/lib/audit/record";
import { buildCalendar } from "@/lib/calendar/working-days";
import { chinaDayEnd, chinaDayStart } from "@/lib/time/china";
import { recount, type DueDerivation } from "@/lib/interaction/clock";

// A holiday added, removed or turned into a 调休上班日 moves every open deadline that runs over
// that day (Alaveteli #7292): the 受理 clock of letters still 待受理 and the 答复 clock of letters
// whose reply is open (the first, or the 重办 round's), counted again from the same start with the
// same working days (extensions included). Answered, closed, rejected and merged letters keep the dates they ran on; so do the
// hour clocks of 网站纠错. Runs in the calendar change's transaction; each moved letter is audited.

const REPLY_OPEN = ["ACCEPTED", "ASSIGNED", "HANDLING", "REVIEWING"] as const;

type Change = { tx: Tx; date: string; actorId: string; role: string; context: Partial<RequestContext> };

export async function recomputeOpenClocks({ tx, date, actorId, role, context }: Change): Promise<number> {
  const dayStart = chinaDayStart(date);
  // Only clocks running over `date` can move: started before it, due on or after it.
  const letters = await tx.letter.findMany({
    where: {
      receivedAt: { lt: chinaDayEnd(date) },
      OR: [
        // A message registered from the national 找错 platform runs its reply clock from receipt too.
        { state: "PENDING", OR: [{ acceptDueAt: { gte: dayStart } }, { replyDueAt: { gte: dayStart } }] },
        { state: { in: [...REPLY_OPEN] }, replyDueAt: { gte: dayStart } },
      ],
    },
    select: { id: true, queryCode: true, state: true, clock: true, acceptDueAt: true, replyDueAt: true },
  });
  if (letters.length === 0) return 0;
  const calendar = buildCalendar(await tx.calendarDay.findMany({ select: { date: true, kind: true, name: true } }));
  let moved = 0;
  for (const letter of letters) {
    const clock = letter.clock as { accept?: DueDerivation; reply?: DueDerivation };
    const accept = letter.state === "PENDING" ? recount(calendar, clock.accept) : null;
    const reply = recount(calendar, clock.reply);
    const acceptMoved = accept && accept.dueAt.getTime() !== letter.acceptDueAt.getTime();
    const replyMoved = reply && reply.dueAt.getTime() !== letter.replyDueAt?.getTime();
    if (!acceptMoved && !replyMoved) continue;
    // The due date is not what a handler's open form edits: the version stays.
    await tx.letter.update({
      where: { id: letter.id },
      data: {
        ...(acceptMoved ? { acceptDueAt: accept.dueAt } : {}),
        ...(replyMoved ? { replyDueAt: reply.dueAt } : {}),
        clock: {
          ...clock,
          ...(acceptMoved ? { accept: accept.derivation } : {}),
          ...(replyMoved ? { reply: reply.derivation } : {}),
        },
      },
    });
    await recordAudit(tx, {
      actorId,
      role,
      action: "interaction.clock.recompute",
      subject: `letter:${letter.id}`,
      data: {
        queryCode: letter.queryCode,
        calendarDay: date,
        ...(acceptMoved
          ? { acceptDueAt: { before: letter.acceptDueAt.toISOString(), after: accept.dueAt.toISOString() } }
          : {}),
        ...(replyMoved
          ? { replyDueAt: { before: letter.replyDueAt?.toISOString() ?? null, after: reply.dueAt.toISOString() } }
          : {}),
      },
      ...context,
    });
    moved += 1;
  }
  return moved;
}
