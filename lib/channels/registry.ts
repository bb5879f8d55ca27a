import { z } from "zod";
import { zText } from "@/lib/validation/text";
import writeExcelFile from "write-excel-file/node";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import type { AccountStatus, ApplicationKind, ApplicationStatus, NewMediaAccount, NewMediaPlatform, Role } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, assertHoldsRoleFor, findGrantingRole, PERMISSIONS, type Action, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "@/lib/errors";
import { loadCalendar } from "@/lib/calendar/load";
import { chinaDay, chineseDay, isIsoDay, type WorkCalendar } from "@/lib/calendar/working-days";
import { formatDate, formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { tagPage } from "@/lib/cache/render-scope";
import {
  APPLICABLE_STATUSES,
  cancellationViolation,
  DEFAULT_REGION,
  earliestCancellationDay,
  OCCUPYING_STATUSES,
  phoneViolation,
  regionNameViolation,
} from "@/lib/channels/registry-rules";

// 政务新媒体备案 (渝府办发〔2019〕64号; 来政办发〔2021〕30号): government new-media accounts are
// opened, changed, suspended and cancelled (开设、变更、关停、注销) only through an application
// (审批表) that passes the configurable approval chain — the unit's principal, then the
// supervising unit. The chain is copied into the application when it is submitted, so a later
// change of the chain does not move applications under way. The final approval applies the
// change in the same transaction. The ledger (台账) lists every account; the public matrix
// (政务新媒体矩阵) shows the accounts of a site's unit and the units below it.

type Context = Partial<RequestContext>;
const t = messages.newMedia;

export const REGION_STATE_KEY = "registry.region";
export { DEFAULT_REGION };
/** The portal page cache's tag of the public matrix pages: purged whenever an account changes. */
export const MATRIX_CACHE_TAG = "new-media-matrix";
export const PLATFORMS = ["WECHAT", "WEIBO", "TOUTIAO", "APP", "OTHER"] as const satisfies readonly NewMediaPlatform[];
export const ACCOUNT_STATUSES = ["ACTIVE", "SUSPENDED", "CANCELLING", "CANCELLED"] as const satisfies readonly AccountStatus[];
export const APPLICATION_KINDS = ["OPEN", "CHANGE", "SUSPEND", "CANCEL"] as const satisfies readonly ApplicationKind[];
/** Roles a chain step may name: those the permission table lets approve registry applications. */
export const APPROVER_ROLES = PERMISSIONS["registry.approve"].roles;
const APPLICANT_ROLES = PERMISSIONS["registry.apply"].roles;
export const STEP_SCOPES = ["unit", "platform"] as const;
export type StepScope = (typeof STEP_SCOPES)[number];
export type ChainStep = { position: number; name: string; role: Role; scope: StepScope };

// ───────────────────────── inputs ─────────────────────────

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!.message, fieldErrorsOf(parsed.error));
  return parsed.data;
}

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不超过 ${max} 个字`)
    .nullish()
    .transform((value) => value || null);

const ZAccountFields = z.object({
  name: z.string({ message: "请填写账号名称" }).trim().min(2, "请填写账号名称（至少 2 个字）").max(30, "账号名称不超过 30 个字"),
  handle: optionalText("账号标识", 64),
  manager: z.string({ message: "请填写运维负责人" }).trim().min(2, "请填写运维负责人姓名").max(20, "运维负责人不超过 20 个字"),
  phone: z
    .string({ message: "请填写联系电话" })
    .trim()
    .min(1, "请填写联系电话")
    .superRefine((value, ctx) => {
      const message = phoneViolation(value);
      if (message) ctx.addIssue({ code: "custom", message });
    }),
  description: optionalText("账号简介", 500),
});
export type AccountFields = z.infer<typeof ZAccountFields>;

const ZReason = z.string({ message: "请填写申请理由" }).trim().min(4, "请填写申请理由（至少 4 个字）").max(500, "申请理由不超过 500 字");
const ZAccountId = z.uuid({ message: "请选择账号" });
const ZIsoDay = z.string({ message: "请填写注销生效日期" }).trim().refine(isIsoDay, "注销生效日期格式应为“2026-10-19”");

const SUBMIT_SCHEMAS = {
  OPEN: ZAccountFields.extend({
    kind: z.literal("OPEN"),
    orgId: z.uuid({ message: "请选择申请单位" }),
    platform: z.enum(PLATFORMS, { message: "请选择平台" }),
    reason: ZReason,
  }),
  CHANGE: ZAccountFields.extend({ kind: z.literal("CHANGE"), accountId: ZAccountId, reason: ZReason }),
  SUSPEND: z.object({ kind: z.literal("SUSPEND"), accountId: ZAccountId, reason: ZReason }),
  CANCEL: z.object({
    kind: z.literal("CANCEL"),
    accountId: ZAccountId,
    reason: ZReason,
    effectiveOn: ZIsoDay,
    notice: z.string({ message: "请填写注销公告内容" }).trim().min(10, "请填写注销公告内容（至少 10 个字）").max(1000, "注销公告不超过 1000 字"),
  }),
} as const;

const ZKind = z.enum(APPLICATION_KINDS, { message: "请选择申请类型（开设、变更、关停、注销）" });

const ZDecide = z.object({
  applicationId: z.uuid({ message: "未找到该申请。" }),
  decision: z.enum(["APPROVE", "REJECT"], { message: "请选择同意或不同意" }),
  comment: zText().trim().max(500, "审批意见不超过 500 字").optional().transform((value) => value || null),
  /** The step the approver saw; a stale page is refused rather than deciding the next step. */
  step: z.coerce.number().int().min(0).optional(),
});

const ZChainStep = z.object({
  name: z.string({ message: "请填写环节名称" }).trim().min(2, "请填写环节名称（至少 2 个字）").max(30, "环节名称不超过 30 个字"),
  role: z.enum(APPROVER_ROLES, { message: "请选择审批角色" }),
  scope: z.enum(STEP_SCOPES, { message: "请选择审批范围" }),
});
const ZChain = z
  .array(ZChainStep)
  .min(1, "审批链至少要有一个环节。")
  .max(6, "审批链不超过 6 个环节。");
const ZStoredChain = z.array(ZChainStep.extend({ position: z.number().int() }));

const ZRegion = z.object({
  region: z.string({ message: "请填写地区名称" }).trim().min(2, "地区名称至少 2 个字").max(10, "地区名称不超过 10 个字").regex(/^[\u4e00-\u9fa5]+$/, "地区名称只能是汉字，如“重庆”"),
});

const ZLedgerFilter = z.object({
  orgId: z.union([z.uuid(), z.literal("")]).optional().transform((value) => value || undefined),
  platform: z.union([z.enum(PLATFORMS), z.literal("")]).optional().transform((value) => value || undefined),
  status: z.union([z.enum(ACCOUNT_STATUSES), z.literal("")]).optional().transform((value) => value || undefined),
  q: zText().trim().max(50).optional().transform((value) => value || undefined),
});
export type LedgerFilter = z.infer<typeof ZLedgerFilter>;

/** Tolerant reading of filters from a query string: anything malformed is ignored. */
export function parseLedgerFilter(input: Record<string, unknown>): LedgerFilter {
  const parsed = ZLedgerFilter.safeParse(input);
  if (parsed.success) return parsed.data;
  const result = {} as LedgerFilter;
  for (const key of ["orgId", "platform", "status", "q"] as const) {
    const one = ZLedgerFilter.shape[key].safeParse(input[key]);
    if (one.success && one.data) (result as Record<string, unknown>)[key] = one.data;
  }
  return result;
}

// ───────────────────────── shared reads ─────────────────────────

/** The region whose name every account name must contain (PlatformState "registry.region"). */
export async function getRegion(db: Db | Tx = getDb()): Promise<string> {
  const row = await db.platformState.findUnique({ where: { key: REGION_STATE_KEY } });
  const value = row?.value as unknown;
  if (typeof value === "string" && value.trim()) return value.trim();
  const name = (value as { name?: unknown } | null | undefined)?.name;
  return typeof name === "string" && name.trim() ? name.trim() : DEFAULT_REGION;
}

type OrgTree = { lineage: (orgId: string) => string[]; names: Map<string, string>; all: { id: string; name: string; parentId: string | null; position: number }[] };

async function loadOrgTree(db: Db | Tx = getDb()): Promise<OrgTree> {
  const all = await db.organization.findMany({ select: { id: true, name: true, parentId: true, position: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
  const parents = new Map(all.map((org) => [org.id, org.parentId]));
  return {
    all,
    names: new Map(all.map((org) => [org.id, org.name])),
    lineage: (orgId) => {
      const lineage: string[] = [];
      for (let id: string | null | undefined = orgId; id && lineage.length < 32; id = parents.get(id)) lineage.push(id);
      return lineage;
    },
  };
}

function allows(actor: Principal | null, action: Action, orgId: string, tree: OrgTree): boolean {
  return actor !== null && !actor.pendingObligation && findGrantingRole(actor, action, { orgId }, tree.lineage(orgId)) !== null;
}

function readChain(value: unknown): ChainStep[] {
  return ZStoredChain.parse(value) as ChainStep[];
}

function roleLabel(role: Role): string {
  return messages.roles[role] ?? role;
}

/** "主管单位工作人员", "主管单位第一责任人" … (a role held in the supervising unit). */
function platformApprover(role: Role): string {
  const label = roleLabel(role);
  return label.startsWith("主管单位") ? label : `主管单位${label}`;
}

/** Why this actor may not decide the application's current step, or null when they may. */
export function decisionRefusal(
  actor: Principal,
  application: { submittedById: string; status: ApplicationStatus; currentStep: number; orgName: string; decisions: { userId: string }[] },
  chain: ChainStep[],
  lineage: string[],
): string | null {
  if (application.status !== "PENDING") return `该申请${t.applicationStatus[application.status]}，不能再审批。`;
  const step = chain[application.currentStep];
  if (!step) return "该申请的审批环节有误，请联系系统管理员。";
  if (application.submittedById === actor.id) return "不能审批本人提交的申请。";
  const holds = actor.memberships.some((membership) =>
    membership.role === step.role && (step.scope === "platform" ? membership.isRootOrg : lineage.includes(membership.orgId)),
  );
  if (!holds) {
    const who = step.scope === "platform" ? platformApprover(step.role) : `${application.orgName}或其上级单位的${roleLabel(step.role)}`;
    return `当前环节“${step.name}”须由${who}审批。`;
  }
  if (application.decisions.some((decision) => decision.userId === actor.id)) return "您已审批过本申请的其他环节，同一人不能审批两个环节。";
  return null;
}

// ───────────────────────── rules that need the database ─────────────────────────

/** 一个单位在同一平台只保留一个政务新媒体账号: accounts in use and OPEN applications under way count. */
async function assertPlatformFree(db: Db | Tx, orgId: string, platform: NewMediaPlatform, ignoreApplicationId?: string) {
  const orgName = (await db.organization.findUnique({ where: { id: orgId }, select: { name: true } }))?.name ?? "本单位";
  const existing = await db.newMediaAccount.findFirst({ where: { orgId, platform, status: { in: [...OCCUPYING_STATUSES] } } });
  if (existing) {
    throw conflict(`${orgName}在${t.platforms[platform]}平台已有账号“${existing.name}”（${t.accountStatus[existing.status]}）。一个单位在同一平台只能保留一个政务新媒体账号。`);
  }
  const pending = await db.accountApplication.findFirst({
    where: { orgId, platform, kind: "OPEN", status: "PENDING", ...(ignoreApplicationId ? { id: { not: ignoreApplicationId } } : {}) },
  });
  if (pending) {
    const name = (pending.data as { name?: string }).name ?? "";
    throw conflict(`${orgName}在${t.platforms[platform]}平台开设账号“${name}”的申请正在审批中。一个单位在同一平台只能保留一个政务新媒体账号。`);
  }
}

function assertRegionName(name: string, region: string) {
  const message = regionNameViolation(name, region);
  if (message) throw invalid(message, { name: [message] });
}

function assertApplicable(kind: Exclude<ApplicationKind, "OPEN">, account: NewMediaAccount) {
  if (!APPLICABLE_STATUSES[kind].includes(account.status)) {
    throw conflict(`账号“${account.name}”当前${t.accountStatus[account.status]}，不能申请${t.applicationKinds[kind]}。`);
  }
}

function assertCancellationDate(calendar: WorkCalendar, today: string, effectiveOn: string, atApproval = false) {
  const message = cancellationViolation(calendar, today, effectiveOn);
  if (!message) return;
  const full = atApproval ? `${message}请不予通过，由申请单位改定生效日期后重新申请。` : message;
  throw invalid(full, { effectiveOn: [full] });
}

function accountFieldsOf(account: NewMediaAccount): AccountFields {
  return { name: account.name, handle: account.handle, manager: account.manager, phone: account.phone, description: account.description };
}

// ───────────────────────── notifications ─────────────────────────

export function applicationLink(applicationId: string): string {
  return `/admin/registry/applications/${applicationId}`;
}

/** "沙坪坝区文旅委开设微信公众号“沙坪坝文旅”" — what a notification names. */
function describeApplication(application: { kind: ApplicationKind; platform: NewMediaPlatform; data: unknown }, orgName: string, accountName: string | null): string {
  const name = accountName ?? (application.data as { name?: unknown } | null)?.name;
  return `${orgName}${t.applicationKinds[application.kind]}${t.platforms[application.platform]}${typeof name === "string" && name ? `“${name}”` : "账号"}`;
}

/**
 * Everyone who may decide `step` of an application of `orgId`: active holders of the step's role
 * in the unit or a unit above it ("unit"), or in a root organization ("platform") — except the
 * submitter and those who decided an earlier step (decisionRefusal refuses both).
 */
async function stepApprovers(tx: Tx, step: ChainStep, lineage: string[], excluded: Iterable<string>): Promise<string[]> {
  const memberships = await tx.membership.findMany({
    where: { role: step.role, user: { active: true }, org: step.scope === "platform" ? { parentId: null } : { id: { in: lineage } } },
    select: { userId: true },
  });
  const skip = new Set(excluded);
  return [...new Set(memberships.map((membership) => membership.userId))].filter((userId) => !skip.has(userId));
}

/** Tells the approvers of the application's step `position` that it waits for them (in the caller's transaction). */
async function notifyStepApprovers(
  tx: Tx,
  application: { id: string; kind: ApplicationKind; platform: NewMediaPlatform; data: unknown; submittedById: string },
  chain: ChainStep[],
  position: number,
  context: { lineage: string[]; orgName: string; accountName: string | null; decidedBy: string[] },
): Promise<void> {
  const step = chain[position];
  if (!step) return;
  const users = await stepApprovers(tx, step, context.lineage, [application.submittedById, ...context.decidedBy]);
  await notify(tx, users, `待审批（${step.name}）：${describeApplication(application, context.orgName, context.accountName)}`, applicationLink(application.id));
}

// ───────────────────────── applications ─────────────────────────

/** 填报审批表: submits an application of one of the four kinds for the chain to decide. */
export async function submitApplication(actor: Principal | null, input: unknown, context: Context = {}, now = new Date()) {
  if (!actor) throw unauthenticated();
  const raw = (input ?? {}) as Record<string, unknown>;
  const kind = parseOrThrow(ZKind, raw.kind);
  const db = getDb();
  const tree = await loadOrgTree(db);

  let orgId: string;
  let platform: NewMediaPlatform;
  let account: NewMediaAccount | null = null;
  let data: Record<string, unknown>;
  let reason: string;
  const region = await getRegion(db);
  const calendar = await loadCalendar(db);
  const today = chinaDay(now);

  if (kind === "OPEN") {
    const parsed = parseOrThrow(SUBMIT_SCHEMAS.OPEN, raw);
    if (!tree.names.has(parsed.orgId)) throw notFound("未找到申请单位。");
    orgId = parsed.orgId;
    platform = parsed.platform;
    reason = parsed.reason;
    await assertCan(actor, "registry.apply", { orgId });
    assertRegionName(parsed.name, region);
    await assertPlatformFree(db, orgId, platform);
    data = { name: parsed.name, handle: parsed.handle, manager: parsed.manager, phone: parsed.phone, description: parsed.description };
  } else {
    const parsed = parseOrThrow(SUBMIT_SCHEMAS[kind], raw);
    account = await db.newMediaAccount.findUnique({ where: { id: parsed.accountId } });
    if (!account || !allows(actor, "registry.view", account.orgId, tree)) throw notFound("未找到该账号，或您无权查看。");
    orgId = account.orgId;
    platform = account.platform;
    reason = parsed.reason;
    await assertCan(actor, "registry.apply", { orgId });
    assertApplicable(kind, account);
    const pending = await db.accountApplication.findFirst({ where: { accountId: account.id, status: "PENDING" } });
    if (pending) throw conflict(`账号“${account.name}”已有一份${t.applicationKinds[pending.kind]}申请正在审批中，请待其办结后再提交。`);
    if (parsed.kind === "CHANGE") {
      assertRegionName(parsed.name, region);
      const after = { name: parsed.name, handle: parsed.handle, manager: parsed.manager, phone: parsed.phone, description: parsed.description };
      const before = accountFieldsOf(account);
      if (JSON.stringify(after) === JSON.stringify(before)) throw invalid("变更后的信息与现有登记信息相同，请修改需要变更的项目。");
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
    const steps = chain.map((step) => ({ position: step.position, name: step.name, role: step.role, scope: step.scope as StepScope }));
    await notifyStepApprovers(tx, application, steps, 0, { lineage: tree.lineage(orgId), orgName: tree.names.get(orgId) ?? "", accountName: account?.name ?? null, decidedBy: [] });
    return application;
  });
}

/** Applies an approved application to the ledger (inside the approving transaction). */
async function applyApproved(
  tx: Tx,
  application: { id: string; kind: ApplicationKind; orgId: string; platform: NewMediaPlatform; accountId: string | null; data: unknown },
  audit: { actorId: string; role: Role; context: Context },
  calendar: WorkCalendar,
  now: Date,
): Promise<string> {
  const region = await getRegion(tx);
  const record = async (action: string, accountId: string, data: Record<string, unknown>) => {
    await announcePortalChange(tx, [MATRIX_CACHE_TAG]);
    await recordAudit(tx, { actorId: audit.actorId, role: audit.role, action, subject: `new-media-account:${accountId}`, data: { applicationId: application.id, ...data }, ...audit.context });
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
      data: { status: "CANCELLING", cancelAnnouncedAt: now, cancelEffectiveOn: new Date(`${effectiveOn}T00:00:00Z`), cancelNotice: notice },
    });
    await record("registry.account.cancel_announced", account.id, { before: account.status, effectiveOn, notice });
  }
  return account.id;
}

/** 逐级审核: the current step's approver agrees (the next step follows, or the change applies) or refuses. */
export async function decideApplication(actor: Principal | null, input: unknown, context: Context = {}, now = new Date()) {
  if (!actor) throw unauthenticated();
  const parsed = parseOrThrow(ZDecide, input);
  if (parsed.decision === "REJECT" && !parsed.comment) throw invalid("不同意时请填写理由。", { comment: ["不同意时请填写理由。"] });
  const db = getDb();
  const application = await db.accountApplication.findUnique({
    where: { id: parsed.applicationId },
    include: { org: { select: { name: true } }, decisions: { select: { userId: true } } },
  });
  if (!application) throw notFound("未找到该申请。");
  const tree = await loadOrgTree(db);
  const lineage = tree.lineage(application.orgId);
  const chain = readChain(application.chain);
  const refusal = decisionRefusal(actor, { ...application, orgName: application.org.name }, chain, lineage);
  // Existence is not disclosed to those who may neither see nor decide it.
  if (!allows(actor, "registry.view", application.orgId, tree) && !allows(actor, "registry.approve", application.orgId, tree)) throw notFound("未找到该申请。");
  if (application.status !== "PENDING") throw conflict(refusal!);
  if (parsed.step !== undefined && parsed.step !== application.currentStep) throw conflict("该申请的审批环节已变化，请刷新页面后重试。");
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
      data: { applicationId: application.id, step: application.currentStep, stepName: step.name, userId: actor.id, decision: parsed.decision, comment: parsed.comment, at: now },
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
      await tx.accountApplication.update({ where: { id: application.id }, data: { status, decidedAt: now, accountId } });
    } else {
      await tx.accountApplication.update({ where: { id: application.id }, data: { currentStep: application.currentStep + 1 } });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: parsed.decision === "APPROVE" ? "registry.application.approve" : "registry.application.reject",
      subject: `account-application:${application.id}`,
      data: { step: application.currentStep, stepName: step.name, comment: parsed.comment, status },
      ...context,
    });
    const accountName = application.accountId ? ((await tx.newMediaAccount.findUnique({ where: { id: application.accountId }, select: { name: true } }))?.name ?? null) : null;
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
      await notify(tx, [application.submittedById], `申请${outcome}：${describeApplication(application, application.org.name, accountName)}${comment}`, applicationLink(application.id));
    }
    return { status, accountId, nextStep: status === "PENDING" ? chain[application.currentStep + 1]!.name : null };
  });
}

/** The submitter takes back an application still under way. */
export async function withdrawApplication(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { applicationId } = parseOrThrow(z.object({ applicationId: z.uuid({ message: "未找到该申请。" }) }), input);
  const db = getDb();
  const application = await db.accountApplication.findUnique({ where: { id: applicationId } });
  const tree = await loadOrgTree(db);
  if (!application || !allows(actor, "registry.view", application.orgId, tree)) throw notFound("未找到该申请。");
  if (application.submittedById !== actor.id) throw forbidden("只有提交人可以撤回申请。");
  const role = await assertCan(actor, "registry.apply", { orgId: application.orgId });
  return db.$transaction(async (tx) => {
    const updated = await tx.accountApplication.updateMany({ where: { id: application.id, status: "PENDING" }, data: { status: "WITHDRAWN", decidedAt: new Date() } });
    if (updated.count === 0) throw conflict("该申请已办结，不能撤回。");
    await recordAudit(tx, { actorId: actor.id, role, action: "registry.application.withdraw", subject: `account-application:${application.id}`, data: { kind: application.kind }, ...context });
    return { id: application.id };
  });
}

export type ApplicationBox = "todo" | "unit";

/** 待我审批 (applications whose current step the actor may decide) or 本单位申请 (all the actor may see). */
export async function listApplications(actor: Principal | null, box: ApplicationBox = "unit", take = 200) {
  assertHoldsRoleFor(actor, "registry.view");
  const db = getDb();
  const tree = await loadOrgTree(db);
  const rows = await db.accountApplication.findMany({
    where: box === "todo" ? { status: "PENDING" } : {},
    orderBy: { submittedAt: box === "todo" ? "asc" : "desc" },
    include: { org: { select: { name: true } }, submittedBy: { select: { displayName: true } }, decisions: { select: { userId: true } } },
    take: 2000,
  });
  const items = [];
  for (const row of rows) {
    const chain = readChain(row.chain);
    if (box === "todo") {
      if (decisionRefusal(actor!, { ...row, orgName: row.org.name }, chain, tree.lineage(row.orgId)) !== null) continue;
    } else if (!allows(actor, "registry.view", row.orgId, tree)) continue;
    items.push({
      id: row.id,
      kind: row.kind,
      kindLabel: t.applicationKinds[row.kind],
      unit: row.org.name,
      platform: t.platforms[row.platform],
      accountName: (row.data as { name?: string }).name ?? null,
      accountId: row.accountId,
      status: row.status,
      statusLabel: t.applicationStatus[row.status],
      currentStepName: row.status === "PENDING" ? (chain[row.currentStep]?.name ?? null) : null,
      submittedBy: row.submittedBy.displayName,
      submittedAt: row.submittedAt,
    });
    if (items.length >= take) break;
  }
  return items;
}

/** One 审批表: what is applied for, the chain as submitted, the decisions, and what the actor may do. */
export async function getApplication(actor: Principal | null, applicationId: string, now = new Date()) {
  if (!actor) throw unauthenticated();
  if (!z.uuid().safeParse(applicationId).success) throw notFound("未找到该申请。");
  const db = getDb();
  const application = await db.accountApplication.findUnique({
    where: { id: applicationId },
    include: {
      org: { select: { name: true } },
      account: true,
      submittedBy: { select: { displayName: true } },
      decisions: { include: { user: { select: { displayName: true } } }, orderBy: { step: "asc" } },
    },
  });
  const tree = await loadOrgTree(db);
  if (!application || !allows(actor, "registry.view", application.orgId, tree)) throw notFound("未找到该申请。");
  const chain = readChain(application.chain);
  const refusal = decisionRefusal(actor, { ...application, orgName: application.org.name }, chain, tree.lineage(application.orgId));
  const calendar = await loadCalendar(db);
  const data = application.data as Record<string, unknown>;
  const effectiveOn = typeof data.effectiveOn === "string" ? data.effectiveOn : null;
  return {
    id: application.id,
    kind: application.kind,
    kindLabel: t.applicationKinds[application.kind],
    unit: application.org.name,
    orgId: application.orgId,
    platform: application.platform,
    platformLabel: t.platforms[application.platform],
    account: application.account ? { id: application.account.id, name: application.account.name, status: application.account.status, statusLabel: t.accountStatus[application.account.status] } : null,
    data,
    reason: application.reason,
    status: application.status,
    statusLabel: t.applicationStatus[application.status],
    currentStep: application.currentStep,
    submittedBy: application.submittedBy.displayName,
    submittedAt: application.submittedAt,
    decidedAt: application.decidedAt,
    steps: chain.map((step, index) => {
      const decision = application.decisions.find((candidate) => candidate.step === index);
      return {
        index,
        name: step.name,
        approver: step.scope === "platform" ? platformApprover(step.role) : `本单位或上级单位${roleLabel(step.role)}`,
        decision: decision ? { decision: decision.decision, label: decision.decision === "APPROVE" ? "同意" : "不同意", by: decision.user.displayName, comment: decision.comment, at: decision.at } : null,
        isCurrent: application.status === "PENDING" && index === application.currentStep,
      };
    }),
    canDecide: refusal === null,
    decideRefusal: application.status === "PENDING" ? refusal : null,
    canWithdraw: application.status === "PENDING" && application.submittedById === actor.id,
    /** For a cancellation under way: the earliest effective date if it were approved today. */
    earliestEffectiveOn: application.kind === "CANCEL" && application.status === "PENDING" ? earliestCancellationDay(calendar, chinaDay(now)) : null,
    effectiveOn,
  };
}

// ───────────────────────── forms: what the actor may apply for ─────────────────────────

/** Units the actor may apply for, and the accounts of those units that an application may concern. */
export async function getApplicationOptions(actor: Principal | null, now = new Date()) {
  assertHoldsRoleFor(actor, "registry.apply");
  const db = getDb();
  const tree = await loadOrgTree(db);
  const orgs = tree.all.filter((org) => allows(actor, "registry.apply", org.id, tree)).map((org) => ({ id: org.id, name: org.name }));
  const accounts = await db.newMediaAccount.findMany({
    where: { orgId: { in: orgs.map((org) => org.id) }, status: { in: ["ACTIVE", "SUSPENDED"] } },
    include: { org: { select: { name: true } } },
    orderBy: [{ orgId: "asc" }, { platform: "asc" }],
  });
  const calendar = await loadCalendar(db);
  // The unit the actor belongs to comes first to mind; sections below it may apply too.
  const ownOrg = orgs.find((org) => actor!.memberships.some((membership) => membership.orgId === org.id && (APPLICANT_ROLES as readonly Role[]).includes(membership.role)));
  return {
    region: await getRegion(db),
    orgs,
    defaultOrgId: ownOrg?.id ?? orgs[0]?.id ?? null,
    accounts: accounts.map((account) => ({
      id: account.id,
      label: `${account.org.name} · ${t.platforms[account.platform]} · ${account.name}（${t.accountStatus[account.status]}）`,
      status: account.status,
      fields: accountFieldsOf(account),
    })),
    earliestEffectiveOn: earliestCancellationDay(calendar, chinaDay(now)),
  };
}

// ───────────────────────── the approval chain ─────────────────────────

export async function getApprovalChain(actor: Principal | null) {
  await assertCan(actor, "registry.configure", "platform");
  const steps = await getDb().registryApprovalStep.findMany({ orderBy: { position: "asc" } });
  return {
    steps: steps.map((step) => ({ position: step.position, name: step.name, role: step.role, scope: step.scope as StepScope })),
    region: await getRegion(),
    roles: APPROVER_ROLES.map((role) => ({ value: role, label: roleLabel(role) })),
    scopes: STEP_SCOPES.map((scope) => ({ value: scope, label: t.scopes[scope] })),
  };
}

/**
 * The chain from the configuration form: rows `steps.N.name|role|scope|order|remove`; removed and
 * blank rows are dropped, the rest sorted by their order number (then by row).
 */
export function chainFromForm(form: Record<string, unknown>, rows = 10): { name: unknown; role: unknown; scope: unknown }[] {
  const picked: { order: number; index: number; step: { name: unknown; role: unknown; scope: unknown } }[] = [];
  for (let index = 0; index < rows; index += 1) {
    const get = (field: string) => form[`steps.${index}.${field}`];
    if (get("remove") === "on") continue;
    const name = String(get("name") ?? "").trim();
    const role = String(get("role") ?? "");
    if (!name && !role) continue;
    const order = Number(get("order"));
    picked.push({ order: Number.isFinite(order) ? order : index + 1, index, step: { name, role, scope: get("scope") } });
  }
  return picked.sort((a, b) => a.order - b.order || a.index - b.index).map((entry) => entry.step);
}

/** Replaces the chain (reorder, add, remove). Applications under way keep the chain they were submitted with. */
export async function saveApprovalChain(actor: Principal | null, input: unknown, context: Context = {}) {
  const role = await assertCan(actor, "registry.configure", "platform");
  const parsed = z.object({ steps: ZChain }).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = typeof issue.path[1] === "number" ? `第 ${issue.path[1] + 1} 个环节：` : "";
    throw invalid(`${where}${issue.message}`, { steps: [`${where}${issue.message}`] });
  }
  const steps = parsed.data.steps;
  const names = steps.map((step) => step.name);
  if (new Set(names).size !== names.length) throw invalid("环节名称不能重复。", { steps: ["环节名称不能重复。"] });
  return getDb().$transaction(async (tx) => {
    const before = await tx.registryApprovalStep.findMany({ orderBy: { position: "asc" } });
    await tx.registryApprovalStep.deleteMany({});
    await tx.registryApprovalStep.createMany({ data: steps.map((step, position) => ({ position, ...step })) });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "registry.chain.update",
      subject: "registry:chain",
      data: { before: before.map(({ name, role, scope }) => ({ name, role, scope })), after: steps },
      ...context,
    });
    return steps;
  });
}

export async function setRegion(actor: Principal | null, input: unknown, context: Context = {}) {
  const role = await assertCan(actor, "registry.configure", "platform");
  const { region } = parseOrThrow(ZRegion, input);
  return getDb().$transaction(async (tx) => {
    const before = await getRegion(tx);
    await tx.platformState.upsert({ where: { key: REGION_STATE_KEY }, create: { key: REGION_STATE_KEY, value: { name: region } }, update: { value: { name: region } } });
    await announcePortalChange(tx, [MATRIX_CACHE_TAG]);
    await recordAudit(tx, { actorId: actor!.id, role, action: "registry.region.update", subject: "registry:region", data: { before, after: region }, ...context });
    return region;
  });
}

// ───────────────────────── the ledger (台账) ─────────────────────────

export type LedgerRow = {
  id: string;
  unit: string;
  orgId: string;
  platform: NewMediaPlatform;
  platformLabel: string;
  name: string;
  handle: string | null;
  manager: string;
  phone: string;
  status: AccountStatus;
  statusLabel: string;
  openedAt: Date;
  changedAt: Date | null;
  cancelEffectiveOn: string | null;
};

export async function listLedger(actor: Principal | null, input: Record<string, unknown> = {}) {
  assertHoldsRoleFor(actor, "registry.view");
  const filter = parseLedgerFilter(input);
  const db = getDb();
  const tree = await loadOrgTree(db);
  const visibleOrgs = tree.all.filter((org) => allows(actor, "registry.view", org.id, tree));
  const visible = new Set(visibleOrgs.map((org) => org.id));
  const accounts = await db.newMediaAccount.findMany({
    where: {
      orgId: filter.orgId ? (visible.has(filter.orgId) ? filter.orgId : "00000000-0000-0000-0000-000000000000") : { in: [...visible] },
      ...(filter.platform ? { platform: filter.platform } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.q ? { name: { contains: filter.q, mode: "insensitive" as const } } : {}),
    },
    orderBy: [{ openedAt: "asc" }],
    take: 5000,
  });
  const order = new Map(tree.all.map((org, index) => [org.id, index]));
  const rows: LedgerRow[] = accounts
    .map((account) => ({
      id: account.id,
      unit: tree.names.get(account.orgId) ?? "",
      orgId: account.orgId,
      platform: account.platform,
      platformLabel: t.platforms[account.platform],
      name: account.name,
      handle: account.handle,
      manager: account.manager,
      phone: account.phone,
      status: account.status,
      statusLabel: t.accountStatus[account.status],
      openedAt: account.openedAt,
      changedAt: account.changedAt,
      cancelEffectiveOn: account.cancelEffectiveOn ? account.cancelEffectiveOn.toISOString().slice(0, 10) : null,
    }))
    .sort((a, b) => (order.get(a.orgId) ?? 0) - (order.get(b.orgId) ?? 0) || PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform));
  return { filter, rows, orgs: visibleOrgs.map((org) => ({ id: org.id, name: org.name })) };
}

/** The filtered ledger as an .xlsx workbook (the export is audited: it carries contact details). */
export async function exportLedger(actor: Principal | null, input: Record<string, unknown> = {}, context: Context = {}): Promise<{ fileName: string; data: Buffer }> {
  const role = assertHoldsRoleFor(actor, "registry.view");
  const { filter, rows } = await listLedger(actor, input);
  const header = ["序号", "主办单位", "平台", "账号名称", "账号标识", "运维负责人", "联系电话", "状态", "开设时间", "最近变更", "注销生效日期"].map((value) => ({
    value,
    fontWeight: "bold" as const,
  }));
  const sheet = [
    [{ value: `政务新媒体台账（导出时间：${formatDateTime(new Date())}）`, fontWeight: "bold" as const, columnSpan: 11 }],
    header,
    ...rows.map((row, index) => [
      index + 1,
      row.unit,
      row.platformLabel,
      row.name,
      row.handle ?? "",
      row.manager,
      row.phone,
      row.statusLabel,
      formatDate(row.openedAt),
      row.changedAt ? formatDate(row.changedAt) : "",
      row.cancelEffectiveOn ?? "",
    ]),
  ];
  const columns = [{ width: 6 }, { width: 28 }, { width: 12 }, { width: 24 }, { width: 20 }, { width: 12 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 14 }];
  const data = await writeExcelFile(sheet as never, { columns, sheet: "政务新媒体台账" }).toBuffer();
  await getDb().$transaction((tx) =>
    recordAudit(tx, { actorId: actor!.id, role, action: "registry.export", subject: "registry:ledger", data: { filter, rows: rows.length }, ...context }),
  );
  return { fileName: `政务新媒体台账-${chinaDay(new Date())}.xlsx`, data };
}

// ───────────────────────── the public matrix (政务新媒体矩阵) ─────────────────────────

/**
 * The public matrix of a site: accounts of the site's unit and every unit below it (来政办发〔2021〕30号
 * 第二十条: 归集展示辖区的政务新媒体), grouped by unit in the organization tree's order, with the
 * cancellations now announced (注销公告). No contact details: they are not public.
 */
export async function getNewMediaMatrix(siteOrgId: string) {
  tagPage(MATRIX_CACHE_TAG);
  const db = getDb();
  const tree = await loadOrgTree(db);
  const inScope = tree.all.filter((org) => tree.lineage(org.id).includes(siteOrgId));
  // Depth-first, siblings by position: the unit, then the units below it.
  const children = new Map<string | null, typeof tree.all>();
  for (const org of inScope) {
    const parent = org.id === siteOrgId ? null : org.parentId;
    children.set(parent, [...(children.get(parent) ?? []), org]);
  }
  const ordered: string[] = [];
  const walk = (parent: string | null) => {
    for (const org of children.get(parent) ?? []) {
      ordered.push(org.id);
      walk(org.id);
    }
  };
  walk(null);
  const accounts = await db.newMediaAccount.findMany({
    where: { orgId: { in: ordered }, status: { in: ["ACTIVE", "SUSPENDED", "CANCELLING"] } },
    select: { id: true, orgId: true, platform: true, name: true, handle: true, status: true, cancelAnnouncedAt: true, cancelEffectiveOn: true, cancelNotice: true },
  });
  const units = ordered
    .map((orgId) => ({
      orgId,
      unit: tree.names.get(orgId) ?? "",
      accounts: accounts
        .filter((account) => account.orgId === orgId)
        .sort((a, b) => PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform))
        .map((account) => ({
          id: account.id,
          platform: account.platform,
          platformLabel: t.platforms[account.platform],
          name: account.name,
          handle: account.handle,
          status: account.status,
          cancelEffectiveOn: account.cancelEffectiveOn ? account.cancelEffectiveOn.toISOString().slice(0, 10) : null,
        })),
    }))
    .filter((unit) => unit.accounts.length > 0);
  const announcements = accounts
    .filter((account) => account.status === "CANCELLING" && account.cancelEffectiveOn)
    .sort((a, b) => (b.cancelAnnouncedAt?.getTime() ?? 0) - (a.cancelAnnouncedAt?.getTime() ?? 0))
    .map((account) => ({
      id: account.id,
      unit: tree.names.get(account.orgId) ?? "",
      platformLabel: t.platforms[account.platform],
      name: account.name,
      announcedOn: account.cancelAnnouncedAt ? chinaDay(account.cancelAnnouncedAt) : null,
      effectiveOn: account.cancelEffectiveOn!.toISOString().slice(0, 10),
      effectiveOnText: chineseDay(account.cancelEffectiveOn!.toISOString().slice(0, 10)),
      notice: account.cancelNotice ?? "",
    }));
  return { region: await getRegion(db), units, announcements };
}

// ───────────────────────── the daily job ─────────────────────────

/** 公告期满后及时注销: accounts whose cancellation takes effect today or earlier become 已注销. */
export async function completeDueCancellations(db: Db = getDb(), now = new Date()): Promise<number> {
  const today = new Date(`${chinaDay(now)}T00:00:00Z`);
  const due = await db.newMediaAccount.findMany({ where: { status: "CANCELLING", cancelEffectiveOn: { lte: today } }, select: { id: true, name: true, cancelEffectiveOn: true } });
  let done = 0;
  for (const account of due) {
    const changed = await db.$transaction(async (tx) => {
      const updated = await tx.newMediaAccount.updateMany({ where: { id: account.id, status: "CANCELLING" }, data: { status: "CANCELLED", cancelledAt: now } });
      if (updated.count === 0) return false;
      await announcePortalChange(tx, [MATRIX_CACHE_TAG]);
      await recordAudit(tx, {
        actorId: null,
        action: "registry.account.cancelled",
        subject: `new-media-account:${account.id}`,
        data: { name: account.name, effectiveOn: account.cancelEffectiveOn!.toISOString().slice(0, 10) },
      });
      return true;
    });
    if (changed) done += 1;
  }
  return done;
}
