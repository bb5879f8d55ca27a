import { beforeAll, describe, expect, it } from "vitest";
import mammoth from "mammoth";
import { getDb } from "@/lib/db/client";
import { DomainError, type ErrorCode } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { blocksToDoc } from "@/lib/library/content";
import { createPublishedItem } from "@/lib/seed/seed-items";
import { getSiteReport, listSiteReports } from "@/lib/reports/website-annual/view";
import { saveReportFigure } from "@/lib/reports/website-annual/entry";
import { signReport } from "@/lib/reports/website-annual/sign-off";
import { publishReport } from "@/lib/reports/website-annual/publish";
import { exportSiteReport } from "@/lib/reports/website-annual/export";
import { websiteAnnualCli } from "@/lib/reports/website-annual/cli";
import { templateJson } from "@/lib/reports/website-annual/compose";
import { sendSiteReportReminders } from "@/lib/reports/website-annual/reminders";
import { WEBSITE_ANNUAL } from "@/lib/reports/website-annual/template";
import { actorsFor, fileDb, makeUser } from "./helpers";
import { approveReview, CHECKS } from "./support/review";

// 政府网站工作年度报表 on the real database (#29, third Done-when bullet): a site with a seeded year of
// publications, letters, consultations, interviews, monitor runs and new-media deliveries yields the
// figures computed by hand; an override keeps its reason; the report is signed off once, published
// through review in the 年度报表 column, exported; the CLI prints every group of the template;
// other units, wrong roles, a second sign-off and publication before sign-off are refused.

const UNIT = "重庆市测试县人民政府";
const SITE_CODE = "5001990099";
const YEAR = 2025;
const at = (value: string) => new Date(`${value}+08:00`);

let unit: string;
let siteId: string;
let admin: Actor;
let otherAdmin: Actor;
let editor: Actor;
let leader: Actor;
let reviewer: Actor;
let deputy: Actor;
const ref = () => ({ kind: "website", subjectId: siteId, period: String(YEAR) });

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

async function column(name: string, slug: string, kind: string, extra: Record<string, unknown> = {}) {
  return getDb().column.create({ data: { siteId, name, slug, kind: kind as never, ...extra } });
}

async function item(title: string, day: string, columnIds: string[], kind = "ARTICLE", genre: string | null = null) {
  const db = getDb();
  const author = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
  const id = await createPublishedItem(db as never, {
    kind: "ARTICLE",
    ownerOrgId: unit,
    authorId: author.id,
    indexUnit: { id: unit, code: null },
    title,
    body: blocksToDoc([{ type: "paragraph", text: `${title}的正文。` }]),
    metadata: { source: { type: "original" } },
    publishedAt: at(day),
    columnIds,
  });
  if (kind !== "ARTICLE" || genre) await db.resource.update({ where: { id }, data: { kind: kind as never, genre } });
  return id;
}

