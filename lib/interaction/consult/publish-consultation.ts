import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZConsultationStep } from "@/lib/interaction/consult/schemas";
import { assertOnConsultation, loadConsultation, updateConsultation } from "@/lib/interaction/consult/guard";

// 发布: the activity becomes public in its column; visitors may answer between its open and close times.

export async function publishConsultation(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const { consultationId, version } = parseInput(ZConsultationStep, input);
  return getDb().$transaction(async (tx) => {
    const consultation = await loadConsultation(tx, consultationId);
    const role = await assertOnConsultation(actor, "consultation.manage", consultation);
    if (consultation.state !== "DRAFT") throw conflict("该征集调查已发布或已撤销，请刷新页面查看最新状态。");
    if (consultation.closesAt <= now) throw conflict("结束时间已过，不能发布。");
    await updateConsultation(tx, consultation, version, { state: "PUBLISHED", publishedAt: now });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.consultation.publish",
      subject: `consultation:${consultation.id}`,
      data: { title: consultation.title, column: consultation.column.name },
      ...context,
    });
  });
}
