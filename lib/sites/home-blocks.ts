import { z } from "zod";
import type { HomeBlockKind } from "@/lib/db/generated/client";
import { zText } from "@/lib/validation/text";
import { zLinkTarget } from "@/lib/validation/url";
import { ASSET_PATH } from "@/lib/library/metadata";
import { messages } from "@/lib/i18n/zh-CN";

// The blocks a site's home page is composed of (首页区块): one schema per kind for its settings,
// shared by the composer's form and the use cases that save them. Pure: no database here; which
// columns exist on the site is checked when a layout is saved (lib/sites/home-layout.ts).

const t = messages.homeBlocks;

export const HOME_BLOCK_KINDS = [
  "FOCUS",
  "HEADLINES",
  "COLUMN",
  "NOTICES",
  "POLICIES",
  "INTERPRETATIONS",
  "SERVICES",
  "INTERACTION",
  "TOPICS",
  "LEADERS",
  "IMAGE_BANNER",
  "LINKS",
] as const satisfies readonly HomeBlockKind[];

/** A kind of block, as the composer names it (the database enum's values). */
export type THomeBlockKind = (typeof HOME_BLOCK_KINDS)[number];

/** At most this many blocks on one home page. */
export const MAX_HOME_BLOCKS = 30;

const zColumnId = z.uuid("请选择栏目");
const zOptionalColumnId = z.preprocess(
  (value) => (value === "" || value === undefined ? null : value),
  zColumnId.nullable(),
);
const zColumnIds = (min: number) =>
  z
    .array(zColumnId, { message: "请选择栏目" })
    .min(min, "请至少选择一个栏目")
    .max(6, "最多选择 6 个栏目")
    .transform((ids) => [...new Set(ids)]);
const zCount = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ message: "显示条数须为数字" })
    .int("显示条数须为整数")
    .min(min, `显示条数不少于 ${min}`)
    .max(max, `显示条数不超过 ${max}`)
    .default(fallback);
const zFlag = z.boolean({ message: "请勾选或取消勾选" }).default(false);

export const ZLinkEntry = z.object({
  name: zText({ singleLine: true, message: "链接名称不能含有换行或控制字符" })
    .trim()
    .min(1, "请填写链接名称")
    .max(40, "链接名称不超过 40 字"),
  url: zLinkTarget(),
});

/** Settings of each kind of block. */
export const HOME_BLOCK_CONFIGS = {
  /** 焦点图: title images of the newest items of the chosen columns (items without one are passed over). */
  FOCUS: z.object({ columnIds: zColumnIds(1), count: zCount(2, 8, 5) }),
  /** 要闻: the newest item as the headline, then a list; no column means the whole site. */
  HEADLINES: z.object({ columnIds: zColumnIds(0), count: zCount(3, 12, 8), withImage: z.boolean().default(true) }),
  /** One column (with its sub-columns): a list, with or without summary and title image. */
  COLUMN: z.object({ columnId: zColumnId, count: zCount(3, 12, 6), showSummary: zFlag, showImage: zFlag }),
  NOTICES: z.object({ columnId: zColumnId, count: zCount(3, 12, 6) }),
  /** 政策文件 with their 文号; no column means every policy document placed on the site. */
  POLICIES: z.object({ columnIds: zColumnIds(0), count: zCount(3, 12, 6) }),
  INTERPRETATIONS: z.object({ columnIds: zColumnIds(0), count: zCount(3, 12, 6) }),
  /** 办事服务: the link columns under the chosen column; none chosen: the site's service columns. */
  SERVICES: z.object({ columnId: zOptionalColumnId, count: zCount(2, 24, 12) }),
  /** 政民互动: the chosen (or the site's first) interaction column, its sub-columns and the letter form. */
  INTERACTION: z.object({ columnId: zOptionalColumnId }),
  /** 专题 banners: TOPIC columns with a banner, under the chosen column (none chosen: the whole site). */
  TOPICS: z.object({ columnId: zOptionalColumnId, count: zCount(1, 8, 4) }),
  /** 领导之窗: LEADER items placed in the column, by their rank. */
  LEADERS: z.object({ columnId: zColumnId, count: zCount(1, 12, 8) }),
  IMAGE_BANNER: z.object({
    src: z
      .string({ message: "请上传横幅图片" })
      .trim()
      .regex(ASSET_PATH, "横幅图片须是素材库中的图片（/api/assets/…）"),
    href: z.preprocess((value) => (value === "" ? null : value), zLinkTarget().nullable().default(null)),
    alt: zText({ singleLine: true, message: "图片说明不能含有换行或控制字符" })
      .trim()
      .min(2, "请填写图片说明（供读屏软件朗读）")
      .max(100, "图片说明不超过 100 字"),
  }),
  /** A group of links (中国政府网, the city portal, 友情链接); the block's title names the group. */
  LINKS: z.object({
    links: z.array(ZLinkEntry, { message: "请填写链接" }).min(1, "请至少填写一个链接").max(30, "链接不超过 30 个"),
  }),
} satisfies Record<HomeBlockKind, z.ZodType>;