beforeAll(async () => {
  await fileDb();
  const db = getDb();
  const root = await db.organization.findFirstOrThrow({ where: { kind: "SUPERVISING" } });
  unit = (await db.organization.create({ data: { name: UNIT, kind: "HOST", parentId: root.id } })).id;
  const site = await db.site.create({
    data: {
      name: "测试县人民政府网",
      siteCode: SITE_CODE,
      icpNumber: "渝ICP备00000001号",
      psbNumber: "渝公网安备 50000002000001号",
      orgId: unit,
      position: 99,
      hosts: { create: { host: "test-county.example.gov.cn" } },
    },
  });
  siteId = site.id;
  admin = await makeUser("rpt-admin", "SITE_ADMIN", UNIT);
  otherAdmin = await makeUser("rpt-other-admin", "SITE_ADMIN", "重庆市沙坪坝区人民政府");
  editor = await makeUser("rpt-editor", "EDITOR", UNIT);
  leader = await makeUser("rpt-leader", "DIRECT_RESPONSIBLE", UNIT);
  reviewer = await makeUser("rpt-reviewer", "CHECK_REVIEWER", UNIT);
  deputy = await makeUser("rpt-deputy", "DIRECT_RESPONSIBLE", UNIT);

  // Columns: 概况 (a page), 要闻动态 (news), 信息公开目录 with a child, two 专题 (one opened in
  // 2025), 站内搜索, and the 年度报表 column.
  const overview = await column("县情概况", "xqgk", "PAGE");
  const news = await column("要闻动态", "ywdt", "LIST");
  const catalogue = await column("政府信息公开目录", "xxgk", "DISCLOSURE");
  const plans = await column("规划计划", "ghjh", "LIST", { parentId: catalogue.id });
  await column("乡村振兴专题", "xczx", "TOPIC", { createdAt: at("2024-05-01T09:00:00") });
  await column("优化营商环境专题", "yhyshj", "TOPIC", { createdAt: at("2025-03-01T09:00:00") });
  await column("明年专题", "mnzt", "TOPIC", { createdAt: at("2026-02-01T09:00:00") });
  await column("站内搜索", "search", "SEARCH");
  await column("年度报表", "ndbb", "LIST");

  // Publications first made in 2025: 2 news, 1 overview, 1 catalogue article, 2 interpretations in
  // the catalogue (one a 图解: a product) = 6. Not counted: one of 2024, one withdrawn.
  await item("县政府召开常务会议", "2025-03-03T10:00:00", [news.id]);
  await item("县长调研春耕生产", "2025-05-06T10:00:00", [news.id]);
  await item("县情简介", "2025-02-01T10:00:00", [overview.id]);
  await item("2025年重点项目计划", "2025-06-01T10:00:00", [plans.id]);
  await item("图解：重点项目计划", "2025-06-02T10:00:00", [plans.id], "INTERPRETATION", "图解");
  await item("解读：重点项目计划", "2025-06-03T10:00:00", [catalogue.id], "INTERPRETATION", "文字解读");
  await item("去年的会议", "2024-12-30T10:00:00", [news.id]);
  const withdrawn = await item("已撤稿的消息", "2025-04-01T10:00:00", [news.id]);
  await db.publication.updateMany({
    where: { resourceId: withdrawn },
    data: { withdrawnAt: at("2025-04-02T10:00:00") },
  });

  // Letters: 3 received in 2025 (2 answered, in 3 and 1 days), one merged, one of 2024.
  const type = await db.interactionType.create({
    data: { siteId, code: "mailbox", name: "县长信箱", category: "MAILBOX", description: "县长信箱", unitId: unit },
  });
  let serial = 0;
  const letter = (received: string, answered: string | null, state: string) =>
    db.letter.create({
      data: {
        siteId,
        typeId: type.id,
        queryCode: `RPT${++serial}`,
        passwordHash: "x",
        title: `来信${serial}`,
        content: "内容",
        writerName: "网民",
        writerPhone: "13800000000",
        consentToPublish: true,
        state: state as never,
        receivedAt: at(received),
        acceptDueAt: at(received),
        answeredAt: answered ? at(answered) : null,
        clock: {},
      },
    });
  await letter("2025-03-01T10:00:00", "2025-03-04T10:00:00", "ANSWERED");
  await letter("2025-06-01T10:00:00", "2025-06-02T10:00:00", "CLOSED");
  await letter("2025-11-01T10:00:00", null, "PENDING");
  await letter("2025-05-01T10:00:00", null, "MERGED");
  await letter("2024-12-01T10:00:00", "2024-12-02T10:00:00", "CLOSED");

  // One consultation of 2025 with 2 responses; one interview with 3 questions, one answered.
  const consultation = await db.consultation.create({
    data: {
      siteId,
      columnId: news.id,
      kind: "SURVEY" as never,
      title: "公共服务满意度调查",
      intro: "调查",
      opensAt: at("2025-04-01T09:00:00"),
      closesAt: at("2025-04-30T18:00:00"),
      state: "PUBLISHED",
      createdById: admin.id,
    },
  });
  for (const key of ["a", "b"])
    await db.consultationResponse.create({
      data: { consultationId: consultation.id, participantKey: key, formNonce: `rpt-${key}`, answers: {} },
    });
  const interview = await db.interview.create({
    data: {
      siteId,
      topic: "优化营商环境在线访谈",
      summary: "访谈",
      startsAt: at("2025-07-01T09:00:00"),
      endsAt: at("2025-07-01T11:00:00"),
      status: "CLOSED",
      createdById: admin.id,
    },
  });
  for (const [index, status] of (["APPROVED", "APPROVED", "REJECTED"] as const).entries()) {
    const question = await db.interviewQuestion.create({
      data: { interviewId: interview.id, nickname: "网友", content: "问题", status },
    });
    if (index === 0)
      await db.interviewPost.create({
        data: {
          interviewId: interview.id,
          kind: "ANSWER",
          questionId: question.id,
          body: "答复",
          postedById: admin.id,
        },
      });
  }

  // Monitoring: 2 runs over the site in 2025, 2 problems found, 1 fixed.
  for (const day of ["2025-02-01T08:00:00", "2025-08-01T08:00:00"]) {
    const run = await db.checkRun.create({ data: { trigger: "job", checks: ["home"], measuredAt: at(day) } });
    await db.checkResult.create({
      data: { runId: run.id, siteId, name: "home", veto: true, status: "OK", evidence: {}, at: at(day) },
    });
  }
  for (const [first, resolved] of [
    ["2025-02-01T08:00:00", "2025-02-10T08:00:00"],
    ["2025-08-01T08:00:00", null],
  ] as const)
    await db.finding.create({
      data: {
        siteId,
        orgId: unit,
        check: "column",
        key: first,
        veto: false,
        severity: "WARN",
        state: resolved ? "RESOLVED" : "OPEN",
        summary: "栏目更新不及时",
        evidence: {},
        firstSeenAt: at(first),
        lastSeenAt: at(first),
        resolvedAt: resolved ? at(resolved) : null,
      },
    });

  // New media: a 微博 with 2 delivered posts in 2025 (one failed, one of 2024), a 微信 with none.
  const weibo = await db.newMediaAccount.create({
    data: { orgId: unit, platform: "WEIBO", name: "测试县发布", manager: "张三", phone: "023-00000000" },
  });
  await db.newMediaAccount.create({
    data: { orgId: unit, platform: "WECHAT", name: "测试县政务", manager: "李四", phone: "023-00000001" },
  });
  const channel = await db.channel.create({
    data: { name: "测试县发布", kind: "WEIBO", orgId: unit, accountId: weibo.id, config: {} },
  });
  for (const [status, day] of [
    ["ACKNOWLEDGED", "2025-03-03T12:00:00"],
    ["SENT", "2025-05-06T12:00:00"],
    ["FAILED", "2025-06-01T12:00:00"],
    ["ACKNOWLEDGED", "2024-12-30T12:00:00"],
  ] as const)
    await db.delivery.create({
      data: {
        channelId: channel.id,
        action: "PUBLISH",
        contentHash: "h",
        idempotencyKey: `rpt-${day}`,
        status,
        createdAt: at(day),
      },
    });
});

