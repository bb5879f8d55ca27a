import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { getSiteReport } from "@/lib/reports/website-annual/view";
import { saveReportFigure } from "@/lib/reports/website-annual/entry";
import { signReport } from "@/lib/reports/website-annual/sign-off";
import { publishReport } from "@/lib/reports/website-annual/publish";
import { exportSiteReport } from "@/lib/reports/website-annual/export";
import { fileDb, makeUser } from "../helpers";

// The unit boundary of the 网站工作报表 (#29 item 5): another unit's site administrator cannot read,
// fill in, sign, publish or export a site's report and is told "not found"; an editor of the unit
// sees nothing; the unit's leaders read but do not change it; a site administrator cannot reach the
// supervising unit's 监管年度报表; nobody signed out gets anything. No refusal writes a row.

const DISTRICT = "重庆市沙坪坝区人民政府";
const CULTURE = "重庆市文化和旅游发展委员会";
const SIGN = { 单位负责人: "王区长", 审核人: "李主任", 填报人: "张科员", 联系电话: "023-65368000" };

async function refused(work: () => Promise<unknown>, code: ErrorCode) {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

describe("a site's report across units and roles", () => {
  it("refuses other units, editors, readers' changes, the signed-out and the supervising unit's report", async () => {
    const db = await fileDb();
    const site = await db.site.findFirstOrThrow({ where: { org: { name: DISTRICT } }, orderBy: { position: "asc" } });
    const year = new Date().getFullYear() - 1;
    const ref = { kind: "website", subjectId: site.id, period: String(year) };
    const outsider = await makeUser("culture.site.report", "SITE_ADMIN", CULTURE);
    const editor = await makeUser("district.site.report.editor", "EDITOR", DISTRICT);
    const leader = await makeUser("district.site.report.leader", "FIRST_RESPONSIBLE", DISTRICT);
    const before = await getDb().siteReport.findMany({ orderBy: { id: "asc" } });
    const audits = await getDb().auditEvent.count();

    for (const actor of [outsider, editor, null]) {
      const code = "NOT_FOUND";
      await refused(() => getSiteReport(actor, ref), code);
      await refused(() => exportSiteReport(actor, ref, "xlsx"), code);
      await refused(
        () => saveReportFigure(actor, { ...ref, version: 0, key: "办事服务/注册用户数", value: "1", reason: "" }),
        code,
      );
      await refused(() => signReport(actor, { ...ref, version: 0, ...SIGN }), code);
      await refused(() => publishReport(actor, { ...ref, version: 0 }), code);
    }
    // The unit's leader reads it, but filling in, signing and publishing are the site administrator's.
    const view = await getSiteReport(leader, ref);
    await refused(
      () =>
        saveReportFigure(leader, { ...ref, version: view.version, key: "办事服务/注册用户数", value: "1", reason: "" }),
      "FORBIDDEN",
    );
    await refused(() => signReport(leader, { ...ref, version: view.version, ...SIGN }), "FORBIDDEN");
    await refused(() => publishReport(leader, { ...ref, version: view.version }), "FORBIDDEN");
    // The supervising unit's report is the supervising unit's alone.
    const root = await db.organization.findFirstOrThrow({ where: { kind: "SUPERVISING" } });
    const districtAdmin = await makeUser("district.site.report.admin", "SITE_ADMIN", DISTRICT);
    await refused(
      () => getSiteReport(districtAdmin, { kind: "supervision", subjectId: root.id, period: String(year) }),
      "NOT_FOUND",
    );

    expect(await getDb().siteReport.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await getDb().auditEvent.count()).toBe(audits);
  });
});
