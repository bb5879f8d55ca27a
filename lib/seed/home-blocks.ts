import type { Tx } from "@/lib/db/client";
import { ZHomeBlock, type THomeBlock } from "@/lib/sites/home-blocks";

// The demo sites' published home pages (首页区块), as their administrators would compose them.
// Blocks name columns by slug; a block whose columns the site does not have is left out, so the
// layout follows whatever standard columns the demo seed creates.

type SeedBlock = { kind: THomeBlock["kind"]; title: string; columns?: string[]; column?: string; config?: object };

const GOVERNMENT_LINKS = [
  { name: "中国政府网", url: "https://www.gov.cn/" },
  { name: "重庆市人民政府", url: "https://www.cq.gov.cn/" },
  { name: "重庆市政务服务网", url: "https://zwykb.cq.gov.cn/" },
  { name: "国家政务服务平台", url: "https://gjzwfw.www.gov.cn/" },
];

const FRIENDLY_LINKS = [
  { name: "新华网", url: "https://www.news.cn/" },
  { name: "人民网", url: "http://www.people.com.cn/" },
  { name: "华龙网", url: "https://www.cqnews.net/" },
];

const LAYOUTS: Record<string, SeedBlock[]> = {
  // 重庆市沙坪坝区人民政府
  "5001060001": [
    { kind: "FOCUS", title: "图片新闻", columns: ["ywdt", "bmdt"], config: { count: 5 } },
    { kind: "HEADLINES", title: "沙坪坝要闻", columns: ["ywdt"], config: { count: 8, withImage: false } },
    { kind: "NOTICES", title: "通知公告", column: "tzgg", config: { count: 7 } },
    // Every policy document the site shows (its own and the higher-level ones), with 文号.
    { kind: "POLICIES", title: "最新政策文件", columns: [], config: { count: 7 } },
    { kind: "INTERPRETATIONS", title: "政策解读", columns: ["zcjd"], config: { count: 7 } },
    { kind: "LEADERS", title: "领导之窗", column: "ldzc", config: { count: 8 } },
    { kind: "TOPICS", title: "专题专栏", column: "zt", config: { count: 4 } },
    { kind: "COLUMN", title: "部门动态", column: "bmdt", config: { count: 5, showSummary: true, showImage: true } },
    { kind: "INTERACTION", title: "政民互动", column: "zmhd" },
    { kind: "SERVICES", title: "办事服务", column: "bsfw", config: { count: 12 } },
    { kind: "LINKS", title: "政府网站", config: { links: GOVERNMENT_LINKS } },
    { kind: "LINKS", title: "友情链接", config: { links: FRIENDLY_LINKS } },
  ],
  // 重庆市文化和旅游发展委员会
  "5000000037": [
    { kind: "FOCUS", title: "文旅图片", columns: ["wlyw"], config: { count: 5 } },
    { kind: "HEADLINES", title: "文旅要闻", columns: ["wlyw"], config: { count: 8, withImage: false } },
    { kind: "NOTICES", title: "通知公告", column: "tzgg", config: { count: 6 } },
    { kind: "POLICIES", title: "最新政策文件", columns: [], config: { count: 6 } },
    { kind: "INTERPRETATIONS", title: "政策解读", columns: ["zcjd"], config: { count: 6 } },
    { kind: "INTERACTION", title: "互动交流", column: "hdjl" },
    { kind: "LEADERS", title: "领导之窗", column: "ldzc", config: { count: 8 } },
    { kind: "TOPICS", title: "专题专栏", column: "zt", config: { count: 4 } },
    { kind: "LINKS", title: "政府网站", config: { links: GOVERNMENT_LINKS } },
  ],
};

/** Resolves a seed block against the site's columns; null when one of its columns is missing. */
export function resolveSeedBlock(block: SeedBlock, columnIdBySlug: ReadonlyMap<string, string>): THomeBlock | null {
  const config: Record<string, unknown> = { ...(block.columns ? { columnIds: [] } : {}), ...block.config };
  if (block.columns?.length) {
    const ids = block.columns.flatMap((slug) => columnIdBySlug.get(slug) ?? []);
    if (ids.length === 0) return null;
    config.columnIds = ids;
  }
  if (block.column) {
    const id = columnIdBySlug.get(block.column);
    if (!id) return null;
    config.columnId = id;
  }
  return ZHomeBlock.parse({ kind: block.kind, title: block.title, config });
}

/** Publishes the demo layout of every demo site present (draft and published alike). */
export async function seedHomeBlocks(tx: Tx): Promise<void> {
  for (const [siteCode, layout] of Object.entries(LAYOUTS)) {
    const site = await tx.site.findUnique({
      where: { siteCode },
      select: { id: true, columns: { select: { id: true, slug: true } } },
    });
    if (!site) continue;
    const bySlug = new Map(site.columns.map((column) => [column.slug, column.id]));
    const blocks = layout.flatMap((block) => resolveSeedBlock(block, bySlug) ?? []);
    const rows = (stage: "DRAFT" | "PUBLISHED") =>
      blocks.map((block, position) => ({
        siteId: site.id,
        stage,
        position,
        kind: block.kind,
        title: block.title,
        config: block.config,
      }));
    await tx.homeBlock.createMany({ data: [...rows("DRAFT"), ...rows("PUBLISHED")] });
    const now = new Date();
    await tx.homeLayout.create({
      data: { siteId: site.id, draftVersion: 1, draftSavedAt: now, publishedVersion: 1, publishedAt: now },
    });
  }
}
