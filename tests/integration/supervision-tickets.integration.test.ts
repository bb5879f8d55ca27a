import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { openTicket } from "@/lib/supervision/tickets/open-ticket";
import { reportFix } from "@/lib/supervision/tickets/report-fix";
import { decideTicket } from "@/lib/supervision/tickets/decide-ticket";
import { escalateOverdueTickets } from "@/lib/supervision/tickets/escalate-overdue";
import { sendDailyDigests } from "@/lib/supervision/digest";
import { getTicket, listFindings, listTickets } from "@/lib/supervision/queries";
import type { Actor } from "@/lib/auth/session";
import { actorFor, fileDb, makeUser, orgId } from "./helpers";
import { at, refused } from "./support/interaction";

// A rectification ticket's lifecycle: the monitor opens one for a veto-level finding, a supervisor
// opens one by hand for a stale column; the site's unit publishes and reports; the re-check closes
// it. Overdue tickets escalate once; every step is audited; other units and wrong roles are refused.

const NOW = at("2026-11-16T10:00:00");
const DAY = 86_400_000;
const HOUSING = "重庆市住房和城乡建设委员会";

let siteId = "";
let authorId = "";
let supervisor: Actor;
let housingAdmin: Actor;
let districtAdmin: Actor;
const staleColumns: string[] = [];

async function publishIn(columnId: string, publishedAt: Date) {
  const db = getDb();
  const resource = await db.resource.create({
    data: {
      kind: "ARTICLE",
      ownerOrgId: await orgId(HOUSING),
      createdById: authorId,
      state: "PUBLISHED",
      title: "住建动态",
      version: 1,
    },
  });
  const revision = await db.revision.create({
    data: {
      resourceId: resource.id,
      number: 1,
      title: "住建动态",
      body: {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "全市城市更新工作推进会召开" }] }],
      },
      bodyHtml: "<p>全市城市更新工作推进会召开</p>",
      metadata: {},
      contentHash: `h${resource.id}`,
      authorId,
    },
  });
  await db.publication.create({
    data: { resourceId: resource.id, revisionId: revision.id, origin: "IMPORTED", publishedAt },
  });
  await db.placement.create({ data: { columnId, resourceId: resource.id } });
}

beforeAll(async () => {
  const db = await fileDb();
  authorId = (await db.user.findUniqueOrThrow({ where: { username: "editor" } })).id;
  const site = await db.site.create({
    data: {
      name: "重庆市住房和城乡建设委员会网站",
      siteCode: "5000000077",
      orgId: await orgId(HOUSING),
      position: 50,
      hosts: { create: { host: "zjw.localhost" } },
    },
  });
  siteId = site.id;
  const fresh = await db.column.create({ data: { siteId, name: "要闻", slug: "yw" } });
  await publishIn(fresh.id, new Date(NOW.getTime() - DAY));
  for (const n of [1, 2, 3, 4, 5]) {
    const column = await db.column.create({ data: { siteId, name: `区县动态${n}`, slug: `qxdt${n}` } });
    staleColumns.push(column.id);
    await publishIn(column.id, new Date(NOW.getTime() - 20 * DAY));
  }
  supervisor = await actorFor("supervisor");
  housingAdmin = await makeUser("zjw-siteadmin", "SITE_ADMIN", HOUSING);
  districtAdmin = await actorFor("siteadmin");
});

const columnChecks = ["site.columns-stale" as const];