const FILLED: [string, string][] = [
  ["解读回应/解读信息发布/媒体评论文章数量", "3"],
  ["解读回应/回应公众关注热点或重大舆情数量", "2"],
  ["办事服务/是否发布服务事项目录", "是"],
  ["办事服务/注册用户数", "5000"],
  ["办事服务/政务服务事项数量", "1200"],
  ["办事服务/可全程在线办理政务服务事项数量", "800"],
  ["办事服务/办件量/总数", "30000"],
  ["办事服务/办件量/自然人办件量", "25000"],
  ["办事服务/办件量/法人办件量", "5000"],
  ["安全防护/是否开展应急演练", "是"],
  ["移动新媒体/微博/关注量", "8800"],
  ["移动新媒体/微信/订阅数", "12000"],
];

describe("the 政府网站工作年度报表 from the data (third Done-when bullet)", () => {
  it("equals the figures computed by hand, every group present", async () => {
    const view = await getSiteReport(admin, ref());
    const json = templateJson(view.composed) as Record<string, Record<string, unknown>>;
    expect(json).toMatchObject({
      网站名称: "测试县人民政府网",
      首页网址: "https://test-county.example.gov.cn",
      主办单位: UNIT,
      网站类型: ["政府门户网站"],
      政府网站标识码: SITE_CODE,
      ICP备案号: "渝ICP备00000001号",
      公安机关备案号: "渝公网安备 50000002000001号",
      // No page was viewed on the test site.
      独立用户访问总量: 0,
      网站总访问量: 0,
      信息发布: { 总数: 6, 概况类信息更新量: 1, 政务动态信息更新量: 2, 信息公开目录信息更新量: 3 },
      专栏专题: { 维护数量: 2, 新开设数量: 1 },
      解读回应: { 解读信息发布: { 总数: 2, 解读材料数量: 1, 解读产品数量: 1 } },
      互动交流: {
        是否使用统一平台: "是",
        留言办理: { 收到留言数量: 3, 办结留言数量: 2, 平均办理时间: 2, 公开答复数量: 0 },
        征集调查: { 征集调查期数: 1, 收到意见数量: 2, 公布调查结果期数: 0 },
        在线访谈: { 访谈期数: 1, 网民留言数量: 3, 答复网民提问数量: 1 },
        是否提供智能问答: "否",
      },
      安全防护: {
        安全检测评估次数: 2,
        发现问题数量: 2,
        问题整改数量: 1,
        是否建立安全监测预警机制: "是",
        是否明确网站安全责任人: "否",
      },
      移动新媒体: {
        是否有移动新媒体: "是",
        微博: { 名称: "测试县发布", 信息发布量: 2 },
        微信: { 名称: "测试县政务", 信息发布量: 0 },
        其他: "",
      },
      创新发展: ["搜索即服务"],
    });
    for (const group of WEBSITE_ANNUAL.groups) expect(json).toHaveProperty([group]);
    expect(view.composed.missing).toHaveLength(FILLED.length);
    expect(view.state).toBe("OPEN");
  });

  it("keeps an override's reason, shown beside the computed figure and in the audit log", async () => {
    let { version } = await getSiteReport(admin, ref());
    await refused(
      () => saveReportFigure(admin, { ...ref(), version, key: "信息发布/总数", value: "7", reason: "" }),
      "INVALID",
    );
    await refused(
      () => saveReportFigure(admin, { ...ref(), version, key: "信息发布/总数", value: "七", reason: "补录" }),
      "INVALID",
    );
    await saveReportFigure(admin, {
      ...ref(),
      version,
      key: "信息发布/总数",
      value: "7",
      reason: "另有 1 条在原网站发布后迁移，据迁移台账补录",
    });
    version += 1;
    // A replayed form (the version it was rendered with) changes nothing.
    await refused(
      () =>
        saveReportFigure(admin, { ...ref(), version: version - 1, key: "信息发布/总数", value: "8", reason: "重放" }),
      "CONFLICT",
    );
    const view = await getSiteReport(leader, ref());
    const line = view.composed.lines.find((candidate) => candidate.key === "信息发布/总数")!;
    expect(line).toMatchObject({ value: 7, computedValue: 6, overridden: true });
    expect(line.entry!.reason).toBe("另有 1 条在原网站发布后迁移，据迁移台账补录");
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "report.site.override" },
      orderBy: { at: "desc" },
    });
    expect(audit.data).toMatchObject({ key: "信息发布/总数", before: null, after: "7", reason: line.entry!.reason });
  });

  it("prints every group of the template from the command line, and refuses an unknown site or bad year", async () => {
    const db = getDb();
    const printed = await websiteAnnualCli(db, ["--site", SITE_CODE, "--year", String(YEAR)]);
    expect(printed.code).toBe(0);
    const json = JSON.parse(printed.out) as Record<string, Record<string, unknown>>;
    for (const group of WEBSITE_ANNUAL.groups) expect(Object.keys(json)).toContain(group);
    expect(json["信息发布"]!["总数"]).toBe(7);
    expect(json["互动交流"]!["留言办理"]).toMatchObject({ 收到留言数量: 3 });
    const unknown = await websiteAnnualCli(db, ["--site", "0000000000", "--year", "2025"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.out).toContain("没有网站标识码");
    const badYear = await websiteAnnualCli(db, ["--site", SITE_CODE, "--year", "20x5"]);
    expect(badYear.code).not.toBe(0);
    expect(badYear.out).toMatch(/年度/);
    expect((await websiteAnnualCli(db, ["--site", SITE_CODE, "--year", "2099"])).code).not.toBe(0);
    expect((await websiteAnnualCli(db, ["--year", "2025"])).code).not.toBe(0);
  });
});

