import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { DomainError, type ErrorCode } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { signOff } from "@/lib/review/instances";
import { chinaToday } from "@/lib/time/china";
import { listFramework, saveIndicator } from "@/lib/supervision/framework";
import { runInspection } from "@/lib/supervision/run-inspection";
import { recordEntry } from "@/lib/supervision/record-entry";
import { draftBulletin, findBulletinColumn } from "@/lib/supervision/draft-bulletin";
import { bulletinDocx } from "@/lib/supervision/bulletin-docx";
import { getSupervisionOverview, getSubjectEvidence } from "@/lib/supervision/overview";
import { getInspectionsView } from "@/lib/supervision/inspections-view";
import { quarterOf } from "@/lib/supervision/scoring";
import { actorsFor, fileDb } from "./helpers";

// Scores on the real database: the monitors' results of the demo platform (one site failing the
// 首页不更新 veto line, one with broken links, one account not updated for 2 weeks) and an
// inspector's entries give the expected scores, pass/fail and ranks; the quarter's 通报 names the
// totals and the failing site, goes through the 电子政务处's review into 监管通报 and downloads as a
// .docx. Only the supervising unit runs inspections and edits the framework; a site administrator
// sees only their own sites.

let supervisor: Actor;
let siteAdmin: Actor;
let editor: Actor;
let egovDeputy: Actor;
let district: { id: string; name: string };
let culture: { id: string; name: string };
let office: { id: string; name: string };
let staleAccount: { id: string; name: string };
const period = quarterOf(chinaToday(new Date()));

async function refused(work: () => Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).message).toMatch(/[\u4e00-\u9fff]/);
  return error as DomainError;
}

async function indicator(code: string) {
  return getDb().supervisionIndicator.findUniqueOrThrow({ where: { code } });
}

beforeAll(async () => {
  const db = await fileDb();
  [supervisor, siteAdmin, editor, egovDeputy] = await actorsFor("supervisor", "siteadmin", "editor", "egov-deputy");
  const site = (name: string) => db.site.findFirstOrThrow({ where: { name }, select: { id: true, name: true } });
  district = await site("重庆市沙坪坝区人民政府");
  culture = await site("重庆市文化和旅游发展委员会");
  office = await site("重庆市人民政府办公厅");
  const accounts = await db.newMediaAccount.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  staleAccount = accounts[0]!;
  const at = new Date(Date.now() - 3_600_000);
  const result = (
    name: string,
    veto: boolean,
    status: "OK" | "WARN" | "FAIL",
    subject: { siteId?: string; accountId?: string },
  ) => ({
    ...subject,
    name,
    veto,
    status,
    evidence: { note: `${name} ${status}` },
    at,
  });
  await db.checkRun.create({
    data: {
      trigger: "manual",
      checks: ["site.home-stale", "site.links", "account.stale"],
      measuredAt: at,
      results: {
        create: [
          ...[district, culture, office].flatMap((row) => [
            result("site.home-stale", true, row === culture ? "FAIL" : "OK", { siteId: row.id }),
            result("site.links", false, row === office ? "FAIL" : row === district ? "WARN" : "OK", { siteId: row.id }),
          ]),
          ...accounts.map((account) =>
            result("account.stale", true, account.id === staleAccount.id ? "FAIL" : "OK", { accountId: account.id }),
          ),
        ],
      },
    },
  });
});

