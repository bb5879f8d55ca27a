import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, forbidden, unauthenticated } from "@/lib/errors";
import { lockInstance } from "@/lib/review/instances";
import { loadUnitFacts } from "@/lib/review/eligibility";
import type { Finding } from "@/lib/review/prechecks";
import { BARRED_MESSAGE, blockingFindings } from "@/lib/review/stages";
import { parseInput } from "@/lib/validation/parse";

// 预检问题放行: blocking pre-check findings stand only by the unit's 第一责任人, with a reason on
// the record; the final approval of a review with blocking findings waits for it.

type Context = Partial<RequestContext>;

const ZOverride = z.object({
  instanceId: z.uuid(),
  reason: zText().trim().min(4, "请填写放行理由（至少 4 个字）").max(1000, "理由不超过 1000 字"),
});

/** 第一责任人 lets blocking pre-check findings stand, with a recorded reason. */
export async function overrideFindings(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  if (actor.pendingObligation) throw forbidden(actor.pendingObligation);
  const request = parseInput(ZOverride, input);
  return getDb().$transaction(async (tx) => {
    const instance = await lockInstance(tx, request.instanceId);
    const unit = await loadUnitFacts(tx, instance.resource.ownerOrgId);
    if (unit.first !== actor.id) throw forbidden("只有本单位第一责任人可以批准放行必须修改的预检问题。");
    if (instance.revision.authorId === actor.id) throw forbidden("稿件作者不能审核自己撰写的修订版本。");
    if (instance.barredUserIds.includes(actor.id)) throw forbidden(BARRED_MESSAGE);
    if (instance.status !== "IN_PROGRESS") throw conflict("该审核已经结束。");
    const blocking = blockingFindings(instance.findings as Finding[]);
    if (blocking.length === 0) throw conflict("该稿件没有需要放行的预检问题。");
    const override = await tx.precheckOverride.create({
      data: { instanceId: instance.id, userId: actor.id, reason: request.reason, findings: blocking },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role: "FIRST_RESPONSIBLE",
      action: "review.override",
      subject: `review:${instance.id}`,
      data: {
        reason: request.reason,
        findings: blocking.map((finding) => `${finding.kind}:${finding.start}-${finding.end}`),
        contentHash: instance.contentHash,
      },
      ...context,
    });
    return override;
  });
}
