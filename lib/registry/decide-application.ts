import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb, type Tx } from "@/lib/db/client";
import type { ApplicationKind, ApplicationStatus, NewMediaPlatform, Role } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "@/lib/errors";
import { loadCalendar } from "@/lib/calendar/load";
import { chinaDay, type WorkCalendar } from "@/lib/calendar/working-days";
import { notify } from "@/lib/org/notifications";
import { getOrgTree } from "@/lib/org/tree";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { parseInput } from "@/lib/validation/parse";
import { decisionRefusal } from "@/lib/registry/decision-refusal";
import {
  accountFieldsOf,
  assertApplicable,
  assertCancellationDate,
  assertPlatformFree,
  assertRegionName,
} from "@/lib/registry/guards";
import { applicationLink, describeApplication, notifyStepApprovers } from "@/lib/registry/notifications";
import { getRegion } from "@/lib/registry/region";
import { MATRIX_CACHE_TAG, readChain, ZAccountFields, ZDecide, type Context } from "@/lib/registry/schemas";

/** Applies an approved application to the ledger (inside the approving transaction). */
async function applyApproved(
  tx: Tx,
  application: {
    id: string;
    kind: ApplicationKind;
    orgId: string;
    platform: NewMediaPlatform;
    accountId: string | null;
    data: unknown;
  },
  audit: { actorId: string; role: Role; context: Context },
  calendar: WorkCalendar,
  now: Date,
): Promise<string> {
  const region = await getRegion(tx);
  const record = async (action: string, accountId: string, data: Record<string, unknown>) => {
    await announcePortalChange(tx, [MATRIX_CACHE_TAG]);
    await recordAudit(tx, {
      actorId: audit.actorId,
      role: audit.role,
      action,
      subject: `new-media-account:${accountId}`,
      data: { applicationId: application.id, ...data },
      ...audit.context,
    });
  };

  if (application.kind === "OPEN") {
    const fields = ZAccountFields.parse(application.data);
    assertRegionName(fields.name, region);
    await assertPlatformFree(tx, application.orgId, application.platform, application.id);
    const account = await tx.newMediaAccount.create({
      data: { orgId: application.orgId, platform: application.platform, ...fields, status: "ACTIVE", openedAt: now },
    });
    await record("registry.account.open", account.id, { platform: application.platform, ...fields });
    return account.id;
  }
  const account = await tx.newMediaAccount.findUnique({ where: { id: application.accountId! } });
  if (!account) throw notFound("申请所涉账号已不存在。");
  assertApplicable(application.kind, account);
  if (application.kind === "CHANGE") {
    const fields = ZAccountFields.parse(application.data);
    assertRegionName(fields.name, region);
    await tx.newMediaAccount.update({ where: { id: account.id }, data: { ...fields, changedAt: now } });
    await record("registry.account.change", account.id, { before: accountFieldsOf(account), after: fields });
  } else if (application.kind === "SUSPEND") {
    await tx.newMediaAccount.update({ where: { id: account.id }, data: { status: "SUSPENDED", suspendedAt: now } });
    await record("registry.account.suspend", account.id, { before: account.status });
  } else {
    const { effectiveOn, notice } = z.object({ effectiveOn: zText(), notice: zText() }).parse(application.data);
    // The announcement is made now: the 15 working days run from today, checked again here.
    assertCancellationDate(calendar, chinaDay(now), effectiveOn, true);
    await tx.newMediaAccount.update({
      where: { id: account.id },
      data: {
        status: "CANCELLING",
        cancelAnnouncedAt: now,
        cancelEffectiveOn: new Date(`${effectiveOn}T00:00:00Z`),
        cancelNotice: notice,
      },
    });
    await record("registry.account.cancel_announced", account.id, { before: account.status, effectiveOn, notice });
  }
  return account.id;
}

