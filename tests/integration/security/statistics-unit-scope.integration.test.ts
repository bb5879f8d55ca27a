import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { getStatistics } from "@/lib/statistics/view";
import { getQuotaProgress } from "@/lib/statistics/quotas";
import { setQuota } from "@/lib/statistics/set-quota";
import { getRanking } from "@/lib/statistics/ranking";
import { exportRanking } from "@/lib/statistics/ranking-export";
import { actorFor, fileDb, makeUser } from "../helpers";
import { refused } from "../support/interaction";
import { china, makeUnit, submitItem } from "../support/statistics";

// What 稿件统计 and 报送任务 protect: a unit's figures are its own staff's, its receiving site's
// administrators' and the supervising unit's — never another unit's staff's, nor a site
// administrator's of a site the unit does not submit to; quotas are set, and the ranking (the basis
// of 稿酬) exported, only by the receiving site's administrators and the supervising unit.

const DISTRICT = "重庆市沙坪坝区人民政府";
let siteId: string;
let education: string;
let audit: string;
let educationStaff: Actor;
let auditStaff: Actor;
let cultureAdmin: Actor;

beforeAll(async () => {
  await fileDb();
  const site = await getDb().site.findFirstOrThrow({
    where: { org: { name: DISTRICT } },
    orderBy: { position: "asc" },
  });
  siteId = site.id;
  await getDb().site.update({ where: { id: siteId }, data: { acceptsSubmissions: true } });
  education = (await makeUnit("重庆市沙坪坝区教育委员会（测试）", DISTRICT)).id;
  audit = (await makeUnit("重庆市沙坪坝区审计局（测试）", DISTRICT)).id;
  educationStaff = await makeUser("sec-edu-officer", "INFO_OFFICER", "重庆市沙坪坝区教育委员会（测试）");
  auditStaff = await makeUser("sec-audit-officer", "INFO_OFFICER", "重庆市沙坪坝区审计局（测试）");
  cultureAdmin = await makeUser("sec-wlw-siteadmin", "SITE_ADMIN", "重庆市文化和旅游发展委员会");
  await submitItem({
    toSiteId: siteId,
    fromOrgId: education,
    submittedById: educationStaff.id,
    title: "区教委部署秋季学期开学工作",
    submittedAt: china("2026-11-03T10:00:00"),
    adoptedAt: china("2026-11-04T10:00:00"),
  });
});

describe("another unit's staff", () => {
  it("see neither the other unit's statistics nor its quota row nor its ranking row", async () => {
    await refused(() => getStatistics(auditStaff, { from: "2026-11", to: "2026-11", unitId: education }), "NOT_FOUND");
    const own = await getStatistics(auditStaff, { from: "2026-11", to: "2026-11" });
    expect(own.units.map((unit) => unit.id)).toEqual([audit]);
    expect(own.total.submitted).toBe(0);

    const quotas = await getQuotaProgress(auditStaff, { month: "2026-11" });
    expect(quotas.sites.flatMap((site) => site.rows.map((row) => row.unitId))).toEqual([audit]);
    expect(quotas.sites.every((site) => !site.mayManage)).toBe(true);

    const ranking = await getRanking(auditStaff, { siteId, year: 2026 });
    expect(ranking.units.map((row) => row.id)).toEqual([audit]);
    expect(ranking.people).toEqual([]);
  });

  it("may not set quotas or export the ranking", async () => {
    await refused(() => setQuota(auditStaff, { siteId, orgId: audit, monthly: 0 }), "FORBIDDEN");
    await refused(() => setQuota(educationStaff, { siteId, orgId: education, monthly: 0 }), "FORBIDDEN");
    await refused(() => exportRanking(auditStaff, { siteId, year: 2026 }), "FORBIDDEN");
    expect(await getDb().submissionQuota.count({ where: { siteId } })).toBe(0);
    expect(await getDb().auditEvent.count({ where: { action: "statistics.ranking.export" } })).toBe(0);
  });
});

describe("another site's administrator", () => {
  it("sees no unit of a site they do not run, and may not set its quotas or export its ranking", async () => {
    await refused(() => getStatistics(cultureAdmin, { unitId: education }), "NOT_FOUND");
    const quotas = await getQuotaProgress(cultureAdmin, { month: "2026-11" });
    expect(quotas.sites.some((site) => site.site.id === siteId)).toBe(false);
    await refused(() => setQuota(cultureAdmin, { siteId, orgId: education, monthly: 1 }), "FORBIDDEN");
    await refused(() => getRanking(cultureAdmin, { siteId, year: 2026 }), "NOT_FOUND");
    await refused(() => exportRanking(cultureAdmin, { siteId, year: 2026 }), "NOT_FOUND");
  });

  it("while the district portal's own administrator sees both departments", async () => {
    const admin = await actorFor("siteadmin");
    const view = await getStatistics(admin, { from: "2026-11", to: "2026-11" });
    expect(view.units.map((unit) => unit.id)).toEqual(expect.arrayContaining([education, audit]));
    expect(view.rows.unit.find((row) => row.key === education)!.figures).toMatchObject({ submitted: 1, adopted: 1 });
  });
});
