import { beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import mammoth from "mammoth";
import { getDb } from "@/lib/db/client";
import type { DisclosureAnswerType, DisclosureApplicantType } from "@/lib/db/generated/enums";
import { DomainError, type ErrorCode } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { blocksToDoc } from "@/lib/library/content";
import { createPublishedItem } from "@/lib/seed/seed-items";
import { getReportForStaff, listReports } from "@/lib/disclosure/report-view";
import { saveReportEntry, saveReportTexts } from "@/lib/disclosure/report-entry";
import { draftReport } from "@/lib/disclosure/report-draft";
import { overrideRequestCell } from "@/lib/disclosure/override-report-cell";
import { findSiteById, getColumnPage, getDisclosureCatalogue } from "@/lib/sites/portal";
import { exportReport } from "@/lib/disclosure/report-export";
import { sendReportReminders } from "@/lib/disclosure/report-reminders";
import { ENTRY_KEYS } from "@/lib/disclosure/report-format";
import { actorsFor, fileDb, makeUser, orgId } from "./helpers";
import { approveReview } from "./support/review";

// The 政府信息公开工作年度报告 on the real database (#27, second Done-when bullet): a seeded year of
// requests and policy documents yields tables equal to figures computed by hand; a data set that
// breaks 第一项+第二项=第三项+第四项 is refused with the difference named; the report is drafted as a
// reviewed library item, published in the 年报 column and exported as a readable .docx and .xlsx;
// another unit's office and the wrong roles are refused; reminders go out once each.

const DISTRICT = "重庆市沙坪坝区人民政府";
const CULTURE = "重庆市文化和旅游发展委员会";
const YEAR = 2025;

let district: string;
let culture: string;
let officer: Actor;
let otherOfficer: Actor;
let editor: Actor;
let deputy: Actor;
let reviewer: Actor;
let serial = 0;

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

const at = (value: string) => new Date(`${value}T10:00:00+08:00`);

async function addRequest(
  unitId: string,
  applicantType: DisclosureApplicantType,
  received: string,
  concluded: string | null,
  answerType: DisclosureAnswerType | null,
) {
  serial += 1;
  const receivedAt = at(received);
  return getDb().disclosureRequest.create({
    data: {
      unitId,
      trackingCode: `YSQ-TEST-${serial}`,
      passwordHash: "not-a-password",
      applicantType,
      applicantName: `申请人${serial}`,
      idDocumentKind: applicantType === "NATURAL_PERSON" ? "居民身份证" : "统一社会信用代码",
      idNumber: `TEST${serial}`,
      phone: "13800000000",
      infoTitle: `示例政府信息 ${serial}`,
      infoDescription: "用于年度报告统计的示例申请",
      mediumWanted: "电子数据",
      deliveryWanted: "电子邮件",
      receiptChannel: "ONLINE",
      arrivedAt: receivedAt,
      receivedAt,
      clockStart: receivedAt,
      dueAt: new Date(receivedAt.getTime() + 28 * 86_400_000),
      clock: {},
      state: concluded ? "ARCHIVED" : "REGISTERED",
      answerType,
      concludedAt: concluded ? at(concluded) : null,
    },
  });
}

async function addPolicy(title: string, category: "rule" | "normative" | null, writtenOn: string, publishedOn: string) {
  const author = await getDb().user.findUniqueOrThrow({ where: { username: "editor" } });
  const id = await createPublishedItem(getDb() as never, {
    kind: "POLICY",
    ownerOrgId: district,
    authorId: author.id,
    indexUnit: { id: district, code: null },
    title,
    body: blocksToDoc([{ type: "paragraph", text: `${title}的正文。` }]),
    metadata: {
      source: { type: "original" },
      policy: {
        docNumber: null,
        issuer: DISTRICT,
        writtenOn,
        genre: "办法",
        ...(category ? { category } : {}),
      },
    },
    publishedAt: at(publishedOn),
    columnIds: [],
  });
  return id;
}

async function repeal(resourceId: string, day: string, to: "REPEALED" | "EXPIRED" = "REPEALED") {
  const db = getDb();
  await db.resource.update({ where: { id: resourceId }, data: { validity: to } });
  await db.policyValidityChange.create({
    data: { resourceId, from: "VALID", to, cause: "测试：宣布废止", at: at(day) },
  });
}

async function fillEntries(actor: Actor, orgIdValue: string, year: number) {
  let version = (await getReportForStaff(actor, { orgId: orgIdValue, year })).version;
  for (const [index, key] of ENTRY_KEYS.entries()) {
    const value = key === "t2.fees" ? "12.5" : String(index);
    await saveReportEntry(actor, { orgId: orgIdValue, year, version, key, value, reason: "据业务系统年度统计" });
    version += 1;
  }
  await saveReportTexts(actor, {
    orgId: orgIdValue,
    year,
    version,
    overview: "本年度认真贯彻落实政府信息公开条例。",
    problems: "政策解读形式不够丰富。",
    otherMatters: "本年度未收取信息处理费。",
  });
  return version + 1;
}

beforeAll(async () => {
  await fileDb();
  district = await orgId(DISTRICT);
  culture = await orgId(CULTURE);
  officer = await makeUser("disc-report-officer", "DISCLOSURE_OFFICER", DISTRICT);
  otherOfficer = await makeUser("disc-report-culture", "DISCLOSURE_OFFICER", CULTURE);
  [editor, deputy, reviewer] = await actorsFor("editor", "deputy", "reviewer");

  // A year of requests to the district, by hand:
  // 自然人: 2 received in 2025 (予以公开, open at year end), 1 carried in from 2024 (部分公开 in 2025)
  // 商业企业: 1 received (不予公开·第三方), 1 carried in and still open
  // 法律服务机构: 1 received (其他处理·逾期不补正)
  // Not counted: one concluded in 2024, one received in 2026, one to another unit.
  await addRequest(district, "NATURAL_PERSON", "2025-03-03", "2025-03-20", "PUBLIC");
  await addRequest(district, "NATURAL_PERSON", "2025-12-29", null, null);
  await addRequest(district, "NATURAL_PERSON", "2024-12-20", "2025-01-10", "PARTIAL");
  await addRequest(district, "BUSINESS", "2025-06-02", "2025-06-30", "WITHHELD_THIRD_PARTY");
  await addRequest(district, "BUSINESS", "2024-11-11", null, null);
  await addRequest(district, "LEGAL_SERVICE", "2025-08-01", "2025-08-25", "OTHER_NO_CORRECTION");
  await addRequest(district, "RESEARCH", "2024-05-06", "2024-05-30", "PUBLIC");
  await addRequest(district, "RESEARCH", "2026-01-05", null, null);
  await addRequest(culture, "NATURAL_PERSON", "2025-04-01", "2025-04-20", "PUBLIC");

  // Policy documents: 2 normative issued in 2025 (one repealed again in 2025), 1 older one still in
  // force, 1 rule repealed in 2025, 1 of no category (not counted).
  const first = await addPolicy("关于规范行政执法的办法", "normative", "2025-02-10", "2025-02-12");
  await addPolicy("关于优化营商环境的若干措施", "normative", "2025-09-01", "2025-09-03");
  await addPolicy("关于加强物业管理的办法", "normative", "2023-04-01", "2023-04-03");
  const rule = await addPolicy("沙坪坝区城市绿化管理规定", "rule", "2020-01-01", "2020-01-05");
  await addPolicy("关于召开工作会议的通知", null, "2025-05-05", "2025-05-06");
  await repeal(first, "2025-11-30");
  await repeal(rule, "2025-07-01");
});

describe("the tables from the data (second Done-when bullet)", () => {
  it("equal the figures computed by hand", async () => {
    const view = await getReportForStaff(officer, { orgId: district, year: YEAR });
    const { table3, docs } = view.figures;
    expect(table3.new).toMatchObject({ NATURAL_PERSON: 2, BUSINESS: 1, LEGAL_SERVICE: 1, RESEARCH: 0, total: 4 });
    expect(table3.carried).toMatchObject({ NATURAL_PERSON: 1, BUSINESS: 1, total: 2 });
    expect(table3.results.PUBLIC).toMatchObject({ NATURAL_PERSON: 1, total: 1 });
    expect(table3.results.PARTIAL).toMatchObject({ NATURAL_PERSON: 1, total: 1 });
    expect(table3.results.WITHHELD_THIRD_PARTY).toMatchObject({ BUSINESS: 1, total: 1 });
    expect(table3.results.OTHER_NO_CORRECTION).toMatchObject({ LEGAL_SERVICE: 1, total: 1 });
    expect(table3.resultTotal).toMatchObject({ NATURAL_PERSON: 2, BUSINESS: 1, LEGAL_SERVICE: 1, total: 4 });
    expect(table3.carryForward).toMatchObject({ NATURAL_PERSON: 1, BUSINESS: 1, total: 2 });
    expect(view.figures.imbalances).toEqual([]);
    expect(docs).toEqual({
      rule: { issued: 0, repealed: 1, current: 0 },
      normative: { issued: 2, repealed: 1, current: 2 },
    });
    expect(view.missing).toHaveLength(ENTRY_KEYS.length);
  });

  it("lists the units' reports of this year and last year for their office", async () => {
    // The district government's office sees its own (due by 31 March) and, below it, those of the
    // district's departments (沙坪坝区教育委员会 in the demo; due by 31 January).
    const rows = await listReports(officer);
    const education = await getDb().organization.findFirstOrThrow({ where: { name: "重庆市沙坪坝区教育委员会" } });
    expect(rows.map((row) => row.orgId)).toEqual([district, district, education.id, education.id]);
    expect(rows[0]!.deadline).toMatch(/-03-31$/);
    expect(rows[2]!.deadline).toMatch(/-01-31$/);
  });
});

async function addFee(trackingCode: string, amountYuan: number, notice: string, paid: string | null) {
  const db = getDb();
  const request = await db.disclosureRequest.findUniqueOrThrow({ where: { trackingCode } });
  await db.disclosureFee.create({
    data: {
      requestId: request.id,
      basis: "PER_PAGE",
      quantity: 100,
      amountYuan,
      calculation: "示例",
      noticeAt: at(notice),
      payDueAt: at(notice),
      paidAt: paid ? at(paid) : null,
      createdById: officer.id,
    },
  });
}

describe("section 六 信息处理费 and corrections of table 三", () => {
  beforeAll(async () => {
    // 2025: notices 1,700 元 (paid in March) and 100 元 (unpaid); a 2024 notice of 200 元 paid in
    // January 2025; another unit's fee not counted.
    await addFee("YSQ-TEST-1", 1700, "2025-03-05", "2025-03-10");
    await addFee("YSQ-TEST-4", 100, "2025-06-05", null);
    await addFee("YSQ-TEST-3", 200, "2024-12-22", "2025-01-03");
    await addFee("YSQ-TEST-9", 300, "2025-04-05", "2025-04-08");
  });

  it("computes the fee figures from the fee records", async () => {
    const view = await getReportForStaff(officer, { orgId: district, year: YEAR });
    expect(view.figures.fees).toEqual({ notices: 2, noticedYuan: 1800, paid: 2, paidYuan: 1900 });
    const earlier = await getReportForStaff(officer, { orgId: district, year: 2024 });
    expect(earlier.figures.fees).toEqual({ notices: 1, noticedYuan: 200, paid: 0, paidYuan: 0 });
  });

  it("lets the office correct a cell with a reason, kept beside the computed figure and audited", async () => {
    let version = (await getReportForStaff(officer, { orgId: district, year: YEAR })).version;
    const cell = { orgId: district, year: YEAR, row: "new", column: "NATURAL_PERSON" };
    // Bad input, the wrong role, another unit, a replayed form: refused, nothing changes.
    await refused(() => overrideRequestCell(officer, { ...cell, version, value: "1.5", reason: "说明" }), "INVALID");
    await refused(() => overrideRequestCell(officer, { ...cell, version, value: "3", reason: "" }), "INVALID");
    await refused(
      () => overrideRequestCell(officer, { ...cell, version, row: "resultTotal", value: "3", reason: "说明" }),
      "INVALID",
    );
    await refused(() => overrideRequestCell(deputy, { ...cell, version, value: "3", reason: "说明" }), "FORBIDDEN");
    await refused(
      () => overrideRequestCell(otherOfficer, { ...cell, version, value: "3", reason: "说明" }),
      "NOT_FOUND",
    );
    await refused(() => overrideRequestCell(officer, { ...cell, version, value: "", reason: "恢复" }), "CONFLICT");
    await refused(
      () => overrideRequestCell(officer, { ...cell, version: version + 5, value: "3", reason: "说明" }),
      "CONFLICT",
    );

    await overrideRequestCell(officer, { ...cell, version, value: "3", reason: "3 月收到纸质申请 1 件，未录入平台" });
    version += 1;
    let view = await getReportForStaff(officer, { orgId: district, year: YEAR });
    expect(view.figures.table3.new).toMatchObject({ NATURAL_PERSON: 3, total: 5 });
    expect(view.figures.overrides).toEqual([
      expect.objectContaining({ key: "t3.new.NATURAL_PERSON", computed: 2, value: 3, byName: expect.any(String) }),
    ]);
    // The balance rule holds on the corrected table: 自然人 now 3 + 1 ≠ 2 + 1.
    expect(view.figures.imbalances).toEqual([
      { column: "NATURAL_PERSON", left: 4, right: 3 },
      { column: "total", left: 7, right: 6 },
    ]);
    await overrideRequestCell(officer, {
      ...cell,
      row: "carryForward",
      version,
      value: "2",
      reason: "该纸质申请年末尚未办结",
    });
    version += 1;
    view = await getReportForStaff(officer, { orgId: district, year: YEAR });
    expect(view.figures.imbalances).toEqual([]);
    expect(view.figures.table3.carryForward).toMatchObject({ NATURAL_PERSON: 2, total: 3 });

    const audit = await getDb().auditEvent.findMany({
      where: { action: "disclosure.report.override" },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((row) => row.data)).toEqual([
      expect.objectContaining({ key: "t3.new.NATURAL_PERSON", computed: 2, before: null, after: 3 }),
      expect.objectContaining({ key: "t3.carryForward.NATURAL_PERSON", computed: 1, before: null, after: 2 }),
    ]);

    // Taken back (empty value): the computed figures again.
    for (const row of ["new", "carryForward"]) {
      await overrideRequestCell(officer, { ...cell, row, version, value: "", reason: "已将纸质申请补录入平台" });
      version += 1;
    }
    view = await getReportForStaff(officer, { orgId: district, year: YEAR });
    expect(view.figures.overrides).toEqual([]);
    expect(view.figures.table3.new.NATURAL_PERSON).toBe(2);
    expect(await getDb().auditEvent.count({ where: { action: "disclosure.report.override" } })).toBe(4);
  });

  it("refuses a draft whose corrected table breaks the balance rule, and prints the corrections and fees", async () => {
    const year = 2024;
    let version = await fillEntries(officer, district, year);
    const cell = { orgId: district, year, column: "RESEARCH" };
    await overrideRequestCell(officer, { ...cell, row: "PUBLIC", version, value: "2", reason: "另有 1 件当面答复" });
    version += 1;
    const error = await refused(() => draftReport(officer, { orgId: district, year, version }), "CONFLICT");
    expect(error.message).toContain("科研机构列：第一项加第二项为 1，第三项加第四项为 2，相差 1 件");
    await overrideRequestCell(officer, { ...cell, row: "new", version, value: "2", reason: "当面申请 1 件未录入" });
    version += 1;
    const { resourceId } = await draftReport(officer, { orgId: district, year, version });
    const revision = await getDb().revision.findFirstOrThrow({ where: { resourceId }, orderBy: { number: "desc" } });
    expect(revision.bodyHtml).toContain("发出收费通知 1 件，金额 200 元；实际收取信息处理费 0 件，金额 0 元");
    // The printed row 一 is the corrected one: 自然人 1, 商业企业 1, 科研机构 2 (corrected), 总计 4.
    expect(revision.bodyHtml).toMatch(/一、本年新收政府信息公开申请数量.*?<\/tr>/s);
    const newRow = revision.bodyHtml.match(/一、本年新收政府信息公开申请数量(.*?)<\/tr>/s)![1]!;
    expect([...newRow.matchAll(/<p>(\d+)<\/p>/g)].map((match) => match[1])).toEqual([
      "1",
      "1",
      "2",
      "0",
      "0",
      "0",
      "4",
    ]);
  });
});

describe("entering, drafting and exporting", () => {
  it("refuses a draft while figures are missing, then drafts a reviewed library item in the 年报 column", async () => {
    await refused(() => draftReport(officer, { orgId: district, year: YEAR, version: 0 }), "INVALID");
    const version = await fillEntries(officer, district, YEAR);
    // A replayed form (the version it was rendered with) changes nothing.
    await refused(
      () =>
        saveReportEntry(officer, {
          orgId: district,
          year: YEAR,
          version: version - 2,
          key: "t2.license",
          value: "9",
          reason: "重放",
        }),
      "CONFLICT",
    );
    // Bad input: a fraction of a decision, no reason.
    await refused(
      () =>
        saveReportEntry(officer, {
          orgId: district,
          year: YEAR,
          version,
          key: "t2.license",
          value: "1.5",
          reason: "说明",
        }),
      "INVALID",
    );
    await refused(
      () =>
        saveReportEntry(officer, { orgId: district, year: YEAR, version, key: "t2.penalty", value: "3", reason: "" }),
      "INVALID",
    );

    const { resourceId, reviewInstanceId } = await draftReport(officer, { orgId: district, year: YEAR, version });
    const db = getDb();
    const resource = await db.resource.findUniqueOrThrow({
      where: { id: resourceId },
      include: { revisions: true, placements: { include: { column: true } } },
    });
    expect(resource.kind).toBe("DISCLOSURE_REPORT");
    expect(resource.title).toBe(`${DISTRICT}${YEAR}年政府信息公开工作年度报告`);
    expect(resource.revisions[0]!.bodyHtml).toContain("<table");
    expect(resource.revisions[0]!.bodyHtml).toContain("保护第三方合法权益");

    // In review: figures and a second draft wait.
    await refused(
      () =>
        saveReportEntry(officer, {
          orgId: district,
          year: YEAR,
          version: version + 1,
          key: "t2.license",
          value: "9",
          reason: "更正",
        }),
      "CONFLICT",
    );
    await refused(() => draftReport(officer, { orgId: district, year: YEAR, version: version + 1 }), "CONFLICT");

    // The unit's review publishes it in the column.
    const instance = await db.reviewInstance.findUniqueOrThrow({ where: { id: reviewInstanceId } });
    await approveReview(reviewer, deputy, instance.id, instance.contentHash);
    const view = await getReportForStaff(officer, { orgId: district, year: YEAR });
    expect(view.state).toBe("PUBLISHED");
    const placements = await db.placement.findMany({ where: { resourceId }, include: { column: true } });
    expect(placements.map((placement) => placement.column.name)).toEqual(["政府信息公开年报"]);
    // The site's 政府信息公开 catalogue lists it in its 政府信息公开年报 column.
    const site = (await findSiteById(placements[0]!.column.siteId))!;
    const catalogue = await getDisclosureCatalogue(site, (await getColumnPage(site, "zfxxgk", 1))!.column);
    const annual = catalogue.find((entry) => entry.category.name === "政府信息公开年报")!;
    expect(annual.items.map((item) => item.title)).toContain(resource.title);
    const events = await db.auditEvent.findMany({ where: { action: { startsWith: "disclosure.report." } } });
    expect(
      events.filter(
        (event) => event.action === "disclosure.report.entry" && (event.data as { year: number }).year === YEAR,
      ),
    ).toHaveLength(ENTRY_KEYS.length);
    expect(events.some((event) => event.action === "disclosure.report.draft")).toBe(true);
  });

  it("exports a .docx mammoth reads and an .xlsx in the format's layout", async () => {
    const docx = await exportReport(officer, { orgId: district, year: YEAR }, "docx");
    expect(docx.fileName).toBe(`${DISTRICT}${YEAR}年政府信息公开工作年度报告.docx`);
    const { value: text } = await mammoth.extractRawText({ buffer: docx.data });
    for (const expected of [
      "一、总体情况",
      "三、收到和处理政府信息公开申请情况",
      "4.保护第三方合法权益",
      "政策解读形式不够丰富",
    ])
      expect(text).toContain(expected);

    const xlsx = await exportReport(officer, { orgId: district, year: YEAR }, "xlsx");
    const zip = await JSZip.loadAsync(xlsx.data);
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    for (const expected of ["本年新收政府信息公开申请数量", "法人或其他组织", "复议后起诉", "规章"])
      expect(strings).toContain(expected);
    const sheet = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    expect(sheet).toContain("<mergeCell");
    const events = await getDb().auditEvent.count({ where: { action: "disclosure.report.export" } });
    expect(events).toBe(2);
  });
});

describe("the balance rule", () => {
  it("refuses a data set that breaks 第一项+第二项=第三项+第四项, naming the difference", async () => {
    // A request concluded without its answer type: counted as received, neither answered nor open.
    await addRequest(culture, "BUSINESS", "2025-05-05", "2025-05-20", null);
    await fillEntries(otherOfficer, culture, YEAR);
    const view = await getReportForStaff(otherOfficer, { orgId: culture, year: YEAR });
    expect(view.figures.imbalances).toEqual([
      { column: "BUSINESS", left: 1, right: 0 },
      { column: "total", left: 2, right: 1 },
    ]);
    const error = await refused(
      () => draftReport(otherOfficer, { orgId: culture, year: YEAR, version: view.version }),
      "CONFLICT",
    );
    expect(error.message).toContain("商业企业列：第一项加第二项为 1，第三项加第四项为 0，相差 1 件");
    expect(error.message).toContain("总计列：第一项加第二项为 2，第三项加第四项为 1，相差 1 件");
    await refused(() => exportReport(otherOfficer, { orgId: culture, year: YEAR }, "xlsx"), "CONFLICT");
    const report = await getDb().disclosureReport.findUniqueOrThrow({
      where: { orgId_year: { orgId: culture, year: YEAR } },
    });
    expect(report.resourceId).toBeNull();
  });
});

describe("refusals", () => {
  it("hides a unit's report from another unit's office and refuses the wrong roles", async () => {
    await refused(() => getReportForStaff(otherOfficer, { orgId: district, year: YEAR }), "NOT_FOUND");
    await refused(
      () =>
        saveReportEntry(otherOfficer, {
          orgId: district,
          year: 2026,
          version: 0,
          key: "t2.license",
          value: "1",
          reason: "越权",
        }),
      "NOT_FOUND",
    );
    await refused(() => exportReport(otherOfficer, { orgId: district, year: YEAR }, "docx"), "NOT_FOUND");
    // An editor of the unit's disclosure section does not compile the report.
    await refused(() => getReportForStaff(editor, { orgId: district, year: YEAR }), "NOT_FOUND");
    // The 直接责任人 reads it but does not enter figures.
    await getReportForStaff(deputy, { orgId: district, year: 2026 });
    await refused(
      () =>
        saveReportEntry(deputy, {
          orgId: district,
          year: 2026,
          version: 0,
          key: "t2.license",
          value: "1",
          reason: "说明",
        }),
      "FORBIDDEN",
    );
    // A year that has not begun, and a malformed unit.
    await refused(() => getReportForStaff(officer, { orgId: district, year: 2099 }), "INVALID");
    await refused(() => getReportForStaff(officer, { orgId: "nope", year: YEAR }), "INVALID");
  });
});

describe("reminders (条例第四十九条)", () => {
  it("go out from 1 January once each, skip a published report, and escalate after the deadline", async () => {
    const db = getDb();
    // 2026-01-02: the reports of 2025 are due. The district's is published (above); 文旅委's is not.
    const sent = await sendReportReminders(db, at("2026-01-02"));
    const reminders = await db.disclosureReportReminder.findMany({ where: { year: YEAR } });
    expect(reminders.map((row) => row.orgId)).not.toContain(district);
    expect(reminders.find((row) => row.orgId === culture)).toMatchObject({ kind: "OPEN" });
    expect(reminders.find((row) => row.orgId === culture)!.sentTo).toContain(otherOfficer.id);
    expect(sent).toBe(reminders.length);
    expect(await sendReportReminders(db, at("2026-01-03"))).toBe(0);
    const notes = await db.notification.findMany({ where: { userId: otherOfficer.id } });
    expect(notes.map((note) => note.title)).toContain(
      "请编制并公开本单位2025年政府信息公开工作年度报告（公开期限 2026-01-31）",
    );
    // After 31 January 文旅委 (a department) is overdue: escalated and audited.
    await sendReportReminders(db, at("2026-02-02"));
    expect(await db.disclosureReportReminder.count({ where: { orgId: culture, year: YEAR, kind: "OVERDUE" } })).toBe(1);
    expect(
      await db.auditEvent.count({ where: { action: "disclosure.report.overdue", subject: `org:${culture}` } }),
    ).toBe(1);
  });
});
