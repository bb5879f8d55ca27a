import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { signOff } from "@/lib/review/instances";
import { fetchSource } from "@/lib/reports/reprint/fetch-source";
import { listReprintQueue, setReprintColumn } from "@/lib/reports/reprint/queue";
import { takeReprint } from "@/lib/reports/reprint/take";
import { HOUR_MS } from "@/lib/reports/reprint/clock";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { inspectJson } from "@/lib/supervision/inspect-report";
import { getSubjectEvidence, getSupervisionOverview } from "@/lib/supervision/overview";
import { describeAuditData, auditActionLabel } from "@/lib/audit/labels";
import { actorsFor, fileDb } from "./helpers";
import { clearDemoReprints, districtSite, startLocalFeed, subscribe, type LocalFeed } from "./support/reprint";

// Issue #29's second Done-when bullet, whole, with #28's monitor: a local upper-level feed (served by
// this test) gets a new item; it appears in 待转载 with its 1-hour clock; reprinting it within the
// hour records the time; an item left past the hour (fixed clock) is reported by the monitor as a
// finding of the unit — past the working day it fails — shown on the oversight pages and in
// `supervision:inspect --json`, audited with the system as actor; reprinting it closes the finding
// at the next run.

const MINUTE = 60_000;
const CHECK = "site.reprint-overdue";
let feed: LocalFeed;
let supervisor: Actor;
let editor: Actor;
let deputy: Actor;
let site: Awaited<ReturnType<typeof districtSite>>["site"];
let sourceId: string;
let t0: Date;
const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);

/** One monitor run of the reprint check on the district site at `now`, as the daily job runs it. */
async function monitor(now: Date) {
  const outcome = await runMonitors(getDb(), { trigger: "job", now, siteIds: [site.id], checks: [CHECK] });
  const report = outcome.reports.find((entry) => entry.id === site.id)!;
  return { outcome, result: report.results.find((result) => result.name === CHECK)! };
}

async function reprintAndPublish(itemId: string) {
  const item = await getDb().reprintItem.findUniqueOrThrow({ where: { id: itemId } });
  const taken = await takeReprint(editor, { itemId, version: item.version });
  const revision = await getDb().revision.findFirstOrThrow({ where: { resourceId: taken.resourceId } });
  await signOff(deputy, {
    instanceId: taken.instanceId,
    stagePosition: 0,
    decision: "APPROVE",
    contentHash: revision.contentHash,
  });
  return getDb().reprintItem.findUniqueOrThrow({ where: { id: itemId } });
}

beforeAll(async () => {
  await fileDb();
  await clearDemoReprints();
  feed = await startLocalFeed();
  let siteadmin: Actor;
  [supervisor, editor, siteadmin, deputy] = await actorsFor("supervisor", "editor", "siteadmin", "deputy");
  const district = await districtSite();
  site = district.site;
  await getDb().workflow.create({
    data: {
      name: "转载快速审核（直接责任人）",
      orgId: site.orgId,
      forReprint: true,
      stages: { create: [{ position: 0, name: "直接责任人审核", type: "DIRECT_RESPONSIBLE" }] },
    },
  });
  await setReprintColumn(siteadmin, { siteId: site.id, columnId: district.column.id });
  ({ id: sourceId } = await subscribe(supervisor, "中国政府网", feed.url, [site.id]));
  t0 = new Date(Math.ceil((Date.now() + MINUTE) / 1000) * 1000);
});

afterAll(async () => {
  await feed.close();
});

