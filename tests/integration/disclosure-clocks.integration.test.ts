process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { saveCalendarDay } from "@/lib/calendar/days";
import { invalidateCalendarCache } from "@/lib/calendar/load";
import type { ClockDerivation } from "@/lib/disclosure/clock";
import { registerRequest, requestCorrection, submitCorrection } from "@/lib/disclosure/intake-steps";
import { decideExtension, endConsultation, requestExtension, startConsultation } from "@/lib/disclosure/clock-steps";
import { getRequest } from "@/lib/disclosure/staff-views";
import { describeClock } from "@/lib/disclosure/describe-clock";
import { sweepDisclosureClocks } from "@/lib/disclosure/clock-sweep";
import { actorFor, fileDb, makeUser, orgId } from "./helpers";
import { at, on, refused } from "./support/interaction";
import { apply, requestOf } from "./support/disclosure";

// The answer clock of 依申请公开 on a fixed calendar (issue #27, first Done-when): the 2026
// schedule as published — 中秋节 09-25…09-27 off, 国庆节 10-01…10-07 off, Sunday 09-20 and
// Saturday 10-10 worked. A request received online on Friday 2026-09-25 (the Friday before
// National Day) is due 20 working days later: 09-28, 09-29, 09-30, 10-08, 10-09, Saturday 10-10
// (调休上班), 10-12 … 10-16, 10-19 … 10-23, 10-26 … 10-29 → Thursday 2026-10-29.

const FIXED_CALENDAR = [
  ...["2026-09-25", "2026-09-26", "2026-09-27"].map((date) => ({ date, kind: "HOLIDAY" as const, name: "中秋节" })),
  ...["01", "02", "03", "04", "05", "06", "07"].map((day) => ({
    date: `2026-10-${day}`,
    kind: "HOLIDAY" as const,
    name: "国庆节",
  })),
  { date: "2026-09-20", kind: "WORKDAY" as const, name: "国庆节" },
  { date: "2026-10-10", kind: "WORKDAY" as const, name: "国庆节" },
];

let siteId: string;
let district: string;
let officer: Actor;
let head: Actor;
let otherHead: Actor;
let admin: Actor;

const clockOf = async (trackingCode: string) => (await requestOf(trackingCode)).clock as ClockDerivation;

