// bench:portal's third figure: how long after publishApproved() returns every page that shows the
// item shows the new version (article on both sites, column lists, home pages, feeds, sitemaps).
import type { Db } from "@/lib/db/client";
import { approveReview, signInEditors } from "./bench-editors";
import { getWithHost as get } from "./bench-processes";
import { percentile } from "./bench-report";

/**
 * Each round edits a live item placed on both sites, takes it through the seeded review (five
 * checks, 直接责任人), calls publishApproved, then polls every page that shows it until all of
 * them show the new title. Reports p50/p95 of the slowest page per round.
 */
export async function publishToVisible(db: Db, base: string, rounds: number) {
  const { createResource, saveRevision } = await import("@/lib/library/resources");
  const { blocksToDoc } = await import("@/lib/library/content");
  const { submitForReview } = await import("@/lib/review/instances");
  const { publishApproved } = await import("@/lib/publish/publish");
  // The editor also edits for the culture commission, so one item can be placed on both sites.
  const cultureOrg = await db.organization.findFirstOrThrow({ where: { name: "重庆市文化和旅游发展委员会" } });
  const editorUser = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
  // Upsert: a --reuse run finds the membership from the run before.
  const membership = { userId: editorUser.id, orgId: cultureOrg.id, role: "EDITOR" as const };
  await db.membership.upsert({ where: { userId_orgId_role: membership }, create: membership, update: {} });
  const { editor, reviewer, deputy } = await signInEditors(db);
  const district = await db.column.findFirstOrThrow({
    where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } },
  });
  const culture = await db.column.findFirstOrThrow({
    where: { slug: "tzgg", site: { hosts: { some: { host: "wlw.localhost" } } } },
  });
  const organization = await db.organization.findFirstOrThrow({ where: { name: "区政府办公室政务公开科" } });
  const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: organization.id });
  const worst: number[] = [];
  const slowestByPage = new Map<string, number>();
  /** From the publish call returning to the first request that found its page purged. */
  const purgeSeen: number[] = [];
  let version = 0;
  for (let round = 1; round <= rounds; round += 1) {
    const title = `基准测试更正稿第${round}版：区政府常务会议研究部署冬季安全生产工作`;
    const { revision } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: version,
      title,
      body: blocksToDoc([{ type: "paragraph", text: `会议强调，要压实安全生产责任（第${round}版）。` }]),
      metadata: { source: { type: "original" } },
    });
    version = revision.number;
    const instance = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: version,
      publishMode: "MANUAL",
      columnIds: [district.id, culture.id],
      ...(round > 1 ? { correctionNote: `第${round}次更正标题。` } : {}),
    });
    await approveReview({ reviewer, deputy }, instance.id, instance.contentHash);
    const pages: [string, string][] = [
      ["localhost", `/content/${resource.id}`],
      ["wlw.localhost", `/content/${resource.id}`],
      ["localhost", "/columns/ywdt"],
      ["localhost", "/columns/news"],
      ["wlw.localhost", "/columns/tzgg"],
      ["localhost", "/"],
      ["wlw.localhost", "/"],
      ["localhost", "/feed.xml"],
      ["wlw.localhost", "/feed.xml"],
      ["localhost", "/sitemap.xml"],
    ];
    // Warm the cache with the old version first, so a stale page would be served if purging failed.
    for (const [host, page] of pages) await get(`${base}${page}`, host);
    const publication = await publishApproved(editor, instance.id);
    const returned = performance.now();
    const needle = (page: string) =>
      page.endsWith("sitemap.xml") ? publication.publishedAt.toISOString() : `第${round}版`;
    let firstMiss = Infinity;
    const times = await Promise.all(
      pages.map(async ([host, page]) => {
        for (;;) {
          const sent = performance.now();
          const response = await get(`${base}${page}`, host);
          if (response.cache === "MISS") firstMiss = Math.min(firstMiss, sent - returned);
          if (response.body.includes(needle(page))) return performance.now() - returned;
          if (performance.now() - returned > 10_000) throw new Error(`${host}${page} still stale after 10 s`);
        }
      }),
    );
    worst.push(Math.max(...times));
    purgeSeen.push(firstMiss);
    pages.forEach(([host, page], index) => {
      const key = `${host}${page.replace(resource.id, ":id")}`;
      slowestByPage.set(key, Math.max(slowestByPage.get(key) ?? 0, times[index]!));
    });
  }
  const sorted = [...worst].sort((a, b) => a - b);
  return {
    rounds,
    pagesPerRound: 10,
    p50: Number(percentile(sorted, 50).toFixed(1)),
    p95: Number(percentile(sorted, 95).toFixed(1)),
    max: Number(sorted.at(-1)!.toFixed(1)),
    purgeSeenP50: Number(
      percentile(
        [...purgeSeen].sort((a, b) => a - b),
        50,
      ).toFixed(1),
    ),
    slowestPerPageMs: Object.fromEntries([...slowestByPage].map(([page, ms]) => [page, Math.round(ms)])),
  };
}
