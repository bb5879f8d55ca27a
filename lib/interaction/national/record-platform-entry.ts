import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { assertOnLetter, assertState, loadLetter, updateLetter } from "@/lib/interaction/handling/guard";
import { ZRecordPlatformEntry } from "@/lib/interaction/national/schemas";

// 反馈: the approved reply to a national 找错 message is entered on the national platform by hand
// (the platform has no interface for sites); the handler of the type's unit records when it was
// entered there, which closes the message (办结) on this side.

export async function recordPlatformEntry(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
) {
  const { letterId, version, enteredAt } = parseInput(ZRecordPlatformEntry, input);
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const role = await assertOnLetter(actor, "interaction.handle", letter, letter.type.unitId);
    if (letter.channel !== "NATIONAL") throw conflict("该留言不是国家平台转办的留言，无需在国家平台录入答复。");
    assertState(letter, ["ANSWERED"]);
    if (letter.answeredAt && enteredAt < new Date(letter.answeredAt.getTime() - 60_000)) {
      const message = "录入时间不能早于答复审核通过的时间。";
      throw invalid(message, { enteredAt: [message] });
    }
    await updateLetter(tx, letter, version, {
      state: "CLOSED",
      platformEnteredAt: enteredAt,
      platformEnteredById: actor!.id,
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.national.enter",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, externalRef: letter.externalRef, enteredAt: enteredAt.toISOString() },
      ...context,
    });
    return { id: letter.id, state: "CLOSED" as const };
  });
}
