import { inflateRawSync } from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { completeDueCancellations } from "@/lib/registry/complete-due-cancellations";
import { decideApplication } from "@/lib/registry/decide-application";
import { exportLedger } from "@/lib/registry/export-ledger";
import { getApplication } from "@/lib/registry/get-application";
import { getApprovalChain } from "@/lib/registry/get-approval-chain";
import { getNewMediaMatrix } from "@/lib/registry/get-new-media-matrix";
import { listApplications } from "@/lib/registry/list-applications";
import { listLedger } from "@/lib/registry/list-ledger";
import { saveApprovalChain } from "@/lib/registry/save-approval-chain";
import { setRegion } from "@/lib/registry/set-region";
import { submitApplication } from "@/lib/registry/submit-application";
import { withdrawApplication } from "@/lib/registry/withdraw-application";
import { listCalendarDays, removeCalendarDay, saveCalendarDay } from "@/lib/calendar/days";
import { loadCalendar } from "@/lib/calendar/load";
import { addWorkingDays } from "@/lib/calendar/working-days";
import { DEMO_ACCOUNTS } from "@/lib/seed/new-media";
import { actorFor, actorsFor, makeUser, orgId, seededDb } from "./helpers";

const DISTRICT = "重庆市沙坪坝区人民政府";
const CULTURE = "重庆市文化和旅游发展委员会";
const OFFICE = "重庆市人民政府办公厅";
const cst = (value: string) => new Date(`${value}+08:00`);

const openInput = async (overrides: Record<string, unknown> = {}) => ({
  kind: "OPEN",
  orgId: await orgId(DISTRICT),
  platform: "TOUTIAO",
  name: "重庆沙坪坝发布",
  handle: "",
  manager: "李静",
  phone: "023-65366012",
  description: "",
  reason: "开设头条号，扩大政务信息传播范围。",
  ...overrides,
});

async function accountOf(name: string, platform: "WECHAT" | "WEIBO" | "TOUTIAO", org = DISTRICT) {
  return getDb().newMediaAccount.findFirstOrThrow({ where: { name, platform, orgId: await orgId(org) } });
}

/** Principal, then supervisor: the seeded chain. */
async function passChain(applicationId: string, now?: Date) {
  const [principal, supervisor] = await Promise.all([actorFor("principal"), actorFor("supervisor")]);
  await decideApplication(principal, { applicationId, decision: "APPROVE", comment: "同意" }, {}, now);
  return decideApplication(supervisor, { applicationId, decision: "APPROVE" }, {}, now);
}

