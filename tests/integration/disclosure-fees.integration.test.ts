process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { invalidateCalendarCache } from "@/lib/calendar/load";
import type { ClockDerivation } from "@/lib/disclosure/clock";
import { registerRequest } from "@/lib/disclosure/intake-steps";
import { endConsultation, issueFeeNotice, recordFeePaid, startConsultation } from "@/lib/disclosure/clock-steps";
import { describeClock } from "@/lib/disclosure/describe-clock";
import { sweepDisclosureClocks } from "@/lib/disclosure/clock-sweep";
import { getRequest } from "@/lib/disclosure/staff-views";
import { actorFor, fileDb, makeUser, orgId } from "./helpers";
import { at, on, refused } from "./support/interaction";
import { apply, requestOf } from "./support/disclosure";

// 信息处理费 (国办函〔2020〕109号) and consultation of other agencies (条例第三十三条第二款), on a
// November–December 2026 with no holiday: weekends only. A request received Monday 2026-11-02 is
// due 20 working days later, Monday 2026-11-30.
// 按件: the same applicant's requests to one agency in a natural month — 1–10 free, 11–30 100 元,
// from the 31st 100 元 more per block of 10. 按量: 1–30 pages free, 31–100 10 元/页, 101–200
// 20 元/页, from 201 40 元/页. The fee notice stops the clock until payment; no payment within 20
// working days ends the request as 其他处理 row 2.

const COMPANY = {
  applicantType: "BUSINESS",
  applicantName: "重庆山城建材有限公司",
  idDocumentKind: "统一社会信用代码",
  idNumber: "91500106MA5U123456",
  legalRepresentative: "陈立",
};

let siteId: string;
let district: string;
let officer: Actor;
let otherUnit: Actor;

const clockOf = async (trackingCode: string) => (await requestOf(trackingCode)).clock as ClockDerivation;

/** A request received at `chinaTime` and registered the next morning (version 1 after). */
async function registered(chinaTime: string, change: Record<string, string> = {}) {
  const receipt = await apply(siteId, district, at(chinaTime), change);
  const request = await requestOf(receipt.trackingCode);
  await registerRequest(officer, { requestId: request.id, version: 0 });
  return { ...receipt, id: request.id };
}

