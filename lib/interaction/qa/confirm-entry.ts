import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";

// 复核确认: a reviewer of the entry's unit reads a flagged entry against the changed policy and
// confirms that its 答复口径 still holds, which clears the flag without a new revision (audited,
// with the reason that was cleared). An answer that no longer holds is edited and reviewed instead.

export const ZConfirmQaEntry = z.object({
  resourceId: z.uuid({ message: "答问编号不正确" }),
  note: zText().trim().min(2, "请填写复核意见").max(500, "复核意见不超过 500 字"),
});

export async function confirmQaEntry(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  if (!actor) throw unauthenticated();
  const { resourceId, note } = parseInput(ZConfirmQaEntry, input, "请检查填写的内容。");
  return getDb().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ resourceId: string }[]>`
      select "resourceId" from "QaEntry" where "resourceId" = ${resourceId}::uuid for update`;
    const entry = locked
      ? await tx.qaEntry.findUnique({
          where: { resourceId },
          select: { flaggedAt: true, flagReason: true, resource: { select: { ownerOrgId: true, trashedAt: true } } },
        })
      : null;
    if (!entry || entry.resource.trashedAt) throw notFound();
    try {
      await assertCan(actor, "qa.view", { orgId: entry.resource.ownerOrgId });
    } catch {
      throw notFound();
    }
    const role = await assertCan(actor, "qa.confirm", { orgId: entry.resource.ownerOrgId });
    if (!entry.flaggedAt) throw conflict("该答问没有待复核标记，无需确认。请刷新页面查看最新状态。");
    await tx.qaEntry.update({
      where: { resourceId },
      data: { flaggedAt: null, flagCause: null, flagReason: null, flagPolicyId: null },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "interaction.qa.flag.clear",
      subject: `resource:${resourceId}`,
      data: { via: "confirm", note, before: entry.flagReason },
      ...context,
    });
    return { resourceId };
  });
}