/** The text of one file inside a zip (xlsx) archive, through its central directory. */
function zipEntry(zip: Buffer, name: string): string | null {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  for (let index = 0; index < entries; index += 1) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const entryName = zip.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    if (entryName === name) {
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const raw = zip.subarray(dataStart, dataStart + compressedSize);
      return (method === 8 ? inflateRawSync(raw) : raw).toString("utf8");
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

// The tests of this file share one database: each starts from the seeded registry.
beforeEach(async () => {
  const db = await seededDb();
  await db.applicationDecision.deleteMany({});
  await db.accountApplication.deleteMany({});
  const keys = new Map([["district", await orgId(DISTRICT)], ["culture", await orgId(CULTURE)]]);
  const kept: string[] = [];
  for (const { org, ...fields } of DEMO_ACCOUNTS) {
    const account = await db.newMediaAccount.findFirstOrThrow({ where: { orgId: keys.get(org)!, platform: fields.platform }, orderBy: { openedAt: "asc" } });
    await db.newMediaAccount.update({
      where: { id: account.id },
      data: { ...fields, status: "ACTIVE", changedAt: null, suspendedAt: null, cancelAnnouncedAt: null, cancelEffectiveOn: null, cancelledAt: null, cancelNotice: null },
    });
    kept.push(account.id);
  }
  await db.newMediaAccount.deleteMany({ where: { id: { notIn: kept } } });
  await db.registryApprovalStep.deleteMany({});
  await db.registryApprovalStep.createMany({
    data: [
      { position: 0, name: "本单位主要负责人审批", role: "FIRST_RESPONSIBLE", scope: "unit" },
      { position: 1, name: "主管单位审核", role: "SUPERVISOR", scope: "platform" },
    ],
  });
  await db.platformState.deleteMany({ where: { key: "registry.region" } });
  await db.membership.deleteMany({ where: { user: { username: "siteadmin" }, role: "FIRST_RESPONSIBLE" } });
});

describe("opening an account through the approval chain", () => {
  it("passes the principal, then the supervisor, and lands in the ledger and on the matrix", async () => {
    const db = await seededDb();
    const [officer, principal, deputy, supervisor] = await actorsFor("officer", "principal", "deputy", "supervisor");
    const application = await submitApplication(officer, await openInput());
    expect(application).toMatchObject({ status: "PENDING", currentStep: 0, kind: "OPEN" });
    expect((application.chain as { name: string }[]).map((step) => step.name)).toEqual(["本单位主要负责人审批", "主管单位审核"]);

    // Step order: the supervising unit cannot go first; a directly responsible person is not the principal.
    await expect(decideApplication(supervisor, { applicationId: application.id, decision: "APPROVE" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "当前环节“本单位主要负责人审批”须由重庆市沙坪坝区人民政府或其上级单位的第一责任人审批。",
    });
    await expect(decideApplication(deputy, { applicationId: application.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listApplications(principal, "todo")).map((item) => item.id)).toEqual([application.id]);
    expect(await listApplications(supervisor, "todo")).toEqual([]);

    expect(await decideApplication(principal, { applicationId: application.id, decision: "APPROVE", comment: "同意开设", step: 0 })).toMatchObject({ status: "PENDING", nextStep: "主管单位审核" });
    // The principal's page was stale: the step has moved on.
    await expect(decideApplication(principal, { applicationId: application.id, decision: "APPROVE", step: 0 })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(decideApplication(principal, { applicationId: application.id, decision: "APPROVE" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "当前环节“主管单位审核”须由主管单位工作人员审批。",
    });
    expect(await db.newMediaAccount.count({ where: { platform: "TOUTIAO" } })).toBe(0);
    expect((await listApplications(supervisor, "todo")).map((item) => item.id)).toEqual([application.id]);

    const done = await decideApplication(supervisor, { applicationId: application.id, decision: "APPROVE", comment: "予以备案" });
    expect(done.status).toBe("APPROVED");
    const account = await accountOf("重庆沙坪坝发布", "TOUTIAO");
    expect(done.accountId).toBe(account.id);
    expect(account).toMatchObject({ status: "ACTIVE", manager: "李静", phone: "023-65366012", handle: null });

    const record = await getApplication(officer, application.id);
    expect(record.steps.map((step) => [step.name, step.decision?.label, step.decision?.by])).toEqual([
      ["本单位主要负责人审批", "同意", "刘卫东"],
      ["主管单位审核", "同意", "陈立新"],
    ]);
    expect(record.canDecide).toBe(false);

    const ledger = await listLedger(supervisor, { platform: "TOUTIAO", q: "沙坪坝" });
    expect(ledger.rows.map((row) => [row.unit, row.platformLabel, row.name, row.statusLabel])).toEqual([[DISTRICT, "头条号", "重庆沙坪坝发布", "正常运营"]]);
    const matrix = await getNewMediaMatrix(await orgId(DISTRICT));
    expect(matrix.units.map((unit) => [unit.unit, unit.accounts.map((item) => `${item.platformLabel}:${item.name}`)])).toEqual([
      [DISTRICT, ["微信公众号:重庆沙坪坝发布", "微博:重庆沙坪坝发布", "头条号:重庆沙坪坝发布"]],
    ]);
    // The whole region from the supervising unit; no contact details in public data.
    const region = await getNewMediaMatrix(await orgId(OFFICE));
    expect(region.units.map((unit) => unit.unit)).toEqual([DISTRICT, CULTURE]);
    expect(JSON.stringify(region)).not.toContain("023-65366012");

    const audit = (await db.auditEvent.findMany({ where: { subject: { in: [`account-application:${application.id}`, `new-media-account:${account.id}`] } }, orderBy: { seq: "asc" } })).map((event) => [event.action, event.role]);
    expect(audit).toEqual([
      ["registry.application.submit", "INFO_OFFICER"],
      ["registry.application.approve", "FIRST_RESPONSIBLE"],
      ["registry.account.open", "SUPERVISOR"],
      ["registry.application.approve", "SUPERVISOR"],
    ]);
    // Each step's approvers are told when it reaches them; the submitter, of the outcome.
    const notices = async (userId: string) =>
      (await db.notification.findMany({ where: { userId, link: `/admin/registry/applications/${application.id}` }, orderBy: { createdAt: "asc" } })).map((item) => item.title);
    expect(await notices(principal.id)).toEqual(["待审批（本单位主要负责人审批）：重庆市沙坪坝区人民政府开设头条号“重庆沙坪坝发布”"]);
    expect(await notices(supervisor.id)).toEqual(["待审批（主管单位审核）：重庆市沙坪坝区人民政府开设头条号“重庆沙坪坝发布”"]);
    expect(await notices(officer.id)).toEqual(["申请已通过：重庆市沙坪坝区人民政府开设头条号“重庆沙坪坝发布”（主管单位审核意见：予以备案）"]);
    expect(await notices(deputy.id)).toEqual([]);
  });

  it("refuses the submitter's own approval, one person on two steps, and a rejection without reason", async () => {
    const db = await seededDb();
    // 林海 the site administrator also holds the principal's role; another person holds both approving roles.
    const siteadminUser = await db.user.findUniqueOrThrow({ where: { username: "siteadmin" } });
    await db.membership.create({ data: { userId: siteadminUser.id, orgId: await orgId(DISTRICT), role: "FIRST_RESPONSIBLE" } });
    const both = await makeUser("both.roles", "SUPERVISOR", OFFICE);
    await db.membership.create({ data: { userId: both.id, orgId: await orgId(DISTRICT), role: "FIRST_RESPONSIBLE" } });
    const [siteadmin, twoHats, principal, officer] = await Promise.all([actorFor("siteadmin"), actorFor("both.roles"), actorFor("principal"), actorFor("officer")]);

    const application = await submitApplication(siteadmin, await openInput({ platform: "APP", name: "重庆沙坪坝APP" }));
    await expect(decideApplication(siteadmin, { applicationId: application.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "不能审批本人提交的申请。" });
    await decideApplication(twoHats, { applicationId: application.id, decision: "APPROVE" });
    await expect(decideApplication(twoHats, { applicationId: application.id, decision: "APPROVE" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "您已审批过本申请的其他环节，同一人不能审批两个环节。",
    });
    await expect(decideApplication(await actorFor("supervisor"), { applicationId: application.id, decision: "REJECT", comment: "" })).rejects.toMatchObject({ code: "INVALID", message: "不同意时请填写理由。" });
    expect(await decideApplication(await actorFor("supervisor"), { applicationId: application.id, decision: "REJECT", comment: "本单位已有政务APP建设计划，请整合至“渝快办”。" })).toMatchObject({ status: "REJECTED" });
    expect(await db.newMediaAccount.count({ where: { platform: "APP" } })).toBe(0);
    await expect(decideApplication(principal, { applicationId: application.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "CONFLICT" });
    // A refused OPEN application no longer holds the platform.
    await expect(submitApplication(officer, await openInput({ platform: "APP", name: "重庆沙坪坝APP" }))).resolves.toMatchObject({ status: "PENDING" });
  });

  it("lets only the submitter withdraw, and only while under way", async () => {
    await seededDb();
    const [officer, siteadmin, principal] = await Promise.all([actorFor("officer"), actorFor("siteadmin"), actorFor("principal")]);
    const application = await submitApplication(officer, await openInput());
    await expect(withdrawApplication(siteadmin, { applicationId: application.id })).rejects.toMatchObject({ code: "FORBIDDEN", message: "只有提交人可以撤回申请。" });
    const culture = await makeUser("culture.officer1", "INFO_OFFICER", CULTURE);
    await expect(withdrawApplication(culture, { applicationId: application.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await withdrawApplication(officer, { applicationId: application.id });
    await expect(withdrawApplication(officer, { applicationId: application.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(decideApplication(principal, { applicationId: application.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getApplication(officer, application.id)).statusLabel).toBe("已撤回");
  });
});

describe("registry rules", () => {
  it("keeps one account per platform per unit, counting applications under way", async () => {
    const db = await seededDb();
    const officer = await actorFor("officer");
    await expect(submitApplication(officer, await openInput({ platform: "WECHAT", name: "重庆沙坪坝" }))).rejects.toMatchObject({
      code: "CONFLICT",
      message: "重庆市沙坪坝区人民政府在微信公众号平台已有账号“重庆沙坪坝发布”（正常运营）。一个单位在同一平台只能保留一个政务新媒体账号。",
    });
    await submitApplication(officer, await openInput());
    await expect(submitApplication(officer, await openInput({ name: "重庆沙坪坝头条" }))).rejects.toMatchObject({
      code: "CONFLICT",
      message: "重庆市沙坪坝区人民政府在头条号平台开设账号“重庆沙坪坝发布”的申请正在审批中。一个单位在同一平台只能保留一个政务新媒体账号。",
    });
    // A suspended account still holds the place.
    await db.newMediaAccount.updateMany({ where: { platform: "WEIBO", orgId: await orgId(DISTRICT) }, data: { status: "SUSPENDED" } });
    await expect(submitApplication(officer, await openInput({ platform: "WEIBO" }))).rejects.toMatchObject({ message: expect.stringContaining("（已关停）") });
    expect(await db.accountApplication.count()).toBe(1);
  });

  it("asks account names to contain the region's name, which the system administrator sets", async () => {
    await seededDb();
    const [officer, admin, siteadmin] = await Promise.all([actorFor("officer"), actorFor("admin"), actorFor("siteadmin")]);
    await expect(submitApplication(officer, await openInput({ name: "沙坪坝头条" }))).rejects.toMatchObject({
      code: "INVALID",
      message: "账号名称须包含地区名称“重庆”（政务新媒体名称应体现行政区域名称），如“重庆沙坪坝发布”。",
      fieldErrors: { name: [expect.stringContaining("“重庆”")] },
    });
    await expect(setRegion(siteadmin, { region: "沙坪坝" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setRegion(admin, { region: "Chongqing" })).rejects.toMatchObject({ code: "INVALID" });
    await setRegion(admin, { region: "沙坪坝" });
    await expect(submitApplication(officer, await openInput({ name: "重庆头条" }))).rejects.toMatchObject({ message: expect.stringContaining("地区名称“沙坪坝”") });
    await expect(submitApplication(officer, await openInput({ name: "沙坪坝头条" }))).resolves.toMatchObject({ status: "PENDING" });
  });

  it("refuses missing or malformed fields and changes nothing", async () => {
    const db = await seededDb();
    const officer = await actorFor("officer");
    await expect(submitApplication(officer, await openInput({ manager: "", phone: "12345", reason: " " }))).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { manager: [expect.any(String)], phone: ["联系电话格式不正确，请填写 11 位手机号码或带区号的固定电话（如 023-65432100）。"], reason: [expect.any(String)] },
    });
    await expect(submitApplication(officer, await openInput({ platform: "MYSPACE" }))).rejects.toMatchObject({ code: "INVALID", fieldErrors: { platform: ["请选择平台"] } });
    await expect(submitApplication(officer, { kind: "RENAME" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(submitApplication(officer, { kind: "CANCEL", accountId: (await accountOf("重庆沙坪坝发布", "WEIBO")).id, reason: "整合注销", effectiveOn: "2026-13-01", notice: "本账号将于近期注销，相关服务请关注“重庆沙坪坝发布”微信公众号。" })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { effectiveOn: [expect.any(String)] },
    });
    expect(await db.accountApplication.count()).toBe(0);
  });

  it("applies only for whom the actor may, and only to accounts of that unit in a fitting state", async () => {
    const db = await seededDb();
    const [officer, editor, principal] = await Promise.all([actorFor("officer"), actorFor("editor"), actorFor("principal")]);
    const culture = await makeUser("culture.officer2", "INFO_OFFICER", CULTURE);
    await expect(submitApplication(editor, await openInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitApplication(principal, await openInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitApplication(culture, await openInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    const weibo = await accountOf("重庆沙坪坝发布", "WEIBO");
    // Another unit's account does not exist for them.
    await expect(submitApplication(culture, { kind: "SUSPEND", accountId: weibo.id, reason: "暂停更新，整改" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submitApplication(officer, { kind: "SUSPEND", accountId: "00000000-0000-4000-8000-000000000000", reason: "暂停更新，整改" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const suspend = await submitApplication(officer, { kind: "SUSPEND", accountId: weibo.id, reason: "人员不足，暂停运营" });
    await expect(submitApplication(officer, { kind: "CHANGE", accountId: weibo.id, name: "重庆沙坪坝", manager: "李静", phone: "13800001111", reason: "账号更名" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "账号“重庆沙坪坝发布”已有一份关停申请正在审批中，请待其办结后再提交。",
    });
    await passChain(suspend.id);
    expect((await db.newMediaAccount.findUniqueOrThrow({ where: { id: weibo.id } })).status).toBe("SUSPENDED");
    await expect(submitApplication(officer, { kind: "SUSPEND", accountId: weibo.id, reason: "再次关停" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "账号“重庆沙坪坝发布”当前已关停，不能申请关停。",
    });

    // A change: the new values replace the old on final approval.
    const wechat = await accountOf("重庆沙坪坝发布", "WECHAT");
    await expect(submitApplication(officer, { kind: "CHANGE", accountId: wechat.id, name: wechat.name, handle: wechat.handle, manager: wechat.manager, phone: wechat.phone, description: wechat.description, reason: "没有变化" })).rejects.toMatchObject({ code: "INVALID" });
    const change = await submitApplication(officer, { kind: "CHANGE", accountId: wechat.id, name: "重庆沙坪坝", handle: wechat.handle, manager: "张敏", phone: "13800001111", description: wechat.description, reason: "运维负责人调整，账号更名" });
    await passChain(change.id);
    expect(await db.newMediaAccount.findUniqueOrThrow({ where: { id: wechat.id } })).toMatchObject({ name: "重庆沙坪坝", manager: "张敏", phone: "13800001111", changedAt: expect.any(Date) });
    expect(await db.auditEvent.findFirst({ where: { action: "registry.account.change", subject: `new-media-account:${wechat.id}` } })).toMatchObject({ data: { before: { name: "重庆沙坪坝发布" }, after: { name: "重庆沙坪坝" } } });
  });

  it("announces a cancellation at least 15 working days ahead, checked at submission and at final approval", async () => {
    const db = await seededDb();
    const [officer, principal, supervisor] = await Promise.all([actorFor("officer"), actorFor("principal"), actorFor("supervisor")]);
    const weibo = await accountOf("重庆沙坪坝发布", "WEIBO");
    const cancel = (effectiveOn: string) => ({
      kind: "CANCEL",
      accountId: weibo.id,
      reason: "整合至微信公众号，注销微博账号",
      effectiveOn,
      notice: "“重庆沙坪坝发布”微博账号将注销，今后请关注“重庆沙坪坝发布”微信公众号。",
    });
    // Monday 21 September 2026: 15 working days run across 中秋 and 国庆 to 19 October.
    const monday = cst("2026-09-21T10:00");
    await expect(submitApplication(officer, cancel("2026-10-16"), {}, monday)).rejects.toMatchObject({
      code: "INVALID",
      message: "注销须在注销公告发布之日起至少 15 个工作日后生效，按今日（2026年09月21日）公告计，生效日期最早为 2026年10月19日。",
    });
    const early = await submitApplication(officer, cancel("2026-10-19"), {}, monday);
    // Approved only on 30 September: announced then, 19 October is too soon (earliest 27 October).
    await decideApplication(principal, { applicationId: early.id, decision: "APPROVE" }, {}, cst("2026-09-28T10:00"));
    await expect(decideApplication(supervisor, { applicationId: early.id, decision: "APPROVE" }, {}, cst("2026-09-30T10:00"))).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("生效日期最早为 2026年10月27日。请不予通过"),
    });
    expect(await db.accountApplication.findUniqueOrThrow({ where: { id: early.id } })).toMatchObject({ status: "PENDING", currentStep: 1 });
    expect(await db.applicationDecision.count({ where: { applicationId: early.id } })).toBe(1);
    expect((await db.newMediaAccount.findUniqueOrThrow({ where: { id: weibo.id } })).status).toBe("ACTIVE");
    await decideApplication(supervisor, { applicationId: early.id, decision: "REJECT", comment: "公告期不足 15 个工作日" }, {}, cst("2026-09-30T10:00"));

    const second = await submitApplication(officer, cancel("2026-10-27"), {}, cst("2026-09-30T09:00"));
    await passChain(second.id, cst("2026-09-30T16:00"));
    const announced = await db.newMediaAccount.findUniqueOrThrow({ where: { id: weibo.id } });
    expect(announced).toMatchObject({ status: "CANCELLING", cancelAnnouncedAt: cst("2026-09-30T16:00"), cancelNotice: expect.stringContaining("将注销") });
    expect(announced.cancelEffectiveOn?.toISOString().slice(0, 10)).toBe("2026-10-27");
    // Still holds the place: no new Weibo account meanwhile.
    await expect(submitApplication(officer, await openInput({ platform: "WEIBO" }))).rejects.toMatchObject({ message: expect.stringContaining("注销公示中") });
    const matrix = await getNewMediaMatrix(await orgId(DISTRICT));
    expect(matrix.announcements).toEqual([expect.objectContaining({ name: "重庆沙坪坝发布", platformLabel: "微博", effectiveOn: "2026-10-27", announcedOn: "2026-09-30" })]);

    // The daily job: nothing before the effective day; on it (China time) the account is cancelled.
    expect(await completeDueCancellations(db, cst("2026-10-26T23:59"))).toBe(0);
    expect(await completeDueCancellations(db, cst("2026-10-27T00:10"))).toBe(1);
    expect(await completeDueCancellations(db, cst("2026-10-27T00:20"))).toBe(0);
    expect(await db.newMediaAccount.findUniqueOrThrow({ where: { id: weibo.id } })).toMatchObject({ status: "CANCELLED", cancelledAt: cst("2026-10-27T00:10") });
    expect(await db.auditEvent.count({ where: { action: "registry.account.cancelled", subject: `new-media-account:${weibo.id}`, actorId: null } })).toBe(1);
    const after = await getNewMediaMatrix(await orgId(DISTRICT));
    expect(after.announcements).toEqual([]);
    expect(after.units[0]!.accounts.map((item) => item.platformLabel)).toEqual(["微信公众号"]);
    // The place is free again.
    await expect(submitApplication(officer, await openInput({ platform: "WEIBO" }))).resolves.toMatchObject({ status: "PENDING" });
  });
});

describe("the approval chain configuration", () => {
  it("is kept by the system administrator; applications keep the chain they were submitted with", async () => {
    const db = await seededDb();
    const [admin, siteadmin, officer, supervisor, principal] = await actorsFor("admin", "siteadmin", "officer", "supervisor", "principal");
    await expect(getApprovalChain(siteadmin)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveApprovalChain(siteadmin, { steps: [{ name: "主管单位审核", role: "SUPERVISOR", scope: "platform" }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveApprovalChain(admin, { steps: [] })).rejects.toMatchObject({ code: "INVALID", message: "审批链至少要有一个环节。" });
    await expect(saveApprovalChain(admin, { steps: [{ name: "网站管理员审批", role: "SITE_ADMIN", scope: "unit" }] })).rejects.toMatchObject({ code: "INVALID", message: "第 1 个环节：请选择审批角色" });

    const under = await submitApplication(officer, await openInput());
    // Reordered and extended: the supervisor first, then the principal, then the directly responsible person.
    await saveApprovalChain(admin, {
      steps: [
        { name: "主管单位审核", role: "SUPERVISOR", scope: "platform" },
        { name: "本单位主要负责人审批", role: "FIRST_RESPONSIBLE", scope: "unit" },
        { name: "分管负责人会签", role: "DIRECT_RESPONSIBLE", scope: "unit" },
      ],
    });
    expect((await getApprovalChain(admin)).steps.map((step) => step.name)).toEqual(["主管单位审核", "本单位主要负责人审批", "分管负责人会签"]);
    expect(await db.auditEvent.count({ where: { action: "registry.chain.update" } })).toBe(1);
    // The application under way still starts with the principal.
    await expect(decideApplication(supervisor, { applicationId: under.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await passChain(under.id);
    // A new one follows the new order.
    const next = await submitApplication(officer, await openInput({ platform: "APP", name: "重庆沙坪坝APP" }));
    await expect(decideApplication(principal, { applicationId: next.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await decideApplication(supervisor, { applicationId: next.id, decision: "APPROVE" });
    await decideApplication(principal, { applicationId: next.id, decision: "APPROVE" });
    expect(await decideApplication(await actorFor("deputy"), { applicationId: next.id, decision: "APPROVE" })).toMatchObject({ status: "APPROVED" });
  });
});

describe("the ledger", () => {
  it("filters by what the actor may see and exports a real XLSX workbook", async () => {
    const db = await seededDb();
    const [supervisor, officer, editor] = await Promise.all([actorFor("supervisor"), actorFor("officer"), actorFor("editor")]);
    const culture = await makeUser("culture.officer3", "INFO_OFFICER", CULTURE);
    expect((await listLedger(supervisor)).rows.map((row) => `${row.unit}/${row.platformLabel}/${row.name}`)).toEqual([
      `${DISTRICT}/微信公众号/重庆沙坪坝发布`,
      `${DISTRICT}/微博/重庆沙坪坝发布`,
      `${CULTURE}/微信公众号/重庆文旅`,
    ]);
    expect((await listLedger(culture)).rows.map((row) => row.name)).toEqual(["重庆文旅"]);
    // Filtering on a unit they may not see gives nothing, not its accounts.
    expect((await listLedger(culture, { orgId: await orgId(DISTRICT) })).rows).toEqual([]);
    expect((await listLedger(officer, { platform: "WEIBO" })).rows.map((row) => row.platformLabel)).toEqual(["微博"]);
    expect((await listLedger(supervisor, { q: "文旅" })).rows.map((row) => row.name)).toEqual(["重庆文旅"]);
    expect((await listLedger(supervisor, { status: "CANCELLED" })).rows).toEqual([]);
    await expect(listLedger(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportLedger(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const { fileName, data } = await exportLedger(supervisor, { platform: "WECHAT" }, { ip: "127.0.0.1", userAgent: "vitest" });
    expect(fileName).toMatch(/^政务新媒体台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect([...data.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(zipEntry(data, "[Content_Types].xml")).toContain("spreadsheetml");
    const text = `${zipEntry(data, "xl/sharedStrings.xml") ?? ""}${zipEntry(data, "xl/worksheets/sheet1.xml") ?? ""}`;
    expect(text).toContain("重庆沙坪坝发布");
    expect(text).toContain("重庆文旅");
    expect(text).toContain("023-65366012");
    expect(text).not.toContain("微博");
    expect(await db.auditEvent.count({ where: { action: "registry.export", role: "SUPERVISOR" } })).toBe(1);
  });
});

describe("the holiday calendar", () => {
  it("is kept by the system administrator, validated, audited, and used at once", async () => {
    const db = await seededDb();
    const [admin, siteadmin] = await Promise.all([actorFor("admin"), actorFor("siteadmin")]);
    const national = (await listCalendarDays(admin, 2026)).days.filter((day) => day.name === "国庆节");
    expect(national.map((day) => `${day.date}${day.kind === "WORKDAY" ? "班" : "休"}`)).toEqual([
      "2026-09-20班", "2026-10-01休", "2026-10-02休", "2026-10-03休", "2026-10-04休", "2026-10-05休", "2026-10-06休", "2026-10-07休", "2026-10-10班",
    ]);
    await expect(listCalendarDays(siteadmin, 2026)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveCalendarDay(siteadmin, { date: "2026-12-31", kind: "HOLIDAY", name: "元旦" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveCalendarDay(admin, { date: "2026-12-30", kind: "WORKDAY", name: "元旦" })).rejects.toMatchObject({
      code: "INVALID",
      message: "2026年12月30日是星期三，本来就是工作日，无需设为调休上班日。",
    });
    await expect(saveCalendarDay(admin, { date: "2026-02-30", kind: "HOLIDAY", name: "元旦" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { date: [expect.any(String)] } });
    await expect(saveCalendarDay(admin, { date: "2026-12-31", kind: "HOLIDAY", name: "" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { name: [expect.any(String)] } });

    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 1)).toBe("2026-12-31");
    await saveCalendarDay(admin, { date: "2026-12-31", kind: "HOLIDAY", name: "元旦" });
    // A holiday on a weekend is allowed (official schedules list whole spans).
    await saveCalendarDay(admin, { date: "2027-01-02", kind: "HOLIDAY", name: "元旦" });
    await saveCalendarDay(admin, { date: "2027-01-03", kind: "WORKDAY", name: "元旦" });
    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 1)).toBe("2027-01-01");
    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 2)).toBe("2027-01-03");
    await saveCalendarDay(admin, { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" });
    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 1)).toBe("2027-01-03");
    await removeCalendarDay(admin, { date: "2026-12-31" });
    await expect(removeCalendarDay(admin, { date: "2026-12-31" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 1)).toBe("2026-12-31");
    const audit = await db.auditEvent.findMany({ where: { action: { in: ["calendar.update", "calendar.remove"] } }, orderBy: { seq: "asc" } });
    expect(audit.map((event) => [event.action, event.subject, event.role])).toEqual([
      ["calendar.update", "calendar:2026-12-31", "SYSTEM_ADMIN"],
      ["calendar.update", "calendar:2027-01-02", "SYSTEM_ADMIN"],
      ["calendar.update", "calendar:2027-01-03", "SYSTEM_ADMIN"],
      ["calendar.update", "calendar:2027-01-01", "SYSTEM_ADMIN"],
      ["calendar.remove", "calendar:2026-12-31", "SYSTEM_ADMIN"],
    ]);
  });
});