beforeAll(async () => {
  const db = await fileDb();
  await db.calendarDay.deleteMany({ where: { date: { gte: new Date("2026-10-25"), lt: new Date("2027-01-15") } } });
  invalidateCalendarCache();
  siteId = (await db.site.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
  district = await orgId("重庆市沙坪坝区人民政府");
  officer = await makeUser("fee-officer", "DISCLOSURE_OFFICER", "重庆市沙坪坝区人民政府");
  // The demo officer of another unit (the culture and tourism commission).
  otherUnit = await actorFor("wlw-disclosure");
});

describe("信息处理费 按量", () => {
  it("charges the pages past 30 by band, stops the clock from the notice and restarts it on payment", async () => {
    const request = await registered("2026-11-02T10:00:00", { infoTitle: "2025年度道路维修工程全部合同文本" });
    expect((await clockOf(request.trackingCode)).due).toBe("2026-11-30");
    // No pages: asked for; 30 pages or fewer: free, no notice.
    await refused(() => issueFeeNotice(officer, { requestId: request.id, version: 1, basis: "PER_PAGE" }), "INVALID");
    const free = await refused(
      () => issueFeeNotice(officer, { requestId: request.id, version: 1, basis: "PER_PAGE", pages: "30" }),
      "INVALID",
    );
    expect(free.message).toContain("30 页以内不收费");
    // Another unit's officer does not learn the request exists.
    await refused(
      () => issueFeeNotice(otherUnit, { requestId: request.id, version: 1, basis: "PER_PAGE", pages: "150" }),
      "NOT_FOUND",
    );

    const fee = await on("2026-11-04T09:00:00", () =>
      issueFeeNotice(officer, { requestId: request.id, version: 1, basis: "PER_PAGE", pages: "150" }),
    );
    // 70 pages × 10 元 + 50 pages × 20 元.
    expect(fee).toMatchObject({ basis: "PER_PAGE", quantity: 150, amountYuan: 1700 });
    expect(fee.calculation).toBe("共 150 页，30 页以内不收费；70 页 × 10 元 + 50 页 × 20 元 = 1700 元");
    // Payment within 20 working days of the notice: 11-05 … 12-02.
    expect(fee.payDueAt).toEqual(at("2026-12-02T23:59:59.999"));
    // While unpaid the clock waits up to the payment deadline: counted 11-03, 11-04, then from
    // 12-03 the other 18 → 12-28.
    let clock = await clockOf(request.trackingCode);
    expect(clock.pauses).toEqual([
      expect.objectContaining({ kind: "FEE_NOTICE", from: "2026-11-04", to: "2026-12-02", open: true }),
    ]);
    expect(clock.due).toBe("2026-12-28");
    expect(describeClock(clock, "ONLINE")).toContain("收费通知至缴费（信息处理费 1700 元");
    // One notice at a time; a replayed form is refused.
    await refused(
      () => issueFeeNotice(officer, { requestId: request.id, version: 2, basis: "PER_PAGE", pages: "200" }),
      "CONFLICT",
    );
    await refused(() => recordFeePaid(officer, { requestId: request.id, version: 1 }), "CONFLICT");

    await on("2026-11-10T15:00:00", () => recordFeePaid(officer, { requestId: request.id, version: 2 }));
    // Not counted: 11-05, 11-06, 11-09, 11-10 (the notice day counts, the payment day does not
    // count as a day of work on the request) → 11-30 + 4 working days = 12-04.
    clock = await clockOf(request.trackingCode);
    expect(clock.pauses).toEqual([
      expect.objectContaining({
        kind: "FEE_NOTICE",
        from: "2026-11-04",
        to: "2026-11-10",
        workingDays: 4,
        open: false,
      }),
    ]);
    expect(clock).toMatchObject({ pausedDays: 4, due: "2026-12-04" });
    expect((await requestOf(request.trackingCode)).dueAt).toEqual(at("2026-12-04T23:59:59.999"));
    const saved = await getDb().disclosureFee.findUniqueOrThrow({ where: { id: fee.id } });
    expect(saved.paidAt).toEqual(at("2026-11-10T15:00:00"));
    // Paid once: nothing more to record.
    await refused(() => recordFeePaid(officer, { requestId: request.id, version: 3 }), "CONFLICT");
    const audit = await getDb().auditEvent.findMany({
      where: { subject: `disclosure:${request.id}`, action: { in: ["disclosure.fee_notice", "disclosure.fee_paid"] } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((row) => row.action)).toEqual(["disclosure.fee_notice", "disclosure.fee_paid"]);
    expect(audit[0]!.actorId).toBe(officer.id);
  });

  it("ends an unpaid request at the payment deadline as 其他处理 (逾期未缴费)", async () => {
    const request = await registered("2026-11-02T11:00:00", { infoTitle: "2021年以来全部信访事项办理台账" });
    await on("2026-11-04T09:00:00", () =>
      issueFeeNotice(officer, { requestId: request.id, version: 1, basis: "PER_PAGE", pages: "250" }),
    );
    const db = getDb();
    // On the last day of payment nothing happens; the day after, the sweep ends it.
    await sweepDisclosureClocks(db, at("2026-12-02T20:00:00"));
    expect((await requestOf(request.trackingCode)).state).toBe("REGISTERED");
    await sweepDisclosureClocks(db, at("2026-12-03T09:00:00"));
    const ended = await requestOf(request.trackingCode);
    expect(ended).toMatchObject({ state: "WITHDRAWN", answerType: "OTHER_FEE_UNPAID" });
    const pause = await db.disclosurePause.findFirstOrThrow({ where: { requestId: request.id } });
    expect(pause).toMatchObject({ endedAt: at("2026-12-02T23:59:59.999"), outcome: "逾期未缴费" });
    // Paying late changes nothing.
    await refused(
      () => on("2026-12-03T10:00:00", () => recordFeePaid(officer, { requestId: request.id, version: ended.version })),
      "CONFLICT",
    );
  });
});

describe("信息处理费 按件", () => {
  it("counts the same applicant's requests to the unit in the natural month: the 11th costs 100 元", async () => {
    const requests = [];
    for (let day = 2; day <= 12; day += 1) {
      const date = `2026-11-${String(day).padStart(2, "0")}T09:30:00`;
      requests.push(await apply(siteId, district, at(date), { ...COMPANY, infoTitle: `建材市场抽检报告第 ${day} 批` }));
    }
    // The month is the natural month of receipt: a request of October does not count.
    await apply(siteId, district, at("2026-10-30T09:30:00"), { ...COMPANY, infoTitle: "上月的申请" });
    const tenth = await requestOf(requests[9]!.trackingCode);
    await registerRequest(officer, { requestId: tenth.id, version: 0 });
    const free = await refused(
      () => issueFeeNotice(officer, { requestId: tenth.id, version: 1, basis: "PER_REQUEST" }),
      "INVALID",
    );
    expect(free.message).toContain("本自然月第 10 件申请，10 件以内不收费");

    const eleventh = await requestOf(requests[10]!.trackingCode);
    await registerRequest(officer, { requestId: eleventh.id, version: 0 });
    const fee = await on("2026-11-13T09:00:00", () =>
      issueFeeNotice(officer, { requestId: eleventh.id, version: 1, basis: "PER_REQUEST" }),
    );
    expect(fee).toMatchObject({ basis: "PER_REQUEST", quantity: 11, amountYuan: 100 });
    expect((await clockOf(eleventh.trackingCode)).pauses[0]).toMatchObject({ kind: "FEE_NOTICE", open: true });
  });

  it("charges 200 元 from the 31st request of the month", async () => {
    const db = getDb();
    // 19 more requests of the company this month, as the office entered them (11 filed above).
    const model = await db.disclosureRequest.findFirstOrThrow({ where: { idNumber: COMPANY.idNumber } });
    const { id: _id, clock, ...rest } = model;
    await db.disclosureRequest.createMany({
      data: Array.from({ length: 19 }, (_, index) => ({
        ...rest,
        clock: clock as object,
        trackingCode: `20261116FEE${String(index).padStart(3, "0")}`,
        receivedAt: at(`2026-11-16T10:${String(index).padStart(2, "0")}:00`),
        arrivedAt: at(`2026-11-16T10:${String(index).padStart(2, "0")}:00`),
      })),
    });
    const thirtyFirst = await registered("2026-11-17T09:00:00", { ...COMPANY, infoTitle: "第 31 件申请" });
    const fee = await on("2026-11-18T09:00:00", () =>
      issueFeeNotice(officer, { requestId: thirtyFirst.id, version: 1, basis: "PER_REQUEST" }),
    );
    expect(fee).toMatchObject({ quantity: 31, amountYuan: 200 });
    expect(fee.calculation).toContain("本自然月第 31 件申请，按件计收 200 元");
  });
});

describe("征求其他机关意见", () => {
  it("is not counted in the clock and is shown in the derivation, overlaps with a third party counted once", async () => {
    const request = await registered("2026-11-02T14:00:00", { infoTitle: "沙坪坝区轨道交通站点周边规划" });
    const agency = await on("2026-11-05T09:00:00", () =>
      startConsultation(officer, {
        requestId: request.id,
        version: 1,
        kind: "OTHER_AGENCY",
        party: "重庆市规划和自然资源局沙坪坝区分局",
        reason: "所需信息由规划部门共同制作",
      }),
    );
    // The same agency twice at once is refused; another unit's officer is told nothing.
    await refused(
      () =>
        startConsultation(officer, {
          requestId: request.id,
          version: 2,
          kind: "OTHER_AGENCY",
          party: "重庆市规划和自然资源局沙坪坝区分局",
          reason: "所需信息由规划部门共同制作",
        }),
      "CONFLICT",
    );
    await refused(
      () =>
        startConsultation(otherUnit, {
          requestId: request.id,
          version: 2,
          kind: "OTHER_AGENCY",
          party: "重庆市沙坪坝区住房和城乡建设委员会",
          reason: "所需信息涉及住建部门",
        }),
      "NOT_FOUND",
    );
    const third = await on("2026-11-09T09:00:00", () =>
      startConsultation(officer, {
        requestId: request.id,
        version: 2,
        kind: "THIRD_PARTY",
        party: "重庆轨道交通（集团）有限公司",
        reason: "涉及企业的工程资料",
      }),
    );
    await on("2026-11-11T16:00:00", () =>
      endConsultation(officer, { requestId: request.id, version: 3, pauseId: agency.id, outcome: "同意公开" }),
    );
    await on("2026-11-12T16:00:00", () =>
      endConsultation(officer, { requestId: request.id, version: 4, pauseId: third.id, outcome: "第三方同意公开" }),
    );
    const clock = await clockOf(request.trackingCode);
    // Other agency 11-06 … 11-11 (4 working days), third party 11-10 … 11-12 (3): together
    // 11-06, 11-09, 11-10, 11-11, 11-12 = 5 working days not counted → 11-30 + 5 = 12-07.
    expect(clock.pauses).toEqual([
      expect.objectContaining({ kind: "OTHER_AGENCY", from: "2026-11-05", to: "2026-11-11", workingDays: 4 }),
      expect.objectContaining({ kind: "THIRD_PARTY", from: "2026-11-09", to: "2026-11-12", workingDays: 3 }),
    ]);
    expect(clock).toMatchObject({ pausedDays: 5, due: "2026-12-07" });
    const view = await getRequest(officer, request.id);
    expect(view.clockText).toContain(
      "征求其他机关意见（所需信息由规划部门共同制作）：2026年11月05日至2026年11月11日，不计 4 个工作日",
    );
    expect(view.clockText).toContain("答复期限为2026年12月07日。");
  });

  it("counts a silent agency for at most 15 working days", async () => {
    const request = await registered("2026-11-02T15:00:00", { infoTitle: "区级财政专项资金分配方案" });
    const pause = await on("2026-11-03T09:00:00", () =>
      startConsultation(officer, {
        requestId: request.id,
        version: 1,
        kind: "OTHER_AGENCY",
        party: "重庆市沙坪坝区财政局",
        reason: "资金分配方案由财政部门制作",
      }),
    );
    // 15 working days after 11-03: 11-24. Closed on 12-01: counted only up to 11-24.
    expect(pause.limitAt).toEqual(at("2026-11-24T23:59:59.999"));
    await on("2026-12-01T10:00:00", () =>
      endConsultation(officer, { requestId: request.id, version: 2, pauseId: pause.id, outcome: "逾期未答复" }),
    );
    const clock = await clockOf(request.trackingCode);
    expect(clock.pauses[0]).toMatchObject({ to: "2026-11-24", workingDays: 15 });
    // 11-30 + 15 working days: 12-01 … 12-21.
    expect(clock.due).toBe("2026-12-21");
  });
});