export type HomeBlockConfigs = { [K in HomeBlockKind]: z.output<(typeof HOME_BLOCK_CONFIGS)[K]> };

const zTitle = zText({ singleLine: true, message: "区块标题不能含有换行或控制字符" })
  .trim()
  .min(2, "区块标题至少 2 个字")
  .max(20, "区块标题不超过 20 字");

const blockOf = <K extends HomeBlockKind>(kind: K) =>
  z.object({
    kind: z.literal(kind),
    title: zTitle,
    config: HOME_BLOCK_CONFIGS[kind] as (typeof HOME_BLOCK_CONFIGS)[K],
  });

export const ZHomeBlock = z.discriminatedUnion(
  "kind",
  [
    blockOf("FOCUS"),
    blockOf("HEADLINES"),
    blockOf("COLUMN"),
    blockOf("NOTICES"),
    blockOf("POLICIES"),
    blockOf("INTERPRETATIONS"),
    blockOf("SERVICES"),
    blockOf("INTERACTION"),
    blockOf("TOPICS"),
    blockOf("LEADERS"),
    blockOf("IMAGE_BANNER"),
    blockOf("LINKS"),
  ],
  { error: "请选择区块类型" },
);
export type THomeBlock = z.output<typeof ZHomeBlock>;
export type THomeBlockInput = z.input<typeof ZHomeBlock>;

export const ZHomeLayoutInput = z.object({
  siteId: z.uuid(),
  /** The draft version the composer started from (optimistic concurrency). */
  baseVersion: z.coerce.number().int().min(0),
  blocks: z
    .array(ZHomeBlock, { message: "首页布局格式不正确" })
    .min(1, "首页至少需要一个区块")
    .max(MAX_HOME_BLOCKS, `区块不超过 ${MAX_HOME_BLOCKS} 个`),
});
export type THomeLayoutInput = z.input<typeof ZHomeLayoutInput>;

/** The columns a block refers to, for the check that they are the site's. */
export function referencedColumnIds(block: THomeBlock): string[] {
  const config = block.config as Partial<{ columnId: string | null; columnIds: string[] }>;
  return [...(config.columnIds ?? []), ...(config.columnId ? [config.columnId] : [])];
}

/** One line per block, for the audit record and the composer: "焦点图「图片新闻」". */
export function describeBlock(block: Pick<THomeBlock, "kind" | "title">): string {
  return `${t.kinds[block.kind]}「${block.title}」`;
}

/**
 * What changed between two layouts, in words, for the audit record: blocks added, removed,
 * reconfigured and whether the order changed. Blocks are matched by kind and title.
 */
export function describeLayoutChanges(before: THomeBlock[], after: THomeBlock[]): string[] {
  const key = (block: THomeBlock) => `${block.kind}:${block.title}`;
  const beforeKeys = before.map(key);
  const afterKeys = after.map(key);
  const changes: string[] = [];
  for (const block of after) if (!beforeKeys.includes(key(block))) changes.push(`新增${describeBlock(block)}`);
  for (const block of before) if (!afterKeys.includes(key(block))) changes.push(`删除${describeBlock(block)}`);
  for (const block of after) {
    const old = before.find((candidate) => key(candidate) === key(block));
    if (old && JSON.stringify(old.config) !== JSON.stringify(block.config))
      changes.push(`修改${describeBlock(block)}的设置`);
  }
  const kept = (keys: string[], other: string[]) => keys.filter((value) => other.includes(value));
  if (kept(beforeKeys, afterKeys).join("|") !== kept(afterKeys, beforeKeys).join("|")) changes.push("调整区块顺序");
  return changes;
}
