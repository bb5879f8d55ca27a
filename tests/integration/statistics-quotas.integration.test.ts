import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { getQuotaProgress } from "@/lib/statistics/quotas";
import { setQuota } from "@/lib/statistics/set-quota";
import { sendQuotaReminders } from "@/lib/statistics/quota-reminders";
import { getRanking } from "@/lib/statistics/ranking";
import { exportRanking } from "@/lib/statistics/ranking-export";
import { getStatistics } from "@/lib/statistics/view";
import { actorFor, fileDb, makeUser } from "./helpers";
import { refused } from "./support/interaction";
import { columnId } from "./support/review";
import { zipEntry } from "./support/registry";
import { china, makeMember, makeUnit, submitItem } from "./support/statistics";

// Issue #29 item 2 on the real database: 报送任务 at the district portal (a site that receives
// submissions) for five units under the district, in November 2026 — default quotas (a people's
// government 20, a department 5) and a set one, the month's progress, reminders in the month's last
// week only and only to units below quota, the year's ranking (adopted, then submitted) and its
// XLSX; and the submissions in the 稿件统计. Figures counted by hand.

const DISTRICT = "重庆市沙坪坝区人民政府";
let siteadmin: Actor;
let supervisor: Actor;
let siteId: string;
let news: string;
const unit: Record<"S" | "F" | "G" | "H" | "T", string> = { S: "", F: "", G: "", H: "", T: "" };
const officer: Record<"S" | "F" | "G" | "T", string> = { S: "", F: "", G: "", T: "" };

beforeAll(async () => {
  await fileDb();
  [siteadmin, supervisor] = [await actorFor("siteadmin"), await actorFor("supervisor")];
  const site = await getDb().site.findFirstOrThrow({
    where: { org: { name: DISTRICT } },
    orderBy: { position: "asc" },
  });
  siteId = site.id;
  await getDb().site.update({ where: { id: siteId }, data: { acceptsSubmissions: true } });
  news = await columnId("ywdt");
  unit.S = (await makeUnit("重庆市沙坪坝区统计局", DISTRICT)).id;
  unit.F = (await makeUnit("重庆市沙坪坝区发展和改革委员会", DISTRICT)).id;
  unit.G = (await makeUnit("重庆市沙坪坝区井口镇人民政府", DISTRICT)).id;
  unit.H = (await makeUnit("重庆市沙坪坝区档案馆", DISTRICT)).id;
  unit.T = (await makeUnit("重庆市沙坪坝区科学技术局", DISTRICT)).id;
  officer.S = (await makeMember("spb-tj-officer", "杜统计", unit.S, "INFO_OFFICER")).id;
  officer.F = (await makeMember("spb-fg-officer", "冯发改", unit.F, "INFO_OFFICER")).id;
  officer.G = (await makeMember("spb-jk-officer", "江井口", unit.G, "INFO_OFFICER")).id;
  officer.T = (await makeMember("spb-kj-officer", "柯科技", unit.T, "INFO_OFFICER")).id;
  const to = { toSiteId: siteId };

  // S: one in October adopted on 2 November; five in November, two adopted, one returned.
  await submitItem({
    ...to,
    fromOrgId: unit.S,
    submittedById: officer.S,
    title: "10月全区规模以上工业经济运行情况",
    submittedAt: china("2026-10-20T10:00:00"),
    adoptedAt: china("2026-11-02T09:00:00"),
    columnIds: [news],
  });
  for (const [index, day] of ["03", "04", "05", "06", "09"].entries())
    await submitItem({
      ...to,
      fromOrgId: unit.S,
      submittedById: officer.S,
      title: `统计信息 11月${day}日`,
      submittedAt: china(`2026-11-${day}T10:00:00`),
      adoptedAt: index < 2 ? china("2026-11-10T09:00:00") : undefined,
      returnedAt: index === 2 ? china("2026-11-11T09:00:00") : undefined,
      columnIds: [news],
    });
  // F: one pending.
  await submitItem({
    ...to,
    fromOrgId: unit.F,
    submittedById: officer.F,
    title: "区发展改革委召开重点项目推进会",
    submittedAt: china("2026-11-12T10:00:00"),
  });
  // G: three, two adopted (one original, one reprint).
  await submitItem({
    ...to,
    fromOrgId: unit.G,
    submittedById: officer.G,
    title: "井口镇开展秋冬季森林防火宣传",
    submittedAt: china("2026-11-13T10:00:00"),
    adoptedAt: china("2026-11-14T10:00:00"),
    columnIds: [news],
  });
  await submitItem({
    ...to,
    fromOrgId: unit.G,
    submittedById: officer.G,
    title: "转发：国务院关于加强基层治理的意见",
    reprint: true,
    submittedAt: china("2026-11-16T10:00:00"),
    adoptedAt: china("2026-11-17T10:00:00"),
    columnIds: [news],
  });
  await submitItem({
    ...to,
    fromOrgId: unit.G,
    submittedById: officer.G,
    title: "井口镇召开安全生产工作会",
    submittedAt: china("2026-11-18T10:00:00"),
  });
  // T: the same figures as F (a tie in the ranking).
  await submitItem({
    ...to,
    fromOrgId: unit.T,
    submittedById: officer.T,
    title: "区科技局组织科技特派员下乡",
    submittedAt: china("2026-11-19T10:00:00"),
  });
});

