import { z } from "zod";
import { zIsoDay, zText } from "@/lib/validation/text";
import { isHttpUrl, zHttpUrl } from "@/lib/validation/url";
import type { ResourceKind } from "@/lib/db/generated/client";
import { parseDocNumber } from "@/lib/library/doc-number";

// Metadata carried by every revision (统一分类、统一元数据) and the extra fields of policy
// documents. It is part of what reviewers sign: the content hash covers it.

const isoDate = zIsoDay();
const FOCAL_MESSAGE = "焦点位置须在图片范围内（0 到 1 之间）";
/** The address of an asset of the library (lib/library/assets.ts assetUrl). */
export const ASSET_PATH = /^\/api\/assets\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const optionalDate = isoDate.nullable().optional();

export const GENRES = [
  "命令",
  "决定",
  "公告",
  "通告",
  "意见",
  "通知",
  "通报",
  "报告",
  "请示",
  "批复",
  "议案",
  "函",
  "纪要",
  "决议",
  "公报",
  "办法",
  "规定",
  "细则",
  "其他",
] as const;
export const AUDIENCES = ["公众", "企业", "政府部门", "其他"] as const;

/** A blank optional field is absent: stored and hashed as if never filled in. */
const blankAsAbsent = (value: string) => (value ? value : undefined);

/** An optional one-line text field of at most `max` characters. */
const optionalLine = (label: string, max: number) =>
  zText({ singleLine: true, message: `${label}不能含有换行或控制字符` })
    .trim()
    .max(max, `${label}不超过 ${max} 字`)
    .transform(blankAsAbsent)
    .optional();

export const ZSource = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("original"),
    /** 来源名称 as the public sees it (e.g. 重庆日报, 市政府办公室); the owning unit when absent. */
    name: optionalLine("来源名称", 50),
  }),
  z.object({
    type: z.literal("reprint"),
    originName: zText().trim().min(1, "转载须填写来源名称"),
    // Only http(s): the URL reaches JSON renditions and feeds, where javascript: or data: would run.
    originUrl: zHttpUrl("来源链接须为 http:// 或 https:// 开头的完整网址").optional(),
  }),
]);

/** The reason categories of 不予公开 (《政府信息公开条例》第十四至十六条). */
export const DISCLOSURE_REASONS = [
  "state_secret",
  "law_prohibited",
  "security_stability",
  "third_party",
  "internal_affairs",
  "process_information",
  "administrative_enforcement",
] as const;

/** 主动公开 / 依申请公开 / 不予公开 (with the reason category, 《政府信息公开条例》第十四至十六条). */
export const ZDisclosure = z.discriminatedUnion("type", [
  z.object({ type: z.literal("proactive") }),
  z.object({ type: z.literal("on_request") }),
  z.object({
    type: z.literal("not_disclosed"),
    reason: z.enum(DISCLOSURE_REASONS, {
      message: "不予公开须选择理由类别",
    }),
  }),
]);

export const RELATION_KINDS = ["REVISES", "REPEALS", "INTERPRETS", "BASED_ON"] as const;
export const ZRelation = z.object({ kind: z.enum(RELATION_KINDS), targetId: z.uuid() });

/** 文件类别 for table 二 of the 政府信息公开工作年度报告: 规章, 行政规范性文件; absent for other documents. */
export const POLICY_CATEGORIES = ["rule", "normative"] as const;

export const ZPolicyFields = z
  .object({
    docNumber: zText().min(1).nullable(),
    issuer: zText().trim().min(1, "请填写发文机关"),
    writtenOn: isoDate.nullable(),
    effectiveOn: optionalDate,
    /** 废止/失效日期: the day after which the document no longer applies. */
    expiresOn: optionalDate,
    genre: zText().min(1),
    category: z.enum(POLICY_CATEGORIES, { message: "文件类别应为规章或行政规范性文件" }).optional(),
    addressee: zText().nullable().optional(),
  })
  .superRefine((policy, context) => {
    if (policy.docNumber !== null) {
      const parsed = parseDocNumber(policy.docNumber);
      if (!parsed.ok) context.addIssue({ code: "custom", path: ["docNumber"], message: parsed.message });
    }
    if (policy.effectiveOn && policy.expiresOn && policy.expiresOn < policy.effectiveOn) {
      context.addIssue({ code: "custom", path: ["expiresOn"], message: "失效日期不能早于实施日期" });
    }
  });