describe("the indicator framework", () => {
  it("is seeded with the national lines and edited only by the supervising unit", async () => {
    const lines = await listFramework(supervisor);
    expect(lines.filter((line) => line.target === "WEBSITE" && line.part === "VETO")).toHaveLength(6);
    const links = await indicator("W-D1");
    const edit = { id: links.id, version: links.version, name: links.name, category: links.category, rule: links.rule };
    await refused(
      () => saveIndicator(siteAdmin, { ...edit, points: 6, checkNames: "site.links", active: "true" }),
      "FORBIDDEN",
    );
    await refused(
      () => saveIndicator(editor, { ...edit, points: 6, checkNames: "site.links", active: "true" }),
      "FORBIDDEN",
    );
    // 扣分 adds up to 100 already: one more point is refused and changes nothing.
    await refused(
      () => saveIndicator(supervisor, { ...edit, points: 6, checkNames: "site.links", active: "true" }),
      "INVALID",
    );
    await refused(
      () => saveIndicator(supervisor, { ...edit, points: "五", checkNames: "", active: "true" }),
      "INVALID",
    );
    const saved = {
      ...edit,
      rule: "首页及内容页存在错链、断链（每季度抽查）。",
      points: 5,
      checkNames: "site.links",
      active: "true",
    };
    await saveIndicator(supervisor, saved);
    // Replayed with the version it was rendered with: refused.
    await refused(() => saveIndicator(supervisor, saved), "CONFLICT");
    expect(await indicator("W-D1")).toMatchObject({
      version: links.version + 1,
      points: 5,
      checkNames: ["site.links"],
    });
  });
});

describe("a quarter's inspection", () => {
  it("takes inspectors' entries with evidence, within the indicator's points", async () => {
    const bonus = await indicator("W-B1");
    const overview = await indicator("W-D2");
    await refused(
      () =>
        recordEntry(siteAdmin, {
          period,
          indicatorId: bonus.id,
          subject: `site:${district.id}`,
          points: 5,
          note: "集约化平台统一入库",
        }),
      "FORBIDDEN",
    );
    await refused(
      () =>
        recordEntry(supervisor, {
          period,
          indicatorId: bonus.id,
          subject: `site:${district.id}`,
          points: 6,
          note: "集约化平台统一入库",
        }),
      "INVALID",
    );
    await refused(
      () =>
        recordEntry(supervisor, {
          period,
          indicatorId: bonus.id,
          subject: `account:${staleAccount.id}`,
          points: 5,
          note: "不适用",
        }),
      "INVALID",
    );
    await recordEntry(supervisor, {
      period,
      indicatorId: bonus.id,
      subject: `site:${district.id}`,
      points: 5,
      note: "内容统一入库、一次审核多端分发（抽查 10 条，均同源）",
    });
    await recordEntry(supervisor, {
      period,
      indicatorId: overview.id,
      subject: `site:${office.id}`,
      points: 3,
      note: "负责人信息未随分工调整（截至检查日）",
    });
  });

  it("scores, fails on a veto line, ranks, and only the supervising unit runs it", async () => {
    await refused(() => runInspection(siteAdmin, { period }), "FORBIDDEN");
    await refused(() => runInspection(supervisor, { period: "2026Q5" }), "INVALID");
    const { summary } = await runInspection(supervisor, { period });
    const scores = await getDb().inspectionScore.findMany({ where: { inspection: { period } } });
    const of = (id: string) => scores.find((score) => score.siteId === id || score.accountId === id)!;
    // A warning (district's links) deducts nothing; the bonus counts above 80.
    expect(of(district.id)).toMatchObject({
      vetoed: false,
      passed: true,
      deductionScore: 100,
      bonusScore: 5,
      total: 105,
      rank: 1,
    });
    expect(of(office.id)).toMatchObject({ passed: true, deductionScore: 92, bonusScore: 0, total: 92, rank: 2 });
    expect(of(culture.id)).toMatchObject({ vetoed: true, passed: false, total: null, rank: null });
    expect(of(staleAccount.id)).toMatchObject({ vetoed: true, passed: false });
    expect(summary.websites).toMatchObject({ total: 3, passed: 2, failed: 1, passRate: 66.6, failing: [culture.name] });
    expect(summary.accounts.failing).toEqual([staleAccount.name]);
    expect(summary.problems.websites[0]).toMatchObject({ code: "W-V3", names: [culture.name] });
  });
});

