import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { openTicket } from "@/lib/supervision/tickets/open-ticket";
import { reportFix } from "@/lib/supervision/tickets/report-fix";
import { decideTicket } from "@/lib/supervision/tickets/decide-ticket";
import { requestSupervisionRun } from "@/lib/supervision/requests";
import { getTicket, listFindings, listTickets } from "@/lib/supervision/queries";
import { saveThreshold } from "@/lib/supervision/thresholds";
import { actorFor, fileDb, orgId } from "../helpers";
import { refused } from "../support/interaction";

// 监管 stays with who answers for it: a site's findings and tickets are seen only by the supervising
// unit and that site's own unit; only the supervising unit opens, closes and sets thresholds; only
// the site's unit reports; malformed input is refused in Chinese and changes nothing.

const CULTURE = "重庆市文化和旅游发展委员会";
let findingId = "";
let ticketId = "";
let supervisor: Actor;
let districtAdmin: Actor;
let cultureDeputy: Actor;

beforeAll(async () => {
  const db = await fileDb();
  const site = await db.site.findFirstOrThrow({ where: { org: { name: CULTURE } } });
  const finding = await db.finding.create({
    data: {
      siteId: site.id,
      orgId: await orgId(CULTURE),
      check: "site.links",
      key: "",
      veto: false,
      severity: "FAIL",
      summary: "链接不可用（测得 2，否决线 1）",
      evidence: { broken: [] },
      firstSeenAt: new Date(),
      lastSeenAt: new Date(),
    },
  });
  findingId = finding.id;
  [supervisor, districtAdmin, cultureDeputy] = await Promise.all([
    actorFor("supervisor"),
    actorFor("siteadmin"),
    actorFor("wlw-deputy"),
  ]);
  ticketId = (await openTicket(supervisor, { findingId, requirement: "请修复失效链接" })).id;
});

describe("supervision ticket scope", () => {
  it("hides one unit's findings and tickets from another unit's site administrator", async () => {
    expect((await listFindings(districtAdmin, {})).findings.map((row) => row.id)).not.toContain(findingId);
    expect((await listTickets(districtAdmin, { state: "ALL" })).tickets.map((row) => row.id)).not.toContain(ticketId);
    await refused(() => getTicket(districtAdmin, ticketId), "NOT_FOUND");
    expect((await getTicket(cultureDeputy, ticketId)).canReport).toBe(true);
  });

  it("lets only the supervising unit open and settle tickets, run monitors and set thresholds", async () => {
    await refused(() => openTicket(cultureDeputy, { findingId, requirement: "自行立单" }), "NOT_FOUND");
    await refused(() => requestSupervisionRun(districtAdmin, "monitors"), "FORBIDDEN");
    await refused(() => requestSupervisionRun(districtAdmin, "inspection", {}), "FORBIDDEN");
    await refused(
      () => saveThreshold(districtAdmin, { indicator: "home.stale-days", veto: 30, warn: 20, version: 0 }),
      "FORBIDDEN",
    );
    await refused(() => reportFix(districtAdmin, { ticketId, note: "越权报告", version: 0 }), "NOT_FOUND");
    await refused(() => reportFix(supervisor, { ticketId, note: "代为报告", version: 0 }), "NOT_FOUND");
    // The unit's 直接责任人 reports; the links are re-checked at once and none is broken (the finding
    // was planted by the test), so the re-check closes the ticket.
    expect(await reportFix(cultureDeputy, { ticketId, note: "已修复失效链接", version: 0 })).toBe("closed");
    await refused(
      () => decideTicket(supervisor, { ticketId, decision: "reopen", note: "重新整改", version: 2 }),
      "CONFLICT",
    );
  });

  it("refuses malformed input with a Chinese message and changes nothing", async () => {
    const before = await getDb().rectificationTicket.count();
    await refused(() => openTicket(supervisor, { findingId: "not-a-uuid", requirement: "x" }), "INVALID");
    await refused(() => openTicket(supervisor, { findingId, requirement: "请整改", workingDays: 999 }), "INVALID");
    await refused(() => reportFix(cultureDeputy, { ticketId, note: "\u0000", version: 0 }), "INVALID");
    await refused(() => saveThreshold(supervisor, { indicator: "no.such", veto: 1, warn: 1, version: 0 }), "INVALID");
    await refused(
      () => saveThreshold(supervisor, { indicator: "home.stale-days", veto: 14, warn: 20, version: 0 }),
      "INVALID",
    );
    await refused(() => getTicket(supervisor, "../../etc"), "NOT_FOUND");
    expect(await getDb().rectificationTicket.count()).toBe(before);
    await saveThreshold(supervisor, { indicator: "home.stale-days", veto: 14, warn: 7, version: 0 });
    await refused(
      () => saveThreshold(supervisor, { indicator: "home.stale-days", veto: 14, warn: 8, version: 0 }),
      "CONFLICT",
    );
  });
});
