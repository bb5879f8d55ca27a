import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getVisitReport, listVisitSites } from "@/lib/visits/report";
import { exportVisits } from "@/lib/visits/export";
import { actorsFor, fileDb, makeUser } from "../helpers";
import { refused } from "../support/interaction";

// 访问统计 belongs to a site's own unit and to the supervising unit: a site administrator sees
// the sites of the unit, never another unit's (asking for one is "not found", as if it did not
// exist); an editor sees none; the supervising unit sees every site. Bad filters get a Chinese
// error, never a 5xx.

let supervisor: Actor;
let siteadmin: Actor;
let editor: Actor;
let otherAdmin: Actor;
let districtId: string;
let cultureId: string;

beforeAll(async () => {
  const db = await fileDb();
  [supervisor, siteadmin, editor] = await actorsFor("supervisor", "siteadmin", "editor");
  otherAdmin = await makeUser("wlw-siteadmin", "SITE_ADMIN", "重庆市文化和旅游发展委员会");
  districtId = (await db.siteHost.findUniqueOrThrow({ where: { host: "localhost" } })).siteId;
  cultureId = (await db.siteHost.findUniqueOrThrow({ where: { host: "wlw.localhost" } })).siteId;
});

describe("who sees a site's visits", () => {
  it("the supervising unit sees every site", async () => {
    const ids = (await listVisitSites(supervisor)).map((site) => site.id);
    const all = await getDb().site.findMany({ select: { id: true } });
    expect(ids.sort()).toEqual(all.map((site) => site.id).sort());
    const report = await getVisitReport(supervisor, { siteId: cultureId });
    expect(report.site.id).toBe(cultureId);
  });

  it("a site administrator sees the unit's sites only", async () => {
    const ids = (await listVisitSites(siteadmin)).map((site) => site.id);
    expect(ids).toContain(districtId);
    expect(ids).not.toContain(cultureId);
    expect((await getVisitReport(siteadmin, {})).site.id).toBe(districtId);
    await refused(() => getVisitReport(siteadmin, { siteId: cultureId }), "NOT_FOUND");
    await refused(() => exportVisits(siteadmin, { siteId: cultureId, format: "csv" }), "NOT_FOUND");
    expect((await listVisitSites(otherAdmin)).map((site) => site.id)).toEqual([cultureId]);
    await refused(() => getVisitReport(otherAdmin, { siteId: districtId }), "NOT_FOUND");
  });

  it("an editor and a signed-out caller see nothing", async () => {
    await refused(() => getVisitReport(editor, {}), "NOT_FOUND");
    await refused(() => getVisitReport(null, {}), "UNAUTHENTICATED");
    await refused(() => exportVisits(editor, { format: "xlsx" }), "NOT_FOUND");
  });

  it("refuses malformed filters with a Chinese message", async () => {
    await refused(() => getVisitReport(siteadmin, { siteId: "not-a-uuid" }), "INVALID");
    await refused(() => getVisitReport(siteadmin, { from: "2026-13-01" }), "INVALID");
    await refused(() => getVisitReport(siteadmin, { from: "2026-12-07", to: "2026-12-01" }), "INVALID");
    await refused(() => getVisitReport(siteadmin, { from: "2024-01-01", to: "2026-12-01" }), "INVALID");
    await refused(() => exportVisits(siteadmin, { format: "pdf" }), "INVALID");
  });

  it("exports the figures as CSV and XLSX", async () => {
    const csv = await exportVisits(siteadmin, { from: "2026-12-01", to: "2026-12-03", format: "csv" });
    const text = csv.data.toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain('"2026-12-01"');
    expect(text).toContain('"来源网站域名"');
    const xlsx = await exportVisits(siteadmin, { from: "2026-12-01", to: "2026-12-03", format: "xlsx" });
    expect(xlsx.data.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(xlsx.fileName).toMatch(/^访问统计-.+-2026-12-01-2026-12-03\.xlsx$/);
  });
});