describe("报送任务", () => {
  it("sets a unit's quota as the receiving site's administrator, audited; refuses others and bad input", async () => {
    const result = await setQuota(siteadmin, { siteId, orgId: unit.F, monthly: "2" });
    expect(result.message).toBe("已将重庆市沙坪坝区发展和改革委员会的每月报送任务设为 2 条。");
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "statistics.quota.set", subject: `site:${siteId}` },
    });
    expect(audit.data).toMatchObject({ org: "重庆市沙坪坝区发展和改革委员会", monthly: 2, previousMonthly: 5 });

    const staff = await makeUser("spb-tj-editor", "EDITOR", "重庆市沙坪坝区统计局");
    await refused(() => setQuota(staff, { siteId, orgId: unit.S, monthly: 1 }), "FORBIDDEN");
    // Another unit's site administrator: the district portal is not theirs.
    const otherAdmin = await makeUser("wlw-siteadmin", "SITE_ADMIN", "重庆市文化和旅游发展委员会");
    await refused(() => setQuota(otherAdmin, { siteId, orgId: unit.S, monthly: 1 }), "FORBIDDEN");
    await refused(() => setQuota(siteadmin, { siteId, orgId: unit.S, monthly: -1 }), "INVALID");
    await refused(() => setQuota(siteadmin, { siteId, orgId: unit.S, monthly: "五" }), "INVALID");
    // A unit that does not submit to this site.
    const culture = await getDb().organization.findFirstOrThrow({ where: { name: "重庆市文化和旅游发展委员会" } });
    await refused(() => setQuota(siteadmin, { siteId, orgId: culture.id, monthly: 3 }), "INVALID");
    // A site that takes no submissions is not found.
    const other = await getDb().site.findFirstOrThrow({ where: { id: { not: siteId }, acceptsSubmissions: false } });
    await refused(() => setQuota(supervisor, { siteId: other.id, orgId: unit.S, monthly: 3 }), "NOT_FOUND");
    expect(await getDb().submissionQuota.count({ where: { siteId } })).toBe(1);
  });

  it("shows the month's progress: default and set quotas, submitted and adopted this month", async () => {
    const view = await getQuotaProgress(siteadmin, { month: "2026-11" });
    const district = view.sites.find((entry) => entry.site.id === siteId)!;
    expect(district.mayManage).toBe(true);
    const row = (id: string) => district.rows.find((entry) => entry.unitId === id);
    expect(row(unit.S)).toMatchObject({ quota: 5, isDefault: true, submitted: 5, adopted: 3, met: true, remaining: 0 });
    expect(row(unit.F)).toMatchObject({
      quota: 2,
      isDefault: false,
      submitted: 1,
      adopted: 0,
      met: false,
      remaining: 1,
    });
    expect(row(unit.G)).toMatchObject({
      quota: 20,
      isDefault: true,
      submitted: 3,
      adopted: 2,
      met: false,
      remaining: 17,
    });
    expect(row(unit.H)).toMatchObject({ quota: 5, submitted: 0, adopted: 0, met: false });
    // The November reminders start on the fifth working day from the end: Tuesday 24 November.
    expect(view.reminderFrom).toBe("2026-11-24");
    const october = (await getQuotaProgress(siteadmin, { month: "2026-10" })).sites.find((s) => s.site.id === siteId);
    expect(october!.rows.find((r) => r.unitId === unit.S)).toMatchObject({ submitted: 1, adopted: 0 });
  });

  it("shows a unit's staff their own unit's row only", async () => {
    const staff = await actorFor("spb-tj-editor");
    const view = await getQuotaProgress(staff, { month: "2026-11" });
    expect(view.sites).toHaveLength(1);
    expect(view.sites[0]!.mayManage).toBe(false);
    expect(view.sites[0]!.rows.map((row) => row.unitId)).toEqual([unit.S]);
    await refused(() => getQuotaProgress(staff, { month: "2026/11" }), "INVALID");
  });

  it("reminds units below quota in the month's last week only, once, and only those with someone to tell", async () => {
    const mine = Object.values(unit);
    const reminders = () =>
      getDb().quotaReminder.findMany({ where: { orgId: { in: mine }, month: "2026-11" }, orderBy: { orgId: "asc" } });
    await sendQuotaReminders(getDb(), china("2026-11-23T10:00:00"));
    expect(await reminders()).toEqual([]);

    await sendQuotaReminders(getDb(), china("2026-11-24T08:30:00"));
    const sent = await reminders();
    // S met its quota; H has no 信息员 or 信息主管 yet.
    expect(sent.map((row) => row.orgId).sort()).toEqual([unit.F, unit.G, unit.T].sort());
    expect(sent.find((row) => row.orgId === unit.F)).toMatchObject({ submitted: 1, quota: 2, sentTo: [officer.F] });
    const note = await getDb().notification.findFirstOrThrow({ where: { userId: officer.F } });
    expect(note.title).toBe(
      "报送任务提醒：重庆市沙坪坝区发展和改革委员会2026年11月向" +
        (await getDb().site.findUniqueOrThrow({ where: { id: siteId } })).name +
        "已报送 1 条，每月任务 2 条，尚差 1 条，请在月底前报送。",
    );
    expect(note.link).toBe("/admin/statistics/quotas?month=2026-11");
    expect(await getDb().notification.count({ where: { userId: officer.S } })).toBe(0);

    // The next sweep (and the next day's) sends nothing twice.
    await sendQuotaReminders(getDb(), china("2026-11-24T09:00:00"));
    await sendQuotaReminders(getDb(), china("2026-11-25T08:30:00"));
    expect(await reminders()).toHaveLength(3);
    expect(await getDb().notification.count({ where: { userId: officer.F } })).toBe(1);
  });
});

