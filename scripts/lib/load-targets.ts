// bench:load's request mix: cached pages, first renders of old articles (a monitoring crawler) and
// searches, each a list of { host, path } the load generator picks from.
import type { Db } from "@/lib/db/client";

export type Target = { host: string; path: string };

const SEARCH_WORDS =
  "政府 信息 公开 网站 管理 工作 建设 服务 政策 通知 安全 发展 经济 文化 旅游 教育 医疗 社会 保障 企业 项目 资金 规划 改革 监督 检查 整改 环境 交通 农村 城市 社区 就业 住房 应急 生产 质量 市场 数据 平台 新媒体 账号 会议 部署 重庆 沙坪坝 解读 办法 实施 意见".split(
    " ",
  );

/**
 * Cached pages: home and list pages of both sites and the 200 newest articles (the caller warms
 * them). First renders: older articles never requested before, spread over the years. Searches:
 * every word and pair of words of SEARCH_WORDS, on both sites.
 */
export async function loadTargets(db: Db) {
  const hostOf = new Map(
    (await db.site.findMany({ select: { id: true, hosts: { select: { host: true } } } })).map((site) => [
      site.id,
      site.hosts.map((h) => h.host).find((host) => host !== "127.0.0.1") ?? site.hosts[0]!.host,
    ]),
  );
  const placements = await db.placement.findMany({
    where: {
      column: { kind: "LIST" },
      resource: { publications: { some: { withdrawnAt: null, supersededAt: null } } },
    },
    select: {
      resourceId: true,
      column: { select: { siteId: true } },
      resource: { select: { publications: { select: { publishedAt: true }, take: 1 } } },
    },
  });
  placements.sort(
    (a, b) => b.resource.publications[0]!.publishedAt.getTime() - a.resource.publications[0]!.publishedAt.getTime(),
  );
  const articleTargets = placements.map((placement) => ({
    host: hostOf.get(placement.column.siteId)!,
    path: `/content/${placement.resourceId}`,
  }));
  const listColumns = await db.column.findMany({ where: { kind: "LIST" }, select: { slug: true, siteId: true } });
  const pageTargets = [
    ...[...new Set(hostOf.values())].map((host) => ({ host, path: "/" })),
    ...listColumns.map((column) => ({ host: hostOf.get(column.siteId)!, path: `/columns/${column.slug}` })),
    ...articleTargets.slice(0, 200),
  ];
  // First renders: older articles never requested before, oldest last, spread over the years.
  const firstRenderTargets = articleTargets.slice(200);
  for (let index = firstRenderTargets.length - 1; index > 0; index -= 1) {
    const other = (index * 104_729) % (index + 1);
    [firstRenderTargets[index], firstRenderTargets[other]] = [firstRenderTargets[other]!, firstRenderTargets[index]!];
  }
  const searchTargets: Target[] = [];
  for (let i = 0; i < SEARCH_WORDS.length; i += 1) {
    for (let j = 0; j < SEARCH_WORDS.length; j += 1) {
      const q = i === j ? SEARCH_WORDS[i]! : `${SEARCH_WORDS[i]} ${SEARCH_WORDS[j]}`;
      searchTargets.push({ host: j % 2 ? "wlw.localhost" : "localhost", path: `/search?q=${encodeURIComponent(q)}` });
    }
  }
  searchTargets.sort(
    (a, b) => ((a.path.length * 31 + a.path.charCodeAt(10)) % 97) - ((b.path.length * 31 + b.path.charCodeAt(10)) % 97),
  );
  return { pageTargets, firstRenderTargets, searchTargets };
}
