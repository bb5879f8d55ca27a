import { z } from "zod";
import { zText } from "@/lib/validation/text";
import type { AccountStatus, ApplicationKind, NewMediaPlatform, Role } from "@/lib/db/generated/client";
import { PERMISSIONS } from "@/lib/auth/permission-table";
import type { RequestContext } from "@/lib/auth/authenticate";
import { isIsoDay } from "@/lib/calendar/working-days";
import { phoneViolation } from "@/lib/registry/rules";

// 政务新媒体备案 (渝府办发〔2019〕64号; 来政办发〔2021〕30号): government new-media accounts are
// opened, changed, suspended and cancelled (开设、变更、关停、注销) only through an application
// (审批表) that passes the configurable approval chain — the unit's principal, then the
// supervising unit. The chain is copied into the application when it is submitted, so a later
// change of the chain does not move applications under way. The final approval applies the
// change in the same transaction. The ledger (台账) lists every account; the public matrix
// (政务新媒体矩阵) shows the accounts of a site's unit and the units below it.
//
// This file holds the registry's vocabulary and input schemas, shared by its use cases (one per
// file beside it) and the forms that feed them.

export type Context = Partial<RequestContext>;

export const REGION_STATE_KEY = "registry.region";
/** The portal page cache's tag of the public matrix pages: purged whenever an account changes. */
export const MATRIX_CACHE_TAG = "new-media-matrix";
export const PLATFORMS = ["WECHAT", "WEIBO", "TOUTIAO", "APP", "OTHER"] as const satisfies readonly NewMediaPlatform[];
export const ACCOUNT_STATUSES = [
  "ACTIVE",
  "SUSPENDED",
  "CANCELLING",
  "CANCELLED",
] as const satisfies readonly AccountStatus[];
export const APPLICATION_KINDS = ["OPEN", "CHANGE", "SUSPEND", "CANCEL"] as const satisfies readonly ApplicationKind[];
/** Roles a chain step may name: those the permission table lets approve registry applications. */
export const APPROVER_ROLES = PERMISSIONS["registry.approve"].roles;
export const APPLICANT_ROLES = PERMISSIONS["registry.apply"].roles;
export const STEP_SCOPES = ["unit", "platform"] as const;
export type StepScope = (typeof STEP_SCOPES)[number];
export type ChainStep = { position: number; name: string; role: Role; scope: StepScope };

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不超过 ${max} 个字`)
    .nullish()
    .transform((value) => value || null);

export const ZAccountFields = z.object({
  name: z
    .string({ message: "请填写账号名称" })
    .trim()
    .min(2, "请填写账号名称（至少 2 个字）")
    .max(30, "账号名称不超过 30 个字"),
  handle: optionalText("账号标识", 64),
  manager: z
    .string({ message: "请填写运维负责人" })
    .trim()
    .min(2, "请填写运维负责人姓名")
    .max(20, "运维负责人不超过 20 个字"),
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

const ZReason = z
  .string({ message: "请填写申请理由" })
  .trim()
  .min(4, "请填写申请理由（至少 4 个字）")
  .max(500, "申请理由不超过 500 字");
const ZAccountId = z.uuid({ message: "请选择账号" });
const ZIsoDay = z.string({ message: "请填写注销生效日期" }).trim().refine(isIsoDay, "注销生效日期格式应为“2026-10-19”");

export const SUBMIT_SCHEMAS = {
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
    notice: z
      .string({ message: "请填写注销公告内容" })
      .trim()
      .min(10, "请填写注销公告内容（至少 10 个字）")
      .max(1000, "注销公告不超过 1000 字"),
  }),
} as const;

export const ZKind = z.enum(APPLICATION_KINDS, { message: "请选择申请类型（开设、变更、关停、注销）" });

export const ZDecide = z.object({
  applicationId: z.uuid({ message: "未找到该申请。" }),
  decision: z.enum(["APPROVE", "REJECT"], { message: "请选择同意或不同意" }),
  comment: zText()
    .trim()
    .max(500, "审批意见不超过 500 字")
    .optional()
    .transform((value) => value || null),
  /** The step the approver saw; a stale page is refused rather than deciding the next step. */
  step: z.coerce.number().int().min(0).optional(),
});

export const ZApplicationId = z.object({ applicationId: z.uuid({ message: "未找到该申请。" }) });

const ZChainStep = z.object({
  name: z
    .string({ message: "请填写环节名称" })
    .trim()
    .min(2, "请填写环节名称（至少 2 个字）")
    .max(30, "环节名称不超过 30 个字"),
  role: z.enum(APPROVER_ROLES, { message: "请选择审批角色" }),
  scope: z.enum(STEP_SCOPES, { message: "请选择审批范围" }),
});
export const ZChain = z.array(ZChainStep).min(1, "审批链至少要有一个环节。").max(6, "审批链不超过 6 个环节。");
const ZStoredChain = z.array(ZChainStep.extend({ position: z.number().int() }));

export function readChain(value: unknown): ChainStep[] {
  return ZStoredChain.parse(value) as ChainStep[];
}

export const ZRegion = z.object({
  region: z
    .string({ message: "请填写地区名称" })
    .trim()
    .min(2, "地区名称至少 2 个字")
    .max(10, "地区名称不超过 10 个字")
    .regex(/^[\u4e00-\u9fa5]+$/, "地区名称只能是汉字，如“重庆”"),
});

const ZLedgerFilter = z.object({
  orgId: z
    .union([z.uuid(), z.literal("")])
    .optional()
    .transform((value) => value || undefined),
  platform: z
    .union([z.enum(PLATFORMS), z.literal("")])
    .optional()
    .transform((value) => value || undefined),
  status: z
    .union([z.enum(ACCOUNT_STATUSES), z.literal("")])
    .optional()
    .transform((value) => value || undefined),
  q: zText()
    .trim()
    .max(50)
    .optional()
    .transform((value) => value || undefined),
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