describe("年度报送排名", () => {
  it("ranks by adopted, then submitted, ties sharing a rank, with the original share of adopted items", async () => {
    const ranking = await getRanking(siteadmin, { siteId, year: "2026" });
    expect(ranking.mayManage).toBe(true);
    const mine = ranking.units.filter((row) => Object.values(unit).includes(row.id));
    expect(mine.map((row) => row.name)).toEqual([
      "重庆市沙坪坝区统计局",
      "重庆市沙坪坝区井口镇人民政府",
      "重庆市沙坪坝区发展和改革委员会",
      "重庆市沙坪坝区科学技术局",
      "重庆市沙坪坝区档案馆",
    ]);
    // F and T: the same adopted and submitted, the same rank; H comes two places after them.
    expect(mine[2]!.rank).toBe(mine[3]!.rank);
    expect(mine[0]!.rank).toBeLessThan(mine[1]!.rank);
    expect(mine[1]!.rank).toBeLessThan(mine[2]!.rank);
    expect(mine[4]!.rank).toBeGreaterThanOrEqual(mine[3]!.rank + 2);
    expect(mine[0]).toMatchObject({
      submitted: 6,
      adopted: 3,
      adoptedOriginal: 3,
      adoptionRate: 0.5,
      originalShare: 1,
      annualQuota: 60,
      monthsMet: 1,
    });
    expect(mine[1]).toMatchObject({
      submitted: 3,
      adopted: 2,
      adoptedOriginal: 1,
      originalShare: 0.5,
      annualQuota: 240,
    });
    expect(mine[2]).toMatchObject({ submitted: 1, adopted: 0, originalShare: null, annualQuota: 24 });
    const person = ranking.people.find((row) => row.id === officer.S);
    expect(person).toMatchObject({ name: "杜统计", unitName: "重庆市沙坪坝区统计局", submitted: 6, adopted: 3 });
  });

  it("exports the ranking as XLSX with every row, audited; refuses a unit's staff", async () => {
    const { fileName, data, rows } = await exportRanking(siteadmin, { siteId, year: 2026 });
    expect(fileName).toMatch(/2026年度报送排名\.xlsx$/);
    const ranking = await getRanking(siteadmin, { siteId, year: 2026 });
    expect(rows).toBe(ranking.units.length + ranking.people.length);
    const units = `${zipEntry(data, "xl/sharedStrings.xml") ?? ""}${zipEntry(data, "xl/worksheets/sheet1.xml") ?? ""}`;
    for (const name of ["名次", "采用", "原创占比", "重庆市沙坪坝区统计局", "重庆市沙坪坝区档案馆", "杜统计", "50.0%"])
      expect(units).toContain(name);
    expect(zipEntry(data, "xl/worksheets/sheet1.xml")!.match(/<row /g)).toHaveLength(ranking.units.length + 1);
    expect(zipEntry(data, "xl/worksheets/sheet2.xml")!.match(/<row /g)).toHaveLength(ranking.people.length + 1);
    expect(await getDb().auditEvent.count({ where: { action: "statistics.ranking.export" } })).toBe(1);

    const staff = await actorFor("spb-tj-editor");
    await refused(() => exportRanking(staff, { siteId, year: 2026 }), "FORBIDDEN");
    const own = await getRanking(staff, { siteId, year: 2026 });
    expect(own.units.map((row) => row.id)).toEqual([unit.S]);
    // A unit that submits to no site sees no ranking.
    const wlw = await actorFor("wlw-officer");
    await refused(() => getRanking(wlw, { siteId, year: 2026 }), "NOT_FOUND");
    await refused(() => getRanking(siteadmin, { siteId, year: "二〇二六" }), "INVALID");
  });
});