describe("the quarterly bulletin", () => {
  it("is drafted with the totals and the failing site, reviewed, published and downloaded", async () => {
    await refused(() => draftBulletin(siteAdmin, { period }), "FORBIDDEN");
    await refused(() => draftBulletin(supervisor, { period: "2019Q1" }), "NOT_FOUND");
    const drafted = await draftBulletin(supervisor, { period, requirements: "整改情况于 10 个工作日内报送。" });
    const db = getDb();
    const revision = await db.revision.findFirstOrThrow({ where: { resourceId: drafted.resourceId } });
    const text = JSON.stringify(revision.body);
    expect(revision.title).toMatch(/^关于\d{4}年第.季度全市政府网站和政务新媒体检查情况的通报$/);
    expect(text).toContain("共检查全市政府网站3个，检查比例100%，合格率66.6%");
    expect(text).toContain(`${culture.name}等1个政府网站检查不合格`);
    expect(text).toContain("整改情况于 10 个工作日内报送。");
    expect(revision.bodyHtml).toContain("<table");

    // In review: a second draft and a new run of the quarter are refused; only the inspectors have the draft.
    await refused(() => draftBulletin(supervisor, { period }), "CONFLICT");
    await refused(() => runInspection(supervisor, { period }), "CONFLICT");
    await refused(() => bulletinDocx(siteAdmin, period), "NOT_FOUND");
    const draftDocx = await bulletinDocx(supervisor, period);
    expect(draftDocx.bytes.subarray(0, 2).toString()).toBe("PK");

    // The supervisor drafted it and cannot sign it; the 电子政务处's head does, and it is published.
    await refused(
      () =>
        signOff(supervisor, {
          instanceId: drafted.reviewInstanceId,
          stagePosition: 0,
          decision: "APPROVE",
          contentHash: revision.contentHash,
        }),
      "FORBIDDEN",
    );
    await signOff(egovDeputy, {
      instanceId: drafted.reviewInstanceId,
      stagePosition: 0,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
    const column = (await findBulletinColumn(db))!;
    expect(column.name).toBe("监管通报");
    expect(await db.publication.count({ where: { resourceId: drafted.resourceId, withdrawnAt: null } })).toBe(1);
    const placements = await db.placement.findMany({ where: { resourceId: drafted.resourceId } });
    expect(placements.map((placement) => placement.columnId)).toEqual([column.id]);
    const view = await getInspectionsView(supervisor, period);
    expect(view.bulletin).toBe("PUBLISHED");
    const published = await bulletinDocx(siteAdmin, period);
    expect(published.fileName).toBe(`${revision.title}.docx`);
    expect(published.bytes.length).toBeGreaterThan(5000);
  });
});

describe("the supervisor's view", () => {
  it("shows every site and account to the supervising unit, with lights and the trend", async () => {
    const view = await getSupervisionOverview(supervisor);
    expect(view.sites.map((site) => site.name).sort()).toEqual([culture.name, district.name, office.name].sort());
    expect(view.sites.find((site) => site.id === culture.id)).toMatchObject({ light: "fail", passed: false });
    expect(view.sites.find((site) => site.id === district.id)).toMatchObject({ light: "warn", score: 105, rank: 1 });
    expect(view.sites.find((site) => site.id === office.id)!.light).toBe("warn");
    expect(view.trend.map((point) => point.period)).toContain(period);
    expect(view.trend.length).toBeGreaterThanOrEqual(2);
    const evidence = await getSubjectEvidence(supervisor, "site", culture.id);
    expect(evidence.checks.find((check) => check.name === "site.home-stale")).toMatchObject({
      status: "fail",
      evidence: { note: "site.home-stale FAIL" },
    });
    expect(evidence.scores[0]!.lines.find((line) => line.code === "W-V3")).toMatchObject({
      hit: true,
      source: "check",
    });
  });

  it("limits a site administrator to their own sites and refuses the others and the editor", async () => {
    const view = await getSupervisionOverview(siteAdmin);
    expect(view.platform).toBe(false);
    expect(view.sites.map((site) => site.id)).toEqual([district.id]);
    const own = await getSubjectEvidence(siteAdmin, "site", district.id);
    expect(own.scores[0]!.total).toBe(105);
    await refused(() => getSubjectEvidence(siteAdmin, "site", culture.id), "NOT_FOUND");
    await refused(() => getSupervisionOverview(editor), "FORBIDDEN");
    await refused(() => getInspectionsView(siteAdmin, period), "FORBIDDEN");
  });
});
