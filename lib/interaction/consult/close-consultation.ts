import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZConsultationStep } from "@/lib/interaction/consult/schemas";
import { assertOnConsultation, loadConsultation, updateConsultation } from "@/lib/interaction/consult/guard";

// 提前结束: an open activity stops taking answers now (its close time becomes now), e.g. when the
// draft is withdrawn or enough opinions are in. Results and the 征集结果反馈 follow as after any close.

export async function closeConsultation(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const { consultationId, version } = parseInput(ZConsultationStep, input);
  return getDb().$transaction(async (tx) => {
    const consultation = await loadConsultation(tx, consultationId);
    const role = await assertOnConsultation(actor, "consultation.manage", consultation);
    const open = consultation.state === "PUBLISHED" && consultation.opensAt <= now && now < consultation.closesAt;
    if (!open) throw conflict("只有征集中的活动可以提前结束，请刷新页面查看最新状态。");
    await updateConsultation(tx, consultation, version, { closesAt: now });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.consultation.close",
      subject: `consultation:${consultation.id}`,
      data: {
        title: consultation.title,
        closesAt: { before: consultation.closesAt.toISOString(), after: now.toISOString() },
      },
      ...context,
    });
  });
}
