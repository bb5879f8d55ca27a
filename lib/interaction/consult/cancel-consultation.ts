import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZCancelConsultation } from "@/lib/interaction/consult/schemas";
import { assertOnConsultation, loadConsultation, updateConsultation } from "@/lib/interaction/consult/guard";

// 撤销: an activity that will not run (or must stop) leaves the site, with the reason on record. It
// never counts towards the quota. One whose 征集结果反馈 is drafted can no longer be cancelled.

export async function cancelConsultation(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
) {
  const { consultationId, version, reason } = parseInput(ZCancelConsultation, input);
  return getDb().$transaction(async (tx) => {
    const consultation = await loadConsultation(tx, consultationId);
    const role = await assertOnConsultation(actor, "consultation.manage", consultation);
    if (consultation.state === "CANCELLED") throw conflict("该征集调查已撤销。");
    if (consultation.feedbackResourceId) throw conflict("已生成征集结果反馈的活动不能撤销。");
    await updateConsultation(tx, consultation, version, { state: "CANCELLED" });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.consultation.cancel",
      subject: `consultation:${consultation.id}`,
      data: { title: consultation.title, reason },
      ...context,
    });
  });
}
