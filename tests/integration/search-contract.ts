import { expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { findSiteByHost } from "@/lib/sites/portal";
import { ZSearchParams, type SearchEngine } from "@/lib/search/query";
import { searchPortal } from "@/lib/search/search-portal";
import { yearOf } from "@/lib/search/documents";

// The search contract: what both engines must do on the seeded platform. Run by
// search.integration.test.ts against PostgreSQL always, and against Meilisearch when MEILI_URL
// is set (prepare: the engine's index rebuilt from the seeded library).

export const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";
export const LAIBIN_RULES = "来宾市人民政府办公室关于印发来宾市政务新媒体管理实施细则（试行）的通知";

export function searchContract(engine: () => SearchEngine | undefined, prepare: () => Promise<void>) {
  const search = async (input: Record<string, unknown>, host = "localhost") => {
    const site = (await findSiteByHost(host))!;
    return searchPortal(ZSearchParams.parse(input), {
      siteId: site.id,
      hrefFor: async (siteId, path) => `http://other-site/${siteId}${path}`,
      engine: engine(),
    });
  };
  const text = (pieces: { text: string }[]) => pieces.map((piece) => piece.text).join("");

  it("finds the Chongqing implementation opinions first for 中央厨房 and for 先入库, with the words marked", async () => {
    await prepare();
    for (const q of ["中央厨房", "先入库"]) {
      const result = await search({ q });
      expect(text(result.hits[0]!.title)).toBe(CITY_OPINION);
      expect(result.hits[0]!.snippet.some((piece) => piece.mark && piece.text === q)).toBe(true);
    }
  });

  it("finds a policy by its 文号, however the year's brackets are typed", async () => {
    for (const q of ["来政办发〔2021〕30号", "来政办发[2021]30号", "来政办发（2021）30号"]) {
      const result = await search({ q, scope: "all" });
      expect(text(result.hits[0]!.title), q).toBe(LAIBIN_RULES);
    }
  });

  it("shows the matching service entry first, through a synonym (社保卡 = 社会保障卡)", async () => {
    const result = await search({ q: "社保卡补办" });
    expect(result.hits[0]).toMatchObject({ type: "SERVICE", href: "https://zwykb.cq.gov.cn/grbs/sbk/" });
    expect(text(result.hits[0]!.title)).toBe("社会保障卡补办（挂失补换）");
  });

  it("narrows by facets: every hit has the chosen year, and the count matches the facet", async () => {
    const all = await search({ q: "政府网站", scope: "all" });
    expect(all.total).toBeGreaterThan(1);
    expect(all.facets.kind.reduce((sum, option) => sum + option.count, 0)).toBe(all.total);
    const year = all.facets.year.at(-1)!;
    const narrowed = await search({ q: "政府网站", scope: "all", year: year.value });
    expect(narrowed.total).toBe(year.count);
    expect(narrowed.total).toBeLessThan(all.total);
    for (const hit of narrowed.hits) expect(yearOf(hit.publishedAt)).toBe(Number(year.value));
    const kind = all.facets.kind[0]!;
    const byKind = await search({ q: "政府网站", scope: "all", kind: kind.value });
    expect(byKind.total).toBe(kind.count);
    expect(byKind.hits.every((hit) => hit.kindLabel === kind.label)).toBe(true);
  });

  it("sorts by publication time when asked", async () => {
    const result = await search({ q: "政务新媒体", scope: "all", sort: "date" });
    const times = result.hits.map((hit) => hit.publishedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("keeps to this site unless the whole platform is asked, linking other sites' pages on their own host", async () => {
    const culture = (await findSiteByHost("wlw.localhost"))!;
    const cultureOnly = await getDb().resource.findFirst({
      where: {
        publications: { some: { withdrawnAt: null } },
        placements: { every: { column: { siteId: culture.id } }, some: {} },
      },
      select: { title: true },
    });
    if (!cultureOnly) return;
    const here = await search({ q: cultureOnly.title });
    expect(here.hits.map((hit) => text(hit.title))).not.toContain(cultureOnly.title);
    const everywhere = await search({ q: cultureOnly.title, scope: "all" });
    const hit = everywhere.hits.find((candidate) => text(candidate.title) === cultureOnly.title)!;
    expect(hit.href).toMatch(new RegExp(`^http://other-site/${culture.id}/content/`));
  });

  it("offers the existing 文号 for a mistyped one (机政办发[2015]5号 → 吉政办发〔2015〕5号), and none for a right one", async () => {
    for (const q of ["机政办发[2015]5号", "机政办发【2015】5号", "机政办发(2015)5号"]) {
      expect((await search({ q })).suggestion, q).toBe("吉政办发〔2015〕5号");
    }
    const right = await search({ q: "吉政办发[2015]5号" });
    expect(right.suggestion).toBeNull();
    expect(right.hits[0]!.docNumber).toBe("吉政办发〔2015〕5号");
    expect((await search({ q: "国办发[2015]5号" })).suggestion).toBeNull();
  });

  it("facets by the issuer each result shows (a policy's 发文机关), and narrowing by it keeps exactly those", async () => {
    const all = await search({ q: "政府网站", scope: "all" });
    const shown = new Set(all.hits.map((hit) => hit.unitName));
    const labels = all.facets.unit.map((option) => option.label);
    for (const name of shown) expect(labels, name).toContain(name);
    expect(all.facets.unit.every((option) => option.value === option.label)).toBe(true);
    expect(all.facets.unit.reduce((sum, option) => sum + option.count, 0)).toBe(all.total);
    const jilin = all.facets.unit.find((option) => option.label === "吉林省人民政府办公厅")!;
    expect(jilin).toBeDefined();
    const narrowed = await search({ q: "政府网站", scope: "all", unit: jilin.value });
    expect(narrowed.total).toBe(jilin.count);
    expect(narrowed.hits.every((hit) => hit.unitName === "吉林省人民政府办公厅")).toBe(true);
  });

  it("says nothing was found, with a suggestion for a mistyped word", async () => {
    const result = await search({ q: "中央厨方" });
    expect(result.total).toBe(0);
    expect(result.hits).toEqual([]);
    expect(result.suggestion).toBe("中央厨房");
    const nothing = await search({ q: "量子纠缠" });
    expect(nothing).toMatchObject({ total: 0, suggestion: null });
  });
}