/** 逐级审核: the current step's approver agrees (the next step follows, or the change applies) or refuses. */
export async function decideApplication(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
  now = new Date(),
) {
  if (!actor) throw unauthenticated();
  const parsed = parseInput(ZDecide, input);
  if (parsed.decision === "REJECT" && !parsed.comment)
    throw invalid("不同意时请填写理由。", { comment: ["不同意时请填写理由。"] });
  const db = getDb();
  const application = await db.accountApplication.findUnique({
    where: { id: parsed.applicationId },
    include: { org: { select: { name: true } }, decisions: { select: { userId: true } } },
  });
  if (!application) throw notFound("未找到该申请。");
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const lineage = tree.lineage(application.orgId);
  const chain = readChain(application.chain);
  const refusal = decisionRefusal(actor, { ...application, orgName: application.org.name }, chain, lineage);
  // Existence is not disclosed to those who may neither see nor decide it.
  if (!can("registry.view", { orgId: application.orgId }) && !can("registry.approve", { orgId: application.orgId }))
    throw notFound("未找到该申请。");
  if (application.status !== "PENDING") throw conflict(refusal!);
  if (parsed.step !== undefined && parsed.step !== application.currentStep)
    throw conflict("该申请的审批环节已变化，请刷新页面后重试。");
  if (refusal) throw forbidden(refusal);
  const role = await assertCan(actor, "registry.approve", { orgId: application.orgId });
  const step = chain[application.currentStep]!;
  const calendar = await loadCalendar(db);

  return db.$transaction(async (tx) => {
    // One decision per step even when two approvers press at once.
    const [locked] = await tx.$queryRaw<{ status: ApplicationStatus; currentStep: number }[]>`
      select status, "currentStep" from "AccountApplication" where id = ${application.id}::uuid for update`;
    if (!locked || locked.status !== "PENDING" || locked.currentStep !== application.currentStep) {
      throw conflict("该申请已被他人审批，请刷新页面查看。");
    }
    await tx.applicationDecision.create({
      data: {
        applicationId: application.id,
        step: application.currentStep,
        stepName: step.name,
        userId: actor.id,
        decision: parsed.decision,
        comment: parsed.comment,
        at: now,
      },
    });
    const isLast = application.currentStep === chain.length - 1;
    let status: ApplicationStatus = "PENDING";
    let accountId = application.accountId;
    if (parsed.decision === "REJECT") {
      status = "REJECTED";
      await tx.accountApplication.update({ where: { id: application.id }, data: { status, decidedAt: now } });
    } else if (isLast) {
      status = "APPROVED";
      accountId = await applyApproved(tx, application, { actorId: actor.id, role, context }, calendar, now);
      await tx.accountApplication.update({
        where: { id: application.id },
        data: { status, decidedAt: now, accountId },
      });
    } else {
      await tx.accountApplication.update({
        where: { id: application.id },
        data: { currentStep: application.currentStep + 1 },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: parsed.decision === "APPROVE" ? "registry.application.approve" : "registry.application.reject",
      subject: `account-application:${application.id}`,
      data: { step: application.currentStep, stepName: step.name, comment: parsed.comment, status },
      ...context,
    });
    const accountName = application.accountId
      ? ((await tx.newMediaAccount.findUnique({ where: { id: application.accountId }, select: { name: true } }))
          ?.name ?? null)
      : null;
    if (status === "PENDING") {
      await notifyStepApprovers(tx, application, chain, application.currentStep + 1, {
        lineage,
        orgName: application.org.name,
        accountName,
        decidedBy: [...application.decisions.map((decision) => decision.userId), actor.id],
      });
    } else {
      const outcome = status === "APPROVED" ? "已通过" : "未通过";
      const comment = parsed.comment ? `（${step.name}意见：${parsed.comment}）` : "";
      await notify(
        tx,
        [application.submittedById],
        `申请${outcome}：${describeApplication(application, application.org.name, accountName)}${comment}`,
        applicationLink(application.id),
      );
    }
    return { status, accountId, nextStep: status === "PENDING" ? chain[application.currentStep + 1]!.name : null };
  });
}
