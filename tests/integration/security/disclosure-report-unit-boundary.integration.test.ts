import { describe, expect, it } from "vitest";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { getReportForStaff, listReports } from "@/lib/disclosure/report-view";
import { saveReportEntry, saveReportTexts } from "@/lib/disclosure/report-entry";
import { draftReport } from "@/lib/disclosure/report-draft";
import { exportReport } from "@/lib/disclosure/report-export";
import { actorFor, fileDb, makeUser, orgId } from "../helpers";

// The unit boundary of the 政府信息公开工作年度报告 (#27 item 5): another unit's disclosure office
// cannot read, enter, draft or export a unit's report, and is told "not found", not "forbidden";
// the unit's editors and reviewers who are not its disclosure office see nothing; its leaders read
// but do not compile; nobody signed out gets anything. No refusal writes a row.

const DISTRICT = "重庆市沙坪坝区人民政府";
const CULTURE = "重庆市文化和旅游发展委员会";

async function refused(work: () => Promise<unknown>, code: ErrorCode) {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

describe("a unit's annual report across units and roles", () => {
  it("is invisible to another unit's office and to staff outside the disclosure office", async () => {
    const db = await fileDb();
    const district = await orgId(DISTRICT);
    const outsider = await makeUser("culture.report.boundary", "DISCLOSURE_OFFICER", CULTURE);
    const deputy = await actorFor("deputy");
    const ref = { orgId: district, year: 2026 };
    const entry = { ...ref, version: 0, key: "t2.license", value: "1", reason: "越权填报" };
    const texts = { ...ref, version: 0, overview: "越权", problems: "越权", otherMatters: "越权" };

    for (const actor of [outsider, await actorFor("editor"), await actorFor("reviewer"), await actorFor("siteadmin")]) {
      await refused(() => getReportForStaff(actor, ref), "NOT_FOUND");
      await refused(() => saveReportEntry(actor, entry), "NOT_FOUND");
      await refused(() => saveReportTexts(actor, texts), "NOT_FOUND");
      await refused(() => draftReport(actor, { ...ref, version: 0 }), "NOT_FOUND");
      await refused(() => exportReport(actor, ref, "docx"), "NOT_FOUND");
    }
    // The other unit's office lists only its own unit.
    expect((await listReports(outsider)).map((row) => row.unitName)).not.toContain(DISTRICT);

    // The unit's 直接责任人 reads the report but does not compile it.
    await getReportForStaff(deputy, ref);
    await refused(() => saveReportEntry(deputy, entry), "FORBIDDEN");
    await refused(() => draftReport(deputy, { ...ref, version: 0 }), "FORBIDDEN");

    // Signed out: nothing.
    await refused(() => getReportForStaff(null, ref), "NOT_FOUND");
    await refused(() => saveReportEntry(null, entry), "NOT_FOUND");

    expect(await db.disclosureReport.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "disclosure.report." } } })).toBe(0);
  });
});
