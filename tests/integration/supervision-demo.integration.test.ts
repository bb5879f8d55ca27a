import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { seedSampleContent } from "@/lib/seed/samples";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { inspectJson } from "@/lib/supervision/inspect-report";
import { CHECKS } from "@/lib/supervision/checks";
import { fileDb } from "./helpers";

// The demo platform as a fresh `npm start` shows it passes every veto check the monitors can
// measure, with no outside network (issue #28 item 6): what `supervision:inspect --json` prints.

beforeAll(async () => {
  await fileDb();
  await seedSampleContent(getDb());
}, 180_000);

describe("the seeded demo platform under supervision", () => {
  it("lists every site and account, each with every check, and fails no veto line", async () => {
    const { runId, measuredAt, reports } = await runMonitors(getDb(), { trigger: "cli" });
    const report = inspectJson(measuredAt, runId, reports);
    const [sites, accounts] = await Promise.all([
      getDb().site.count(),
      getDb().newMediaAccount.count({ where: { status: { in: ["ACTIVE", "CANCELLING"] } } }),
    ]);
    expect(report.sites.length).toBe(sites);
    expect(report.accounts.length).toBe(accounts);
    for (const entry of [...report.sites, ...report.accounts]) {
      const failing = entry.checks.filter((check) => check.veto && check.status === "fail");
      expect(
        failing.map((check) => `${entry.name} ${check.name} ${JSON.stringify(check.evidence).slice(0, 300)}`),
      ).toEqual([]);
      for (const check of entry.checks) expect(check.veto).toBe(CHECKS[check.name].veto);
    }
    for (const site of report.sites) expect(site.checks.map((check) => check.name)).toContain("site.columns-blank");
    expect(report.vetoFailed).toBe(false);
    // No veto-level finding, hence no automatic ticket.
    expect(await getDb().rectificationTicket.count()).toBe(0);
    console.info(
      [...report.sites, ...report.accounts]
        .map((entry) => `${entry.name}: ${entry.checks.map((check) => `${check.name}=${check.status}`).join(" ")}`)
        .join("\n"),
    );
  });
});
