import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { parseInput } from "@/lib/validation/parse";
import { assertOnLetter, assertState, loadLetter, updateLetter } from "@/lib/interaction/handling/guard";
import { ZRejectLetter } from "@/lib/interaction/handling/schemas";

// 不予受理, with a reason. 信访, 纪检监察举报 and 政府信息公开申请 have channels of their own
// (《政府信息公开条例》第三十九条; 《信访工作条例》): the writer is told where to go instead.

export async function rejectLetter(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId, version, route, reason } = parseInput(ZRejectLetter, input);
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const role = await assertOnLetter(actor, "interaction.handle", letter, letter.type.unitId);
    assertState(letter, ["PENDING"]);
    await updateLetter(tx, letter, version, { state: "REJECTED", rejectRoute: route, rejectReason: reason });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.letter.reject",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, rejectRoute: route, reason },
      ...context,
    });
    return { id: letter.id };
  });
}
