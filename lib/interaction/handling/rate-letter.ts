import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { loadCalendar } from "@/lib/calendar/load";
import { conflict, invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { replyClockFrom } from "@/lib/interaction/clock";
import { findLetterByCredentials, ZLetterCredentials } from "@/lib/interaction/find-letter";

// 满意度评价 by the writer (查询码 + password) once a reply went out: 满意 and 基本满意 close the
// letter; 不满意 closes it too, unless the writer asks for 重办 — once — and it goes back to the
// lead unit for a second reply. The second reply runs on a clock of its own: the type's full reply
// period again, counted from the day of the request ([I] as 12345 rules treat a 重办件; keep it
// configurable with the type), with its own reminders and escalation (clock-alerts.ts). The
// first round's derivation stays in the clock as `firstReply`.

const ZRating = ZLetterCredentials.extend({
  rating: z.enum(["SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"], { message: "请选择满意度" }),
  rework: z
    .enum(["yes", "no"])
    .optional()
    .transform((value) => value === "yes"),
});

export async function rateLetter(siteId: string, input: unknown, context: Partial<RequestContext> = {}) {
  const { rating, rework } = parseInput(ZRating, input);
  const letter = await findLetterByCredentials(siteId, input, context.ip ?? null);
  if (letter.state !== "ANSWERED") throw conflict("该留言尚未答复或已评价，不能评价。");
  if (rework && rating !== "DISSATISFIED")
    throw invalid("只有“不满意”时才能申请重办。", { rework: ["只有“不满意”时才能申请重办"] });
  if (rework && letter.reworkCount >= 1)
    throw invalid("该留言已重办过一次，不能再次申请重办。", { rework: ["已重办过一次"] });
  const reopen = rework && rating === "DISSATISFIED";
  const now = new Date();
  const db = getDb();
  const type = await db.interactionType.findUniqueOrThrow({ where: { id: letter.typeId } });
  const second = reopen ? replyClockFrom(await loadCalendar(db), type, now) : null;
  const clock = letter.clock as { reply?: object };
  return db.$transaction(async (tx) => {
    const { count } = await tx.letter.updateMany({
      where: { id: letter.id, version: letter.version, state: "ANSWERED" },
      data: reopen
        ? {
            state: "HANDLING",
            rating,
            ratedAt: now,
            reworkCount: { increment: 1 },
            version: { increment: 1 },
            ...(second
              ? { replyDueAt: second.dueAt, clock: { ...clock, firstReply: clock.reply, reply: second.derivation } }
              : {}),
          }
        : { state: "CLOSED", rating, ratedAt: now, version: { increment: 1 } },
    });
    if (count === 0) throw conflict("该留言已评价，请刷新页面。");
    await recordAudit(tx, {
      actorId: null,
      action: reopen ? "interaction.letter.rework" : "interaction.letter.rate",
      subject: `letter:${letter.id}`,
      data: {
        queryCode: letter.queryCode,
        rating,
        ...(second
          ? { replyDueAt: { before: letter.replyDueAt?.toISOString() ?? null, after: second.dueAt.toISOString() } }
          : {}),
      },
      ...context,
    });
    return { state: reopen ? "HANDLING" : "CLOSED" };
  });
}