describe("rectification tickets", () => {
  it("opens a ticket automatically at the veto line, due in working days, and tells the unit", async () => {
    const { changes, reports } = await runMonitors(getDb(), {
      trigger: "manual",
      now: NOW,
      siteIds: [siteId],
      checks: columnChecks,
    });
    expect(reports[0]!.results[0]).toMatchObject({ name: "site.columns-stale", status: "fail", measured: 5 });
    expect(changes.ticketsOpened).toBe(1);
    const ticket = await getDb().rectificationTicket.findFirstOrThrow({
      where: { siteId },
      include: { finding: true },
    });
    expect(ticket).toMatchObject({ origin: "auto", state: "OPEN", workingDays: 5 });
    expect(ticket.finding).toMatchObject({ check: "site.columns-stale", key: "", veto: true, severity: "FAIL" });
    // 2026-11-16 is a Monday: five working days later is Monday 2026-11-23, end of day China time.
    expect(ticket.dueAt.toISOString()).toBe(at("2026-11-23T23:59:59.999").toISOString());
    const told = await getDb().notification.findMany({ where: { userId: housingAdmin.id } });
    expect(told.map((row) => row.title).join("\n")).toMatch(/整改通知.*重庆市住房和城乡建设委员会网站/);
    expect(told.map((row) => row.title).join("\n")).toMatch(/已达单项否决线/);
    // The monitor's changes are audited with the system as actor and the evidence it saw.
    const opened = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "supervision.ticket.open", subject: `rectification-ticket:${ticket.id}` },
    });
    expect(opened.actorId).toBeNull();
    expect(opened.data).toMatchObject({ origin: "auto", evidence: { columns: expect.any(Array) } });
    const found = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "supervision.finding.open", subject: `supervision-finding:${ticket.finding.id}` },
    });
    expect(found).toMatchObject({ actorId: null });
    expect(found.data).toMatchObject({ monitorCheck: "site.columns-stale", severity: "FAIL", veto: true });
    // Running again opens nothing new, and audits nothing new.
    const events = await getDb().auditEvent.count({ where: { action: { startsWith: "supervision." } } });
    const again = await runMonitors(getDb(), { trigger: "manual", now: NOW, siteIds: [siteId], checks: columnChecks });
    expect(again.changes).toMatchObject({ opened: 0, ticketsOpened: 0 });
    expect(await getDb().auditEvent.count({ where: { action: { startsWith: "supervision." } } })).toBe(events);
  });

  it("lets the supervisor open a ticket by hand for one stale column, and no one else", async () => {
    const { findings } = await listFindings(supervisor, { site: siteId });
    const column = findings.find((finding) => finding.summary.startsWith("栏目“区县动态1”"))!;
    expect(column).toMatchObject({ severity: "fail", veto: false, ticket: null, canOpenTicket: true });
    // The site's own administrator may not open tickets; another unit's cannot even see the finding.
    await refused(() => openTicket(housingAdmin, { findingId: column.id, requirement: "请更新栏目" }), "NOT_FOUND");
    await refused(() => openTicket(districtAdmin, { findingId: column.id, requirement: "请更新栏目" }), "NOT_FOUND");
    await refused(() => openTicket(supervisor, { findingId: column.id, requirement: "" }), "INVALID");
    const ticket = await openTicket(
      supervisor,
      { findingId: column.id, requirement: "请于期限内更新“区县动态1”栏目", workingDays: 3 },
      { now: NOW },
    );
    expect(ticket).toMatchObject({ origin: "manual", state: "OPEN", workingDays: 3 });
    await refused(() => openTicket(supervisor, { findingId: column.id, requirement: "再次立单" }), "CONFLICT");
  });

  it("the site administrator sees only their own sites' findings and tickets", async () => {
    const own = await listTickets(housingAdmin, {});
    expect(own.tickets.length).toBe(2);
    const other = await listTickets(districtAdmin, {});
    expect(other.tickets.every((ticket) => ticket.subject !== "重庆市住房和城乡建设委员会网站")).toBe(true);
    const hidden = own.tickets[0]!.id;
    await refused(() => getTicket(districtAdmin, hidden), "NOT_FOUND");
    expect((await listFindings(districtAdmin, { site: siteId })).findings).toEqual([]);
    // Roles without supervision.view are refused outright.
    await refused(async () => listFindings(await actorFor("editor"), {}), "FORBIDDEN");
  });

  it("closes by re-check once the unit published in the column and reported; refuses replays and other units", async () => {
    const db = getDb();
    const manual = await db.rectificationTicket.findFirstOrThrow({ where: { siteId, origin: "manual" } });
    await refused(
      () => reportFix(districtAdmin, { ticketId: manual.id, note: "已更新", version: manual.version }),
      "NOT_FOUND",
    );
    await refused(
      () => reportFix(supervisor, { ticketId: manual.id, note: "已更新", version: manual.version }),
      "NOT_FOUND",
    );
    // Reported before the fix: the re-check finds the column still stale and sends it back.
    const later = new Date(NOW.getTime() + DAY);
    expect(
      await reportFix(
        housingAdmin,
        { ticketId: manual.id, note: "已安排更新", version: manual.version },
        { now: later },
      ),
    ).toBe("reopened");
    let current = await db.rectificationTicket.findUniqueOrThrow({ where: { id: manual.id } });
    expect(current.state).toBe("OPEN");
    // A replayed report (the version it saw is gone) changes nothing.
    await refused(
      () => reportFix(housingAdmin, { ticketId: manual.id, note: "已更新", version: manual.version }),
      "CONFLICT",
    );
    await publishIn(staleColumns[0]!, later);
    expect(
      await reportFix(
        housingAdmin,
        { ticketId: manual.id, note: "已在栏目发布最新信息", version: current.version },
        { now: later },
      ),
    ).toBe("closed");
    current = await db.rectificationTicket.findUniqueOrThrow({ where: { id: manual.id } });
    expect(current).toMatchObject({ state: "CLOSED", closedBy: "recheck", closedById: null });
    const steps = await db.ticketStep.findMany({ where: { ticketId: manual.id }, orderBy: { id: "asc" } });
    expect(steps.map((step) => step.action)).toEqual(["open", "report", "recheck-failed", "report", "close"]);
    const audit = await db.auditEvent.findMany({
      where: { subject: `rectification-ticket:${manual.id}` },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual([
      "supervision.ticket.open",
      "supervision.ticket.report",
      "supervision.ticket.recheck",
      "supervision.ticket.report",
      "supervision.ticket.close",
    ]);
    // Closed by the re-check: no person acted, and the event keeps what the re-check saw.
    expect(audit.at(-1)).toMatchObject({ actorId: null, data: expect.objectContaining({ by: "recheck" }) });
    expect((audit.at(-1)!.data as { evidence: { status: string } }).evidence.status).toMatch(/ok|warn/);
    expect(
      await db.auditEvent.count({
        where: { action: "supervision.finding.resolve", data: { path: ["trigger"], equals: "recheck" } },
      }),
    ).toBeGreaterThanOrEqual(1);
    await refused(
      () => reportFix(housingAdmin, { ticketId: manual.id, note: "再次报告", version: current.version }),
      "CONFLICT",
    );
    // The site-level ticket stays open: four columns are still stale (below the line: a warning now).
    const auto = await db.rectificationTicket.findFirstOrThrow({ where: { siteId, origin: "auto" } });
    expect(auto.state).toBe("OPEN");
  });

  it("escalates an overdue ticket once, to the 第一责任人 and the supervising unit", async () => {
    const db = getDb();
    const auto = await db.rectificationTicket.findFirstOrThrow({ where: { siteId, origin: "auto" } });
    expect(await escalateOverdueTickets(db, new Date(auto.dueAt.getTime() - 1))).toBe(0);
    expect(await escalateOverdueTickets(db, new Date(auto.dueAt.getTime() + 1))).toBe(1);
    expect(await escalateOverdueTickets(db, new Date(auto.dueAt.getTime() + DAY))).toBe(0);
    const told = await db.notification.findMany({ where: { userId: supervisor.id, title: { startsWith: "督办" } } });
    expect(told.length).toBe(1);
    expect((await getTicket(supervisor, auto.id, new Date(auto.dueAt.getTime() + 1))).overdue).toBe(true);
  });

  it("leaves what the monitor cannot settle to the supervisor, who closes or sends it back", async () => {
    const db = getDb();
    const auto = await db.rectificationTicket.findFirstOrThrow({ where: { siteId, origin: "auto" } });
    // Fix the remaining columns: the re-check resolves the site-level finding and closes the ticket.
    for (const column of staleColumns.slice(1)) await publishIn(column, new Date(NOW.getTime() + 2 * DAY));
    const fresh = await db.rectificationTicket.findUniqueOrThrow({ where: { id: auto.id } });
    expect(
      await reportFix(
        housingAdmin,
        { ticketId: auto.id, note: "全部栏目已更新", version: fresh.version },
        { now: new Date(NOW.getTime() + 2 * DAY) },
      ),
    ).toBe("closed");
    // An availability finding cannot be re-checked at once: the supervisor decides.
    const finding = await db.finding.create({
      data: {
        siteId,
        orgId: await orgId(HOUSING),
        check: "site.availability",
        veto: true,
        severity: "FAIL",
        summary: "站点无法访问（测得 6.0%，否决线 5%）",
        evidence: {},
        firstSeenAt: NOW,
        lastSeenAt: NOW,
      },
    });
    const ticket = await openTicket(
      supervisor,
      { findingId: finding.id, requirement: "请排查服务器故障" },
      { now: NOW },
    );
    expect(await reportFix(housingAdmin, { ticketId: ticket.id, note: "已更换服务器", version: 0 })).toBe("supervisor");
    await refused(
      () => decideTicket(housingAdmin, { ticketId: ticket.id, decision: "close", note: "已修复", version: 1 }),
      "NOT_FOUND",
    );
    await refused(
      () => decideTicket(supervisor, { ticketId: ticket.id, decision: "close", note: "已修复", version: 0 }),
      "CONFLICT",
    );
    expect(
      await decideTicket(supervisor, { ticketId: ticket.id, decision: "reopen", note: "仍有超时", version: 1 }),
    ).toEqual({ state: "OPEN" });
    await reportFix(housingAdmin, { ticketId: ticket.id, note: "已增加带宽", version: 2 });
    expect(
      await decideTicket(supervisor, { ticketId: ticket.id, decision: "close", note: "连续一周访问正常", version: 3 }),
    ).toEqual({
      state: "CLOSED",
    });
    const closed = await getTicket(housingAdmin, ticket.id);
    expect(closed).toMatchObject({ state: "CLOSED", closedBy: "supervisor", canReport: false, canDecide: false });
  });

  it("sends the daily digest once a day", async () => {
    const first = await sendDailyDigests(getDb(), NOW);
    expect(first).toBeGreaterThan(0);
    expect(await sendDailyDigests(getDb(), new Date(NOW.getTime() + 3_600_000))).toBe(0);
    expect(await sendDailyDigests(getDb(), new Date(NOW.getTime() + DAY))).toBe(first);
  });
});