describe("sign-off, publication and exports", () => {
  const signOff = { 单位负责人: "王县长", 审核人: "李主任", 填报人: "张科员", 联系电话: "023-12345678" };

  it("refuses publication before sign-off and sign-off while figures are missing; signs once", async () => {
    let { version } = await getSiteReport(admin, ref());
    await refused(() => publishReport(admin, { ...ref(), version }), "CONFLICT");
    await refused(() => signReport(admin, { ...ref(), version, ...signOff }), "INVALID");
    for (const [key, value] of FILLED) {
      await saveReportFigure(admin, { ...ref(), version, key, value, reason: "" });
      version += 1;
    }
    await refused(() => signReport(admin, { ...ref(), version, ...signOff, 联系电话: "abc" }), "INVALID");
    await signReport(admin, { ...ref(), version, ...signOff }, {}, at("2026-01-10T10:00:00"));
    version += 1;
    await refused(() => signReport(admin, { ...ref(), version, ...signOff }), "CONFLICT");
    await refused(
      () => saveReportFigure(admin, { ...ref(), version, key: "信息发布/总数", value: "9", reason: "签发后修改" }),
      "CONFLICT",
    );
    const view = await getSiteReport(admin, ref());
    expect(view.state).toBe("SIGNED");
    expect(view.composed.signOff).toMatchObject({ ...signOff, 填报日期: "2026-01-10" });
    // The signed snapshot keeps the override and its reason.
    const line = view.composed.lines.find((candidate) => candidate.key === "信息发布/总数")!;
    expect(line).toMatchObject({ value: 7, computedValue: 6, overridden: true });
    expect(line.entry!.reason).toContain("迁移台账");
  });

  it("publishes the signed report through review in the 年度报表 column", async () => {
    const { version } = await getSiteReport(admin, ref());
    const { resourceId, reviewInstanceId } = await publishReport(admin, { ...ref(), version });
    await refused(() => publishReport(admin, { ...ref(), version: version + 1 }), "CONFLICT");
    const db = getDb();
    const resource = await db.resource.findUniqueOrThrow({
      where: { id: resourceId },
      include: { revisions: true },
    });
    expect(resource.kind).toBe("SITE_REPORT");
    expect(resource.title).toBe(`测试县人民政府网${YEAR}年度政府网站工作年度报表`);
    expect(resource.revisions[0]!.bodyHtml).toContain("<table");
    expect(resource.revisions[0]!.bodyHtml).toContain("信息公开目录信息更新量");
    const instance = await db.reviewInstance.findUniqueOrThrow({ where: { id: reviewInstanceId } });
    expect(instance.columnIds).toHaveLength(1);
    const target = await db.column.findUniqueOrThrow({ where: { id: instance.columnIds[0]! } });
    expect(target).toMatchObject({ siteId, name: "年度报表" });
    expect((await getSiteReport(admin, ref())).state).toBe("IN_REVIEW");
    // The unit's reviewers: the five checks and its 直接责任人 (made after sign-off: the snapshot keeps 否).
    await db.membership.updateMany({ where: { userId: reviewer.id }, data: { checks: CHECKS } });
    await db.responsibility.create({ data: { orgId: unit, kind: "DIRECT", userId: deputy.id } });
    await approveReview(reviewer, deputy, reviewInstanceId, resource.revisions[0]!.contentHash);
    expect((await getSiteReport(admin, ref())).state).toBe("PUBLISHED");
    const placed = await db.placement.findFirst({ where: { resourceId, columnId: target.id } });
    expect(placed).not.toBeNull();
  });

  it("exports a readable .docx and an .xlsx, audited", async () => {
    const docx = await exportSiteReport(leader, ref(), "docx");
    expect(docx.fileName).toBe(`测试县人民政府网${YEAR}年度政府网站工作年度报表.docx`);
    const { value: text } = await mammoth.extractRawText({ buffer: docx.data });
    expect(text).toContain("信息公开目录信息更新量");
    expect(text).toContain("王县长");
    const xlsx = await exportSiteReport(leader, ref(), "xlsx");
    expect(xlsx.data.subarray(0, 2).toString()).toBe("PK");
    expect(await getDb().auditEvent.count({ where: { action: "report.site.export" } })).toBeGreaterThanOrEqual(2);
  });
});

