import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { assertOnLetter, assertState, loadLetter, updateLetter } from "@/lib/interaction/handling/guard";
import { ZMergeLetter } from "@/lib/interaction/handling/schemas";

// 重复件: a letter waiting 待受理 that repeats another of the same site is merged into it and
// followed there; it is not handled twice.

export async function mergeLetter(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId, version, intoQueryCode } = parseInput(ZMergeLetter, input);
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const role = await assertOnLetter(actor, "interaction.handle", letter, letter.type.unitId);
    assertState(letter, ["PENDING"]);
    const original = await tx.letter.findUnique({ where: { queryCode: intoQueryCode } });
    if (!original || original.siteId !== letter.siteId || original.id === letter.id || original.state === "MERGED") {
      const message = "未找到可合并的原留言：须是本网站另一件未合并的留言。";
      throw invalid(message, { intoQueryCode: [message] });
    }
    await updateLetter(tx, letter, version, { state: "MERGED", mergedIntoId: original.id });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.letter.merge",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, mergedInto: original.queryCode },
      ...context,
    });
    return { id: letter.id, mergedIntoId: original.id };
  });
}