beforeAll(async () => {
  const db = await fileDb();
  await db.calendarDay.deleteMany({ where: { date: { gte: new Date("2026-09-01"), lt: new Date("2026-12-01") } } });
  await db.calendarDay.createMany({
    data: FIXED_CALENDAR.map((row) => ({ ...row, date: new Date(`${row.date}T00:00:00Z`) })),
  });
  invalidateCalendarCache();
  siteId = (await db.site.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
  district = await orgId("重庆市沙坪坝区人民政府");
  officer = await makeUser("clock-officer", "DISCLOSURE_OFFICER", "重庆市沙坪坝区人民政府");
  head = await makeUser("clock-head", "DISCLOSURE_HEAD", "重庆市沙坪坝区人民政府");
  otherHead = await makeUser("clock-head-2", "DISCLOSURE_HEAD", "重庆市沙坪坝区人民政府");
  admin = await actorFor("admin");
});

describe("a request received the Friday before National Day 2026", () => {
  it("is due 20 working days later, holidays skipped and the make-up Saturday counted", async () => {
    const receipt = await apply(siteId, district, at("2026-09-25T10:00:00"));
    expect(receipt.dueAt).toEqual(at("2026-10-29T23:59:59.999"));
    const clock = await clockOf(receipt.trackingCode);
    expect(clock).toMatchObject({
      receivedOn: "2026-09-25",
      start: "2026-09-25",
      workingDays: 20,
      extendedDays: 0,
      pausedDays: 0,
      due: "2026-10-29",
    });
    expect(clock.skipped).toEqual([
      { date: "2026-09-26", reason: "中秋节" },
      { date: "2026-09-27", reason: "中秋节" },
      ...["01", "02", "03", "04", "05", "06", "07"].map((day) => ({ date: `2026-10-${day}`, reason: "国庆节" })),
      { date: "2026-10-11", reason: "周末" },
      { date: "2026-10-17", reason: "周末" },
      { date: "2026-10-18", reason: "周末" },
      { date: "2026-10-24", reason: "周末" },
      { date: "2026-10-25", reason: "周末" },
    ]);
    expect(clock.workedWeekendDays).toEqual(["2026-10-10"]);
    const text = describeClock(clock, "ONLINE");
    expect(text).toContain("2026年09月25日收到申请");
    expect(text).toContain("计 20 个工作日");
    expect(text).toContain("10-01（国庆节）");
    expect(text).toContain("调休上班日 10-10 计入");
    expect(text).toContain("答复期限为2026年10月29日。");
  });

  it("restarts the count from the corrected request (补正), once, and only within 7 working days", async () => {
    const receipt = await apply(siteId, district, at("2026-09-25T11:00:00"), { infoTitle: "老旧小区改造" });
    const request = await requestOf(receipt.trackingCode);
    await on("2026-09-28T09:00:00", () => registerRequest(officer, { requestId: request.id, version: 0 }));
    // A replayed registration form is refused and changes nothing.
    await refused(() => registerRequest(officer, { requestId: request.id, version: 0 }), "CONFLICT");
    await on("2026-09-29T09:00:00", () =>
      requestCorrection(officer, {
        requestId: request.id,
        version: 1,
        notice: "请明确所需信息涉及的具体小区名称和项目年度。",
        workingDays: 10,
      }),
    );
    let saved = await requestOf(receipt.trackingCode);
    expect(saved.state).toBe("CORRECTION");
    expect((saved.clock as ClockDerivation).waitingForCorrection).toBe(true);
    // 10 working days from 09-29: 09-30, 10-08, 10-09, 10-10, 10-12 … 10-16, 10-19 → 10-19.
    expect(saved.correctionDueAt).toEqual(at("2026-10-19T23:59:59.999"));
    // One notice only.
    await refused(
      () =>
        requestCorrection(officer, { requestId: request.id, version: 2, notice: "再次补正的事项。", workingDays: 10 }),
      "CONFLICT",
    );

    await on("2026-10-09T15:00:00", () =>
      submitCorrection(
        siteId,
        {
          trackingCode: receipt.trackingCode,
          password: receipt.password,
          correctionText: "所需信息为天星桥街道新桥社区 2025 年度老旧小区改造项目的资金安排。",
        },
        { ip: "203.0.113.200" },
      ),
    );
    saved = await requestOf(receipt.trackingCode);
    expect(saved.state).toBe("REGISTERED");
    const clock = saved.clock as ClockDerivation;
    // From 10-09: 10-10 (1), 10-12 … 10-16 (2–6), 10-19 … 10-23 (7–11), 10-26 … 10-30 (12–16), 11-02 … 11-05 (17–20).
    expect(clock).toMatchObject({
      start: "2026-10-09",
      restartedBy: { requestedOn: "2026-09-29", correctedOn: "2026-10-09" },
      due: "2026-11-05",
    });
    expect(saved.dueAt).toEqual(at("2026-11-05T23:59:59.999"));
    expect(describeClock(clock, "ONLINE")).toContain("期限自该日重新计算");

    // A notice later than 7 working days after receipt is refused (received 09-25: last day 10-12).
    const late = await apply(siteId, district, at("2026-09-25T12:00:00"), { infoTitle: "晚到的补正" });
    const lateRequest = await requestOf(late.trackingCode);
    await refused(
      () =>
        on("2026-10-13T09:00:00", () =>
          requestCorrection(officer, {
            requestId: lateRequest.id,
            version: 0,
            notice: "请说明所需信息。",
            workingDays: 10,
          }),
        ),
      "CONFLICT",
    );
  });

  it("stops the clock for a third-party consultation by its length and adds an approved extension", async () => {
    const receipt = await apply(siteId, district, at("2026-09-25T13:00:00"), { infoTitle: "征求意见的申请" });
    const request = await requestOf(receipt.trackingCode);
    await on("2026-09-28T09:00:00", () => registerRequest(officer, { requestId: request.id, version: 0 }));
    const pause = await on("2026-10-12T09:00:00", () =>
      startConsultation(officer, {
        requestId: request.id,
        version: 1,
        kind: "THIRD_PARTY",
        party: "重庆某建设工程有限公司",
        reason: "所需信息涉及该公司的报价，可能涉及商业秘密",
      }),
    );
    await on("2026-10-16T16:00:00", () =>
      endConsultation(officer, { requestId: request.id, version: 2, pauseId: pause.id, outcome: "第三方同意公开" }),
    );
    let clock = await clockOf(receipt.trackingCode);
    // Not counted: 10-13 … 10-16 (4 working days) → due 4 working days after 10-29: 11-04.
    expect(clock.pauses).toEqual([
      expect.objectContaining({
        kind: "THIRD_PARTY",
        from: "2026-10-12",
        to: "2026-10-16",
        workingDays: 4,
        open: false,
      }),
    ]);
    expect(clock.due).toBe("2026-11-04");
    expect(describeClock(clock, "ONLINE")).toContain("征求第三方意见（所需信息涉及该公司的报价，可能涉及商业秘密）");

    // 延期: more than 20 working days is refused; the one who asked cannot approve; the office head can.
    await refused(
      () => requestExtension(head, { requestId: request.id, version: 3, workingDays: 21, reason: "需要调取档案" }),
      "INVALID",
    );
    const own = await on("2026-10-20T09:00:00", () =>
      requestExtension(head, { requestId: request.id, version: 3, workingDays: 10, reason: "需要调取多个年度的档案" }),
    );
    await refused(
      () => decideExtension(head, { requestId: request.id, version: 4, extensionId: own.id, approve: "yes" }),
      "FORBIDDEN",
    );
    // The officer holds no approval right.
    await refused(
      () => decideExtension(officer, { requestId: request.id, version: 4, extensionId: own.id, approve: "yes" }),
      "FORBIDDEN",
    );
    await on("2026-10-21T09:00:00", () =>
      decideExtension(otherHead, { requestId: request.id, version: 4, extensionId: own.id, approve: "no" }),
    );
    const asked = await on("2026-10-21T10:00:00", () =>
      requestExtension(officer, {
        requestId: request.id,
        version: 5,
        workingDays: 20,
        reason: "需要调取多个年度的档案",
      }),
    );
    await on("2026-10-22T09:00:00", () =>
      decideExtension(head, { requestId: request.id, version: 6, extensionId: asked.id, approve: "yes" }),
    );
    clock = await clockOf(receipt.trackingCode);
    // 20 more working days after 11-04: 11-05 … 12-02.
    expect(clock).toMatchObject({ extendedDays: 20, due: "2026-12-02" });
    // The extension is at its limit: no more.
    await refused(
      () => requestExtension(officer, { requestId: request.id, version: 7, workingDays: 1, reason: "还需要时间" }),
      "INVALID",
    );
    const events = await getDb().disclosureEvent.findMany({
      where: { requestId: request.id, kind: "EXTENSION_NOTIFIED" },
    });
    expect(events).toHaveLength(1);
    const view = await getRequest(officer, request.id);
    expect(view.clockText).toContain("经批准延期 20 个工作日");
  });

  it("moves every open due date when a holiday is added later, and no concluded one", async () => {
    const open = await apply(siteId, district, at("2026-09-25T14:00:00"), { infoTitle: "节假日调整" });
    const closed = await apply(siteId, district, at("2026-09-25T14:30:00"), { infoTitle: "已办结的申请" });
    await getDb().disclosureRequest.update({
      where: { trackingCode: closed.trackingCode },
      data: { state: "DELIVERED", answerType: "PUBLIC", concludedAt: at("2026-10-09T10:00:00") },
    });
    expect((await clockOf(open.trackingCode)).due).toBe("2026-10-29");
    await saveCalendarDay(admin, { date: "2026-10-20", kind: "HOLIDAY", name: "临时调休" });
    const clock = await clockOf(open.trackingCode);
    expect(clock.due).toBe("2026-10-30");
    expect(clock.skipped).toContainEqual({ date: "2026-10-20", reason: "临时调休" });
    expect((await requestOf(closed.trackingCode)).dueAt).toEqual(at("2026-10-29T23:59:59.999"));
    const moved = await getDb().disclosureEvent.findMany({
      where: { request: { trackingCode: open.trackingCode }, kind: "CLOCK_RECOMPUTED" },
    });
    expect(moved).toHaveLength(1);
  });

  it("withdraws a request not corrected in time, warns 5 working days before and escalates once when overdue", async () => {
    const quiet = await apply(siteId, district, at("2026-09-25T15:00:00"), { infoTitle: "逾期不补正" });
    const quietRequest = await requestOf(quiet.trackingCode);
    await on("2026-09-28T09:00:00", () =>
      requestCorrection(officer, {
        requestId: quietRequest.id,
        version: 0,
        notice: "请补充所需信息的年度。",
        workingDays: 5,
      }),
    );
    const watched = await apply(siteId, district, at("2026-09-25T15:30:00"), { infoTitle: "到期提醒" });
    const db = getDb();
    // Due 10-30 (the holiday added on 10-20 above); 5 working days before is 10-23: nothing on
    // 10-22, the reminder on 10-23.
    expect((await clockOf(watched.trackingCode)).due).toBe("2026-10-30");
    await sweepDisclosureClocks(db, at("2026-10-22T12:00:00"));
    expect(await db.disclosureAlert.count({ where: { request: { trackingCode: watched.trackingCode } } })).toBe(0);
    await sweepDisclosureClocks(db, at("2026-10-23T09:00:00"));
    expect(
      await db.disclosureAlert.findMany({
        where: { request: { trackingCode: watched.trackingCode } },
        select: { kind: true },
      }),
    ).toEqual([{ kind: "DUE_SOON" }]);
    // Overdue: the head hears of it, once however often the sweep runs.
    await sweepDisclosureClocks(db, at("2026-11-02T09:00:00"));
    await sweepDisclosureClocks(db, at("2026-11-02T09:05:00"));
    const overdue = await db.disclosureAlert.findMany({
      where: { request: { trackingCode: watched.trackingCode }, kind: "OVERDUE" },
    });
    expect(overdue).toHaveLength(1);
    // Every head of the unit's disclosure office: the two made here and the demo's 邓国平.
    const heads = await db.membership.findMany({ where: { orgId: district, role: "DISCLOSURE_HEAD" } });
    expect(heads.map((row) => row.userId)).toEqual(expect.arrayContaining([head.id, otherHead.id]));
    expect([...overdue[0]!.sentTo].sort()).toEqual(heads.map((row) => row.userId).sort());
    // Correction due 5 working days after 09-28 (10-10): withdrawn by the first sweep, as 其他处理 row 1.
    const withdrawn = await requestOf(quiet.trackingCode);
    expect(withdrawn).toMatchObject({ state: "WITHDRAWN", answerType: "OTHER_NO_CORRECTION" });
  });
});