describe("submissions in the 稿件统计", () => {
  it("counts submitted, adopted and returned per unit and month, and the receiving site's admin sees its submitters", async () => {
    const view = await getStatistics(siteadmin, { from: "2026-10", to: "2026-11", unitId: unit.S });
    expect(view.total).toMatchObject({ submitted: 6, adopted: 3, returned: 1 });
    expect(
      view.rows.month.map((row) => [row.key, row.figures.submitted, row.figures.adopted, row.figures.returned]),
    ).toEqual([
      ["2026-10", 1, 0, 0],
      ["2026-11", 5, 3, 1],
    ]);
    expect(view.rows.person.find((row) => row.key === officer.S)!.figures).toMatchObject({ submitted: 6, adopted: 3 });
    // Adopted into 沙坪坝要闻: the column of the receiving site.
    expect(view.rows.column.find((row) => row.key === news)!.figures).toMatchObject({ adopted: 3, submitted: 3 });

    const g = await getStatistics(siteadmin, { from: "2026-11", to: "2026-11", unitId: unit.G });
    expect(g.total).toMatchObject({ submitted: 3, adopted: 2, returned: 0 });

    // The department's staff see their unit only; another department's figures are not theirs.
    const staff = await actorFor("spb-tj-editor");
    const own = await getStatistics(staff, { from: "2026-11", to: "2026-11" });
    expect(own.units.map((u) => u.id)).toEqual([unit.S]);
    await refused(() => getStatistics(staff, { from: "2026-11", to: "2026-11", unitId: unit.G }), "NOT_FOUND");
  });
});