describe("转载 within the hour, watched by the supervision monitor", () => {
  let onTimeId: string;
  let lateId: string;

  it("queues a new upper-level item with its 1-hour clock", async () => {
    feed.setItems([
      {
        guid: "gov-a",
        title: "国务院关于加快推进政务服务标准化的意见",
        link: "https://www.gov.cn/a.htm",
        pubDate: at(0),
      },
      {
        guid: "gov-b",
        title: "国务院办公厅关于印发2027年政务公开工作要点的通知",
        link: "https://www.gov.cn/b.htm",
        pubDate: at(0),
      },
    ]);
    expect(await fetchSource(getDb(), sourceId, at(2))).toMatchObject({ status: "updated", queued: 2 });
    const queue = await listReprintQueue(editor, { siteId: site.id, state: "PENDING" }, at(2));
    expect(queue.rows).toHaveLength(2);
    for (const row of queue.rows) {
      expect(row.dueAt.getTime()).toBe(at(0).getTime() + HOUR_MS);
      expect(row).toMatchObject({ standing: "WAITING", remaining: "还剩 58 分钟" });
    }
    onTimeId = queue.rows.find((row) => row.title.includes("标准化"))!.id;
    lateId = queue.rows.find((row) => row.title.includes("工作要点"))!.id;
    // Within the hour the monitor has nothing to say.
    expect((await monitor(at(30))).result).toMatchObject({ name: CHECK, veto: false, status: "ok", measured: 0 });
  });

  it("records the time of a reprint within the hour", async () => {
    const item = await reprintAndPublish(onTimeId);
    expect(item.publishedAt).not.toBeNull();
    expect(item.publishedAt!.getTime()).toBeLessThanOrEqual(item.dueAt.getTime());
    const queue = await listReprintQueue(editor, { siteId: site.id }, at(30));
    expect(queue.rows.find((row) => row.id === onTimeId)).toMatchObject({ standing: "ON_TIME" });
  });

  it("reports the item left past the hour as the unit's finding, audited with its evidence", async () => {
    const { outcome, result } = await monitor(at(70));
    expect(result.status).toBe("warn");
    expect(result.evidence).toMatchObject({ pastHour: 1, pastDeadline: 0 });
    const items = (result.evidence as { items: { itemId: string; title: string; pastDeadline: boolean }[] }).items;
    expect(items).toEqual([
      expect.objectContaining({
        itemId: lateId,
        title: "国务院办公厅关于印发2027年政务公开工作要点的通知",
        pastDeadline: false,
      }),
    ]);
    const finding = await getDb().finding.findFirstOrThrow({
      where: { siteId: site.id, check: CHECK, key: `reprint:${lateId}`, state: "OPEN" },
    });
    expect(finding).toMatchObject({ orgId: site.orgId, severity: "WARN", veto: false });
    expect(finding.summary).toContain("超过 1 小时未转载");
    // Not a 单项否决 line: no ticket opens by itself.
    expect(await getDb().rectificationTicket.count({ where: { findingId: finding.id } })).toBe(0);

    const opened = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "supervision.finding.open", subject: `supervision-finding:${finding.id}` },
    });
    expect(opened.actorId).toBeNull();
    expect(opened.data).toMatchObject({
      monitorCheck: CHECK,
      severity: "WARN",
      runId: outcome.runId,
      trigger: "job",
      evidence: { itemId: lateId, source: "中国政府网", pastDeadline: false },
    });
    expect(auditActionLabel(opened.action)).toBe("监测发现问题");
    const rows = describeAuditData(opened.data);
    expect(rows.kind === "fields" && rows.rows.map((row) => [row.label, row.value])).toEqual(
      expect.arrayContaining([
        ["监测项", "上级重要信息未在 1 小时内转载"],
        ["程度", "预警"],
        ["触发方式", "每日监测"],
      ]),
    );

    // supervision:inspect --json prints the check; the oversight pages show it for the site.
    const json = inspectJson(outcome.measuredAt, outcome.runId, outcome.reports);
    expect(json.sites.find((entry) => entry.id === site.id)!.checks).toEqual([
      expect.objectContaining({ name: CHECK, veto: false, status: "warn", measured: 1 }),
    ]);
    const overview = await getSupervisionOverview(supervisor, at(70));
    expect(overview.sites.find((row) => row.id === site.id)!.openFindings).toBeGreaterThanOrEqual(1);
    const evidence = await getSubjectEvidence(supervisor, "site", site.id, at(70));
    expect(evidence.checks.find((check) => check.name === CHECK)).toMatchObject({ status: "warn" });
    expect(evidence.findings.map((row) => row.key)).toContain(`reprint:${lateId}`);
  });

  it("fails the check past the working day, and audits the finding getting worse", async () => {
    const item = await getDb().reprintItem.findUniqueOrThrow({ where: { id: lateId } });
    const { result } = await monitor(new Date(item.deadlineAt.getTime() + MINUTE));
    expect(result).toMatchObject({ status: "fail", veto: false });
    expect(result.evidence).toMatchObject({ pastHour: 1, pastDeadline: 1 });
    const finding = await getDb().finding.findFirstOrThrow({
      where: { check: CHECK, key: `reprint:${lateId}`, state: "OPEN" },
    });
    expect(finding.severity).toBe("FAIL");
    expect(finding.summary).toContain("超过 1 个工作日未转载");
    const escalated = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "supervision.finding.escalate", subject: `supervision-finding:${finding.id}` },
    });
    expect(escalated.actorId).toBeNull();
    expect(escalated.data).toMatchObject({ previousSeverity: "WARN", severity: "FAIL" });
    // A second run at the same level changes nothing and audits nothing new.
    const before = await getDb().auditEvent.count({ where: { subject: `supervision-finding:${finding.id}` } });
    await monitor(new Date(item.deadlineAt.getTime() + 2 * MINUTE));
    expect(await getDb().auditEvent.count({ where: { subject: `supervision-finding:${finding.id}` } })).toBe(before);
  });

  it("closes the finding at the next run once the item is reprinted", async () => {
    const late = await reprintAndPublish(lateId);
    expect(late.publishedAt).not.toBeNull();
    const { result } = await monitor(new Date(late.deadlineAt.getTime() + 3 * MINUTE));
    expect(result).toMatchObject({ status: "ok", measured: 0 });
    const finding = await getDb().finding.findFirstOrThrow({ where: { check: CHECK, key: `reprint:${lateId}` } });
    expect(finding.state).toBe("RESOLVED");
    const resolved = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "supervision.finding.resolve", subject: `supervision-finding:${finding.id}` },
    });
    expect(resolved.actorId).toBeNull();
    expect(resolved.data).toMatchObject({
      monitorCheck: CHECK,
      previousEvidence: { itemId: lateId, pastDeadline: true },
      evidence: { status: "ok", measured: 0 },
    });
  });
});
