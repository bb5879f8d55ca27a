import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { conflict, forbidden, notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZApplicationId, type Context } from "@/lib/registry/schemas";

/** The submitter takes back an application still under way. */
export async function withdrawApplication(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { applicationId } = parseInput(ZApplicationId, input);
  const db = getDb();
  const application = await db.accountApplication.findUnique({ where: { id: applicationId } });
  const can = await createPermissionChecker(actor);
  if (!application || !can("registry.view", { orgId: application.orgId })) throw notFound("未找到该申请。");
  if (application.submittedById !== actor.id) throw forbidden("只有提交人可以撤回申请。");
  const role = await assertCan(actor, "registry.apply", { orgId: application.orgId });
  return db.$transaction(async (tx) => {
    const updated = await tx.accountApplication.updateMany({
      where: { id: application.id, status: "PENDING" },
      data: { status: "WITHDRAWN", decidedAt: new Date() },
    });
    if (updated.count === 0) throw conflict("该申请已办结，不能撤回。");
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "registry.application.withdraw",
      subject: `account-application:${application.id}`,
      data: { kind: application.kind },
      ...context,
    });
    return { id: application.id };
  });
}