/** 标题图片: an image of the asset library, by the address pages use, and where its subject is. */
export const ZTitleImage = z.object({
  src: z.string({ message: "请从素材库选择标题图片" }).regex(ASSET_PATH, "标题图片须是素材库中的图片"),
  /** The focal point (焦点), as fractions of the width and height from the top left. */
  focalX: z
    .number({ message: "焦点位置须是 0 到 1 之间的数" })
    .min(0, FOCAL_MESSAGE)
    .max(1, FOCAL_MESSAGE)
    .default(0.5),
  focalY: z
    .number({ message: "焦点位置须是 0 到 1 之间的数" })
    .min(0, FOCAL_MESSAGE)
    .max(1, FOCAL_MESSAGE)
    .default(0.5),
  alt: optionalLine("标题图片说明", 100),
});

/** 领导之窗: one leader's card; the revision's body is the 简历. */
export const ZLeaderFields = z.object({
  name: zText({ singleLine: true, message: "姓名不能含有换行或控制字符" })
    .trim()
    .min(1, "请填写领导姓名")
    .max(20, "姓名不超过 20 字"),
  /** 职务, e.g. 区委副书记、区长 */
  post: zText({ singleLine: true, message: "职务不能含有换行或控制字符" })
    .trim()
    .min(1, "请填写职务")
    .max(100, "职务不超过 100 字"),
  /** 工作分工 */
  duties: zText().trim().max(2000, "分工不超过 2000 字").default(""),
  photo: ZTitleImage.optional(),
  /** 排序: leaders are listed by rank, lowest first (区长 before 副区长). */
  rank: z.number({ message: "排序须是整数" }).int("排序须是整数").min(0).max(999).default(0),
});

/** 机构职能: the unit's own particulars, each optional; the revision's body is the 主要职责. */
export const ZInstitutionFields = z.object({
  /** 机构名称 */
  name: optionalLine("机构名称", 50),
  /** 负责人 */
  head: optionalLine("负责人", 50),
  /** 办公地址 */
  address: optionalLine("办公地址", 100),
  /** 办公电话: digits, spaces, hyphens, parentheses and separators between several numbers. */
  phone: zText({ singleLine: true, message: "办公电话不能含有换行或控制字符" })
    .trim()
    .max(60, "办公电话不超过 60 字")
    .regex(/^[0-9０-９\s()（）+\-－—、,，;；转]*$/u, "办公电话只能填写数字、区号分隔符和“转”")
    .transform(blankAsAbsent)
    .optional(),
  /** 办公时间, e.g. 工作日 9:00—12:00，14:00—18:00 */
  hours: optionalLine("办公时间", 100),
});

/** 问答 (答问库): themes, the policies the answer rests on, 有效期 and 答复单位; the question is the title, the 答复口径 the body. */
export const ZQaFields = z
  .object({
    /** 答问主题 codes (QaTheme). */
    themes: z
      .array(zText({ singleLine: true }).trim().min(1))
      .max(5, "答问主题不超过 5 个")
      .default([]),
    /** 关联政策: POLICY or INTERPRETATION resources. */
    policyIds: z
      .array(z.uuid({ message: "关联政策不正确" }))
      .max(20, "关联政策不超过 20 份")
      .default([]),
    validFrom: optionalDate,
    validTo: optionalDate,
    /** 答复单位: the owning unit when absent. */
    unitId: z.uuid({ message: "请选择答复单位" }).optional(),
  })
  .superRefine((qa, context) => {
    if (qa.validFrom && qa.validTo && qa.validTo < qa.validFrom) {
      context.addIssue({ code: "custom", path: ["validTo"], message: "有效期截止日期不能早于起始日期" });
    }
    if (new Set(qa.policyIds).size !== qa.policyIds.length) {
      context.addIssue({ code: "custom", path: ["policyIds"], message: "同一份政策不能重复关联" });
    }
  });

export const ZRevisionMetadata = z.object({
  /** 引题: the line above the title. */
  leadTitle: optionalLine("引题", 100),
  /** 副标题: the line below the title. */
  subtitle: optionalLine("副标题", 100),
  author: optionalLine("作者", 50),
  /** 责任编辑 */
  editor: optionalLine("责任编辑", 50),
  titleImage: ZTitleImage.optional(),
  /** 外链: the item is a link to another page; only http(s), as every link the platform renders. */
  externalUrl: z
    .string()
    .trim()
    .max(500, "外链过长")
    .refine((value) => value === "" || isHttpUrl(value), "外链须为 http:// 或 https:// 开头的完整网址")
    .transform(blankAsAbsent)
    .optional(),
  summary: zText().max(500, "摘要不超过 500 字").optional(),
  source: ZSource,
  keywords: z.array(zText().trim().min(1)).max(20).default([]),
  themeCode: zText().optional(),
  audience: z.enum(AUDIENCES).optional(),
  disclosure: ZDisclosure.default({ type: "proactive" }),
  relations: z.array(ZRelation).default([]),
  policy: ZPolicyFields.optional(),
  leader: ZLeaderFields.optional(),
  institution: ZInstitutionFields.optional(),
  qa: ZQaFields.optional(),
});