describe("refusals", () => {
  it("hides the report from another unit and from roles without the report, and refuses a reader's changes", async () => {
    await refused(() => getSiteReport(otherAdmin, ref()), "NOT_FOUND");
    await refused(() => getSiteReport(editor, ref()), "NOT_FOUND");
    await refused(
      () =>
        saveReportFigure(otherAdmin, { ...ref(), version: 0, key: "网站总访问量", value: "1", reason: "据第三方统计" }),
      "NOT_FOUND",
    );
    await refused(
      () => saveReportFigure(leader, { ...ref(), version: 0, key: "网站总访问量", value: "1", reason: "据第三方统计" }),
      "FORBIDDEN",
    );
    await refused(() => signReport(leader, { ...ref(), version: 0 }), "INVALID");
    await refused(
      () =>
        signReport(leader, {
          ...ref(),
          version: 0,
          单位负责人: "王县长",
          审核人: "李主任",
          填报人: "张科员",
          联系电话: "023-1234567",
        }),
      "FORBIDDEN",
    );
    const root = await getDb().organization.findFirstOrThrow({ where: { kind: "SUPERVISING" } });
    await refused(() => getSiteReport(admin, { kind: "supervision", subjectId: root.id, period: "2025" }), "NOT_FOUND");
  });

  it("refuses a malformed address with a Chinese message", async () => {
    await refused(() => getSiteReport(admin, { kind: "website", subjectId: siteId, period: "2099" }), "INVALID");
    await refused(() => getSiteReport(admin, { kind: "website", subjectId: siteId, period: "25" }), "INVALID");
    await refused(() => getSiteReport(admin, { kind: "annual", subjectId: siteId, period: "2025" }), "INVALID");
    await refused(() => getSiteReport(admin, { kind: "monthly", subjectId: siteId, period: "2025-13" }), "INVALID");
  });
});

