import { getDb } from "@/lib/db/client";
import type { NewMediaAccount, NewMediaPlatform } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { conflict, invalid, notFound, unauthenticated } from "@/lib/errors";
import { loadCalendar } from "@/lib/calendar/load";
import { chinaDay } from "@/lib/calendar/working-days";
import { messages } from "@/lib/i18n/zh-CN";
import { getOrgTree } from "@/lib/org/tree";
import { parseInput } from "@/lib/validation/parse";
import {
  accountFieldsOf,
  assertApplicable,
  assertCancellationDate,
  assertPlatformFree,
  assertRegionName,
} from "@/lib/registry/guards";
import { notifyStepApprovers } from "@/lib/registry/notifications";
import { getRegion } from "@/lib/registry/region";
import { SUBMIT_SCHEMAS, ZKind, type Context, type StepScope } from "@/lib/registry/schemas";

const t = messages.newMedia;

/** 填报审批表: submits an application of one of the four kinds for the chain to decide. */
export async function submitApplication(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
  now = new Date(),
) {
  if (!actor) throw unauthenticated();
  const raw = (input ?? {}) as Record<string, unknown>;
  const kind = parseInput(ZKind, raw.kind);
  const db = getDb();
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);

  let orgId: string;
  let platform: NewMediaPlatform;
  let account: NewMediaAccount | null = null;
  let data: Record<string, unknown>;
  let reason: string;
  const region = await getRegion(db);
  const calendar = await loadCalendar(db);
  const today = chinaDay(now);

  if (kind === "OPEN") {
    const parsed = parseInput(SUBMIT_SCHEMAS.OPEN, raw);
    if (!tree.get(parsed.orgId)) throw notFound("未找到申请单位。");
    orgId = parsed.orgId;
    platform = parsed.platform;
    reason = parsed.reason;
    await assertCan(actor, "registry.apply", { orgId });
    assertRegionName(parsed.name, region);
    await assertPlatformFree(db, orgId, platform);
    data = {
      name: parsed.name,
      handle: parsed.handle,
      manager: parsed.manager,
      phone: parsed.phone,
      description: parsed.description,
    };
  } else {
    const parsed = parseInput(SUBMIT_SCHEMAS[kind], raw);
    account = await db.newMediaAccount.findUnique({ where: { id: parsed.accountId } });
    if (!account || !can("registry.view", { orgId: account.orgId })) throw notFound("未找到该账号，或您无权查看。");
    orgId = account.orgId;
    platform = account.platform;
    reason = parsed.reason;
    await assertCan(actor, "registry.apply", { orgId });
    assertApplicable(kind, account);
    const pending = await db.accountApplication.findFirst({ where: { accountId: account.id, status: "PENDING" } });
    if (pending)
      throw conflict(
        `账号“${account.name}”已有一份${t.applicationKinds[pending.kind]}申请正在审批中，请待其办结后再提交。`,
      );
    if (parsed.kind === "CHANGE") {
      assertRegionName(parsed.name, region);
      const after = {
        name: parsed.name,
        handle: parsed.handle,
        manager: parsed.manager,
        phone: parsed.phone,
        description: parsed.description,
      };
      const before = accountFieldsOf(account);
      if (JSON.stringify(after) === JSON.stringify(before))
        throw invalid("变更后的信息与现有登记信息相同，请修改需要变更的项目。");
      data = { ...after, before };
    } else if (parsed.kind === "CANCEL") {
      assertCancellationDate(calendar, today, parsed.effectiveOn);
      data = { effectiveOn: parsed.effectiveOn, notice: parsed.notice };
    } else {
      data = {};
    }
  }

  const chain = await db.registryApprovalStep.findMany({ orderBy: { position: "asc" } });
  if (chain.length === 0) throw conflict("政务新媒体审批链尚未配置，请联系系统管理员。");
  const role = await assertCan(actor, "registry.apply", { orgId });

  return db.$transaction(async (tx) => {
    // Two OPEN applications for one unit and platform at once: the second waits, then sees the first.
    await tx.$executeRaw`select pg_advisory_xact_lock(7245101, hashtext(${`${orgId}/${platform}`}))`;
    if (kind === "OPEN") await assertPlatformFree(tx, orgId, platform);
    else if (await tx.accountApplication.findFirst({ where: { accountId: account!.id, status: "PENDING" } })) {
      throw conflict(`账号“${account!.name}”已有申请正在审批中，请待其办结后再提交。`);
    }
    const application = await tx.accountApplication.create({
      data: {
        kind,
        orgId,
        platform,
        accountId: account?.id ?? null,
        data: data as object,
        reason,
        chain: chain.map((step) => ({ position: step.position, name: step.name, role: step.role, scope: step.scope })),
        submittedById: actor.id,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "registry.application.submit",
      subject: `account-application:${application.id}`,
      data: { kind, orgId, platform, accountId: account?.id ?? null, data, reason },
      ...context,
    });
    const steps = chain.map((step) => ({
      position: step.position,
      name: step.name,
      role: step.role,
      scope: step.scope as StepScope,
    }));
    await notifyStepApprovers(tx, application, steps, 0, {
      lineage: tree.lineage(orgId),
      orgName: tree.get(orgId)?.name ?? "",
      accountName: account?.name ?? null,
      decidedBy: [],
    });
    return application;
  });
}
