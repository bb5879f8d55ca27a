import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { findLetterByCredentials, ZLetterCredentials } from "@/lib/interaction/find-letter";

// 满意度评价 by the writer (查询码 + password) once a reply went out: 满意 and 基本满意 close the
// letter; 不满意 closes it too, unless the writer asks for 重办 — once — and it goes back to the
// lead unit for a second reply.

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
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.letter.updateMany({
      where: { id: letter.id, version: letter.version, state: "ANSWERED" },
      data: reopen
        ? { state: "HANDLING", rating, ratedAt: new Date(), reworkCount: { increment: 1 }, version: { increment: 1 } }
        : { state: "CLOSED", rating, ratedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) throw conflict("该留言已评价，请刷新页面。");
    await recordAudit(tx, {
      actorId: null,
      action: reopen ? "interaction.letter.rework" : "interaction.letter.rate",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, rating },
      ...context,
    });
    return { state: reopen ? "HANDLING" : "CLOSED" };
  });
}