describe("the monthly report, the 监管年度报表 and reminders", () => {
  it("counts a site's month", async () => {
    // 信息报送 in June 2025: this unit sent one (adopted in June) and one in May (returned in
    // June: counted nowhere); the district sent this site one in June (pending) and one in May
    // (adopted in June).
    const db = getDb();
    const district = await db.site.findFirstOrThrow({ where: { siteCode: "5001060001" } });
    const own = await db.revision.findMany({ where: { resource: { ownerOrgId: unit } }, take: 2 });
    const theirs = await db.revision.findMany({ where: { resource: { ownerOrgId: { not: unit } } }, take: 2 });
    const submitter = await db.user.findFirstOrThrow({ where: { username: "rpt-editor" } });
    const submission = (revision: { id: string; resourceId: string }, from: string, to: string, data: object) =>
      db.submission.create({
        data: {
          resourceId: revision.resourceId,
          revisionId: revision.id,
          fromOrgId: from,
          toSiteId: to,
          submittedById: submitter.id,
          ...data,
        },
      });
    await submission(own[0]!, unit, district.id, {
      state: "ADOPTED",
      submittedAt: at("2025-06-10T09:00:00"),
      adoptedAt: at("2025-06-12T09:00:00"),
    });
    await submission(own[1]!, unit, district.id, {
      state: "RETURNED",
      reason: "与本站已发信息重复",
      submittedAt: at("2025-05-28T09:00:00"),
      returnedAt: at("2025-06-02T09:00:00"),
    });
    await submission(theirs[0]!, district.orgId, siteId, { submittedAt: at("2025-06-20T09:00:00") });
    await submission(theirs[1]!, district.orgId, siteId, {
      state: "ADOPTED",
      submittedAt: at("2025-05-30T09:00:00"),
      adoptedAt: at("2025-06-03T09:00:00"),
    });

    const view = await getSiteReport(admin, { kind: "monthly", subjectId: siteId, period: "2025-06" });
    expect(templateJson(view.composed)).toMatchObject({
      信息发布: { 发布信息数量: 3, 政务动态信息更新量: 0, 政策解读数量: 2 },
      信息报送: { 本单位报送数量: 1, 本单位被采用数量: 1, 收到来稿数量: 1, 采用来稿数量: 1 },
      互动交流: { 收到留言数量: 1, 办结留言数量: 1 },
    });
    await refused(
      () => publishReport(admin, { kind: "monthly", subjectId: siteId, period: "2025-06", version: 0 }),
      "CONFLICT",
    );
  });

  it("gives the supervising unit its 监管年度报表 with every group", async () => {
    const [supervisor] = await actorsFor("supervisor");
    const root = await getDb().organization.findFirstOrThrow({ where: { kind: "SUPERVISING" } });
    const view = await getSiteReport(supervisor, { kind: "supervision", subjectId: root.id, period: "2025" });
    const json = templateJson(view.composed) as Record<string, Record<string, unknown>>;
    for (const group of view.composed.template.groups) expect(Object.keys(json)).toContain(group);
    expect(json["网站抽查"]!["不合格网站数量"]).toHaveProperty("全年总数");
    expect(json["安全检查"]!["发现问题数量"]).toBeGreaterThanOrEqual(2);
    const rows = await listSiteReports(supervisor);
    expect(rows.some((row) => row.kind === "SUPERVISION_ANNUAL")).toBe(true);
  });

  it("reminds the site's administrators once per stage", async () => {
    const db = getDb();
    const now = at("2027-01-05T09:00:00");
    await sendSiteReportReminders(db, now);
    const count = () => db.notification.count({ where: { userId: admin.id } });
    const first = await count();
    expect(first).toBeGreaterThan(0);
    await sendSiteReportReminders(db, now);
    expect(await count()).toBe(first);
  });
});
