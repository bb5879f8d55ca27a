import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/zh-CN";

// 答复解决情况: what visitors said to "是否解决了您的问题" on the sites whose 智能问答 the actor curates:
// per site the 是 and 否 responses and the resolution rate (是 ÷ (是 + 否)), and per answer source
// (a Q&A entry, policy, interpretation or service entry) the same, most rated first.

const kinds = messages.ask.kinds;

export type ResolutionCounts = { helpful: number; unhelpful: number; rate: number | null };

/** 是 ÷ (是 + 否) as a percentage with one decimal; null when nobody answered. */
export function resolutionRate(helpful: number, unhelpful: number): number | null {
  const total = helpful + unhelpful;
  return total ? Math.round((helpful / total) * 1000) / 10 : null;
}

export type SiteResolution = ResolutionCounts & { siteId: string; siteName: string };
export type SourceResolution = ResolutionCounts & {
  siteName: string;
  sourceId: string;
  title: string;
  kindLabel: string;
  href: string | null;
  lastAt: Date;
};

export async function getAnswerResolution(
  actor: Principal | null,
): Promise<{ sites: SiteResolution[]; sources: SourceResolution[] }> {
  assertHoldsRoleFor(actor, "qa.curate");
  const db = getDb();
  const can = await createPermissionChecker(actor);
  const sites = (
    await db.site.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true, orgId: true } })
  ).filter((site) => can("qa.curate", { orgId: site.orgId }));
  const siteIds = sites.map((site) => site.id);
  const nameOf = new Map(sites.map((site) => [site.id, site.name]));
  const [totals, sources] = await Promise.all([
    db.askFeedbackTotal.findMany({ where: { siteId: { in: siteIds } } }),
    db.answerFeedback.findMany({
      where: { siteId: { in: siteIds } },
      orderBy: [{ lastAt: "desc" }],
      take: 500,
    }),
  ]);
  const totalOf = new Map(totals.map((row) => [row.siteId, row]));
  return {
    sites: sites.map((site) => {
      const row = totalOf.get(site.id);
      const helpful = row?.helpful ?? 0;
      const unhelpful = row?.unhelpful ?? 0;
      return { siteId: site.id, siteName: site.name, helpful, unhelpful, rate: resolutionRate(helpful, unhelpful) };
    }),
    sources: sources
      .map((row) => ({
        siteName: nameOf.get(row.siteId) ?? "",
        sourceId: row.sourceId,
        title: row.title,
        kindLabel: kinds[row.kind] ?? row.kind,
        href: row.sourceId.startsWith("res-") ? `/admin/library/${row.sourceId.slice(4)}` : null,
        helpful: row.helpful,
        unhelpful: row.unhelpful,
        rate: resolutionRate(row.helpful, row.unhelpful),
        lastAt: row.lastAt,
      }))
      .sort((a, b) => b.helpful + b.unhelpful - (a.helpful + a.unhelpful) || +b.lastAt - +a.lastAt),
  };
}