/** Metadata as stored and signed (defaults applied). */
export type TRevisionMetadata = z.output<typeof ZRevisionMetadata>;
/** Metadata as a form sends it (the editor's state): defaulted fields may be left out. */
export type TRevisionMetadataInput = z.input<typeof ZRevisionMetadata>;
export type TDisclosure = z.output<typeof ZDisclosure>;
export type TRelation = z.output<typeof ZRelation>;
export type TPolicyFields = z.output<typeof ZPolicyFields>;
export type TPolicyFieldsInput = z.input<typeof ZPolicyFields>;
export type TTitleImage = z.output<typeof ZTitleImage>;
export type TLeaderFields = z.output<typeof ZLeaderFields>;
export type TInstitutionFields = z.output<typeof ZInstitutionFields>;
export type TQaFields = z.output<typeof ZQaFields>;
export type TDisclosureReason = (typeof DISCLOSURE_REASONS)[number];

const STORED_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

function cleanStored(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(STORED_CONTROL, "");
  if (Array.isArray(value)) return value.map((entry) => cleanStored(entry, depth + 1));
  if (value && typeof value === "object" && depth < 32) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, cleanStored(entry, depth + 1)]),
    );
  }
  return value;
}

/**
 * Metadata as saved by earlier versions, read with today's rules: a 转载 source URL that is not
 * http(s) is dropped (never shown or syndicated), and control characters are removed, so a
 * revision saved before these rules still renders.
 */
export const ZStoredRevisionMetadata = z.preprocess((value) => {
  const cleaned = cleanStored(value) as { source?: { originUrl?: unknown } } | null;
  const originUrl = cleaned?.source?.originUrl;
  if (cleaned?.source && originUrl !== undefined && !(typeof originUrl === "string" && isHttpUrl(originUrl.trim()))) {
    const { originUrl: _dropped, ...source } = cleaned.source;
    return { ...cleaned, source };
  }
  return cleaned;
}, ZRevisionMetadata);

/** Kind-specific rules on top of the shared shape. */
export function kindIssues(kind: ResourceKind, metadata: TRevisionMetadata): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (kind === "POLICY" && !metadata.policy)
    issues.push({ path: "policy", message: "政策文件须填写文号、发文机关等信息" });
  if (kind !== "POLICY" && metadata.policy) issues.push({ path: "policy", message: "只有政策文件有文号等发文信息" });
  if (kind === "LEADER" && !metadata.leader) issues.push({ path: "leader", message: "领导之窗须填写姓名、职务等信息" });
  if (kind !== "LEADER" && metadata.leader) issues.push({ path: "leader", message: "只有领导之窗有姓名、职务等信息" });
  if (kind !== "INSTITUTION" && metadata.institution) {
    issues.push({ path: "institution", message: "只有机构职能有机构名称、办公地址等信息" });
  }
  if (kind !== "QA" && metadata.qa) issues.push({ path: "qa", message: "只有问答有答问主题、关联政策和有效期" });
  if (kind === "SINGLE_PAGE" && metadata.relations.length) {
    issues.push({ path: "relations", message: "单页不关联其他文件" });
  }
  if (kind === "INTERPRETATION" && !metadata.relations.some((relation) => relation.kind === "INTERPRETS")) {
    issues.push({ path: "relations", message: "政策解读须关联至少一份所解读的政策文件" });
  }
  if (
    kind !== "POLICY" &&
    metadata.relations.some((relation) => relation.kind === "REVISES" || relation.kind === "REPEALS")
  ) {
    issues.push({ path: "relations", message: "只有政策文件可以修订或废止其他文件" });
  }
  return issues;
}

/** The label shown as 来源 on portal pages. */
export function sourceLabel(metadata: TRevisionMetadata, ownerName: string): string {
  return metadata.source.type === "reprint" ? metadata.source.originName : (metadata.source.name ?? ownerName);
}
