process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { DomainError, type ErrorCode } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { saveCalendarDay } from "@/lib/calendar/days";
import type { DueDerivation } from "@/lib/interaction/clock";
import { acceptLetter } from "@/lib/interaction/handling/accept-letter";
import { assignLetter } from "@/lib/interaction/handling/assign-letter";
import { saveReply } from "@/lib/interaction/handling/save-reply";
import { submitReply } from "@/lib/interaction/handling/submit-reply";
import { reviewReply } from "@/lib/interaction/handling/review-reply";
import { getLetter } from "@/lib/interaction/handling/get-letter";
import { sendClockAlerts } from "@/lib/interaction/clock-alerts";
import { listLetters } from "@/lib/interaction/handling/list-letters";
import { registerNationalMessage } from "@/lib/interaction/national/register-message";
import { recordPlatformEntry } from "@/lib/interaction/national/record-platform-entry";
import { getInteractionFigures, listNationalSites } from "@/lib/interaction/national/admin-views";
import { getLetterStatistics } from "@/lib/interaction/publish/statistics";
import { getNationalStatistics } from "@/lib/interaction/publish/national-statistics";
import { listInteractionTypes } from "@/lib/interaction/list-types";
import { actorFor, fileDb, makeUser, orgId } from "./helpers";
import { writeLetter } from "./support/interaction";

// 我为政府网站找错 messages registered by a handler, on a fixed clock and the seeded 2026 calendar
// (国庆节 10-01…10-07 off, Saturday 10-10 worked): forwarded on 2026-09-30 16:00, a message is to be
// accepted by the end of 10-08 (1 working day) and answered by the end of 10-10 (3 working days,
// both counted from the forwarding); a day off added later moves the reply due date of a message
// still waiting. It is handled like any letter, its reply recorded as entered on the national
// platform, and counted apart from the site's own letters.

const at = (chinaTime: string) => new Date(`${chinaTime}+08:00`);

let siteId: string;
let cultureSiteId: string;
let handler: Actor;
let deputy: Actor;
let admin: Actor;
let cultureHandler: Actor;
let disclosureUnit: string;

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

/** Runs `work` as if it were `chinaTime` (only Date is faked). */
async function on<T>(chinaTime: string, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: at(chinaTime) });
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

const message = (change: Record<string, string> = {}) => ({
  siteId,
  externalRef: "GZ2026093000123",
  forwardedAt: "2026-09-30T16:00",
  pageUrl: "http://www.cqspb.gov.cn/zwgk/tzgg/2026/0930/1.html",
  title: "通知公告页面附件无法下载",
  content: "贵网站通知公告栏目《关于做好国庆期间安全生产工作的通知》的附件链接打开后显示 404，无法下载。",
  writerName: "",
  writerPhone: "",
  ...change,
});

beforeAll(async () => {
  const db = await fileDb();
  const sites = await db.site.findMany({ orderBy: { position: "asc" } });
  siteId = sites[0]!.id;
  cultureSiteId = sites.find((site) => site.siteCode === "5000000037")!.id;
  [handler, deputy, admin] = await Promise.all([actorFor("handler"), actorFor("deputy"), actorFor("admin")]);
  cultureHandler = await makeUser("culture-handler", "INTERACTION_HANDLER", "重庆市文化和旅游发展委员会");
  disclosureUnit = await orgId("区政府办公室政务公开科");
});

describe("a national 找错 message forwarded the day before National Day 2026", () => {
  it("is registered once, runs 1 wd / 3 wd from the forwarding, and closes when entered on the platform", async () => {
    const db = getDb();
    expect(await listNationalSites(handler)).toEqual([{ id: siteId, name: expect.any(String) }]);
    // The national type is not offered to the public.
    expect((await listInteractionTypes(siteId)).map((type) => type.code)).not.toContain("national");

    const registered = await on("2026-10-01T09:00:00", () => registerNationalMessage(handler, message()));
    let letter = await db.letter.findUniqueOrThrow({ where: { id: registered.id } });
    expect(letter).toMatchObject({
      channel: "NATIONAL",
      externalRef: "GZ2026093000123",
      state: "PENDING",
      writerName: null,
      writerPhone: null,
      consentToPublish: false,
      registeredById: handler.id,
      receivedAt: at("2026-09-30T16:00:00"),
    });
    expect(letter.acceptDueAt).toEqual(at("2026-10-08T23:59:59.999"));
    // 10-08 (1), 10-09 (2), Saturday 10-10 调休上班 (3).
    expect(letter.replyDueAt).toEqual(at("2026-10-10T23:59:59.999"));
    const clock = letter.clock as { reply: DueDerivation; limits: object };
    expect(clock.reply).toMatchObject({ start: "2026-09-30", workingDays: 3, due: "2026-10-10" });
    expect(clock.reply.workedWeekendDays).toEqual(["2026-10-10"]);
    expect(clock.limits).toEqual({ acceptWorkingDays: 1, replyWorkingDays: 3, replyHours: null, maxWorkingDays: 10 });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "interaction.national.register", subject: `letter:${letter.id}` },
    });
    expect(audit.actorId).toBe(handler.id);

    // The same 留言编号 again is refused and changes nothing; another site may hold the same number.
    const duplicate = await refused(
      () => on("2026-10-01T10:00:00", () => registerNationalMessage(handler, message({ title: "重复登记" }))),
      "INVALID",
    );
    expect(duplicate.message).toContain("GZ2026093000123");
    expect(duplicate.fieldErrors.externalRef).toBeDefined();
    expect(await db.letter.count({ where: { externalRef: "GZ2026093000123" } })).toBe(1);

    // A holiday announced later (Friday 10-09) moves the reply due date of the waiting message.
    await saveCalendarDay(admin, { date: "2026-10-09", kind: "HOLIDAY", name: "临时调休" });
    letter = await db.letter.findUniqueOrThrow({ where: { id: registered.id } });
    // 10-08 (1), Saturday 10-10 (2), Sunday skipped, 10-12 (3).
    expect(letter.replyDueAt).toEqual(at("2026-10-12T23:59:59.999"));
    expect(letter.acceptDueAt).toEqual(at("2026-10-08T23:59:59.999"));

    // 受理 keeps the reply clock that started at the forwarding.
    await on("2026-10-08T09:00:00", () => acceptLetter(handler, { letterId: letter.id, version: 0 }));
    letter = await db.letter.findUniqueOrThrow({ where: { id: registered.id } });
    expect(letter.replyDueAt).toEqual(at("2026-10-12T23:59:59.999"));

    await on("2026-10-08T09:30:00", () =>
      assignLetter(handler, { letterId: letter.id, version: 1, unitIds: [disclosureUnit], leadUnitId: disclosureUnit }),
    );
    await on("2026-10-08T10:00:00", () =>
      saveReply(handler, {
        letterId: letter.id,
        version: 2,
        body: "您反映的附件链接错误已修复，附件可正常下载。感谢您对我区政府网站的关注和支持。",
      }),
    );
    // Nothing to enter on the platform before the reply is approved.
    await refused(
      () => recordPlatformEntry(handler, { letterId: letter.id, version: 3, enteredAt: "2026-10-08 10:00" }),
      "CONFLICT",
    );
    await on("2026-10-08T10:10:00", () => submitReply(handler, { letterId: letter.id, version: 3 }));
    await on("2026-10-08T11:00:00", () =>
      reviewReply(deputy, { letterId: letter.id, version: 4, decision: "APPROVE" }),
    );

    const view = await getLetter(handler, letter.id);
    expect(view.steps.platformEntry).toBe(true);
    expect(view.externalRef).toBe("GZ2026093000123");
    expect((await getLetter(deputy, letter.id)).steps.platformEntry).toBe(false);

    // Refusals: a reviewer may not record it, another unit's handler does not even see it, an
    // entry before the approval is impossible, a stale form is refused.
    await refused(
      () => recordPlatformEntry(deputy, { letterId: letter.id, version: 5, enteredAt: "2026-10-08 14:00" }),
      "FORBIDDEN",
    );
    await refused(
      () => recordPlatformEntry(cultureHandler, { letterId: letter.id, version: 5, enteredAt: "2026-10-08 14:00" }),
      "NOT_FOUND",
    );
    await refused(
      () => recordPlatformEntry(handler, { letterId: letter.id, version: 5, enteredAt: "2026-10-08 09:00" }),
      "INVALID",
    );
    await refused(
      () => recordPlatformEntry(handler, { letterId: letter.id, version: 4, enteredAt: "2026-10-08 14:00" }),
      "CONFLICT",
    );
    await recordPlatformEntry(handler, { letterId: letter.id, version: 5, enteredAt: "2026-10-08 14:00" });
    letter = await db.letter.findUniqueOrThrow({ where: { id: registered.id } });
    expect(letter).toMatchObject({
      state: "CLOSED",
      platformEnteredAt: at("2026-10-08T14:00:00"),
      platformEnteredById: handler.id,
    });
    // Replayed: the message is closed.
    await refused(
      () => recordPlatformEntry(handler, { letterId: letter.id, version: 6, enteredAt: "2026-10-08 14:00" }),
      "CONFLICT",
    );
    expect(await db.auditEvent.count({ where: { action: "interaction.national.enter" } })).toBe(1);

    // The queue filters by channel.
    const national = await listLetters(handler, { channel: "NATIONAL" });
    expect(national.map((row) => row.id)).toEqual([letter.id]);
    await refused(() => listLetters(handler, { channel: "FAX" }), "INVALID");
  });

  it("refuses other units, other roles and bad input, and changes nothing", async () => {
    const db = getDb();
    const before = await db.letter.count();
    // The culture commission's handler may register for the culture site, not the district's.
    await refused(() => registerNationalMessage(cultureHandler, message({ externalRef: "X1" })), "FORBIDDEN");
    // A reviewer holds no handling role.
    await refused(() => registerNationalMessage(deputy, message({ externalRef: "X2" })), "FORBIDDEN");
    await refused(() => registerNationalMessage(null, message({ externalRef: "X3" })), "UNAUTHENTICATED");
    const future = await refused(
      () => registerNationalMessage(handler, message({ externalRef: "X4", forwardedAt: "2999-01-01T09:00" })),
      "INVALID",
    );
    expect(future.fieldErrors.forwardedAt).toEqual(["转办时间不能晚于当前时间"]);
    const bad = await refused(
      () => registerNationalMessage(handler, message({ externalRef: "编号 1", pageUrl: "javascript:alert(1)" })),
      "INVALID",
    );
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["externalRef", "pageUrl"]);
    await refused(
      () =>
        registerNationalMessage(
          handler,
          message({ externalRef: "X5", siteId: "00000000-0000-4000-8000-000000000000" }),
        ),
      "NOT_FOUND",
    );
    expect(await db.letter.count()).toBe(before);

    // The same number on another site is another message.
    const other = await registerNationalMessage(cultureHandler, {
      ...message(),
      siteId: cultureSiteId,
      forwardedAt: "2026-09-30 16:00",
    });
    expect(other.siteId).toBe(cultureSiteId);

    // A site without a national type cannot register: the administrator must add one first.
    const type = await db.interactionType.findFirstOrThrow({ where: { siteId: cultureSiteId, code: "national" } });
    await db.interactionType.update({ where: { id: type.id }, data: { active: false } });
    try {
      const missing = await refused(
        () => registerNationalMessage(cultureHandler, { ...message({ externalRef: "X6" }), siteId: cultureSiteId }),
        "INVALID",
      );
      expect(missing.message).toContain("我为政府网站找错");
    } finally {
      await db.interactionType.update({ where: { id: type.id }, data: { active: true } });
    }

    // A letter of the site's own form always names its writer (the check constraint).
    await expect(
      db.letter.create({
        data: {
          siteId,
          typeId: type.id,
          queryCode: "20260930NOWRIT",
          passwordHash: "x",
          title: "无姓名",
          content: "无姓名的网站留言",
          consentToPublish: false,
          acceptDueAt: new Date(),
          clock: {},
        },
      }),
    ).rejects.toThrow();
    // The platform entry is for national messages only.
    const web = await writeLetter(siteId, {}, at("2026-09-30T10:00:00"));
    const webLetter = await db.letter.findUniqueOrThrow({ where: { queryCode: web.queryCode } });
    await refused(
      () => recordPlatformEntry(handler, { letterId: webLetter.id, version: 0, enteredAt: "2026-10-08 14:00" }),
      "CONFLICT",
    );
  });

  it("counts national messages apart from the site's own letters", async () => {
    const own = await getLetterStatistics(siteId, 2026);
    const national = await getNationalStatistics(siteId, 2026, at("2026-12-01T00:00:00"));
    // September: the site's own letter written on 09-30 (above); the national message apart.
    expect(own[8]).toMatchObject({ month: 9, received: 1, answered: 0 });
    expect(national[8]).toEqual({ month: 9, received: 1, answered: 1, onTime: 1, overdueOpen: 0, onTimeRate: 100 });
    expect(national[12]).toMatchObject({ month: 0, received: 1, onTimeRate: 100 });

    // One more, never answered: overdue, so the rate falls to 50 %.
    await on("2026-11-02T09:00:00", () =>
      registerNationalMessage(handler, message({ externalRef: "GZ2026110200007", forwardedAt: "2026-11-02 08:30" })),
    );
    const later = await getNationalStatistics(siteId, 2026, at("2026-12-01T00:00:00"));
    expect(later[10]).toMatchObject({ month: 11, received: 1, answered: 0, overdueOpen: 1, onTimeRate: 0 });
    expect(later[12]).toMatchObject({ received: 2, answered: 1, onTime: 1, overdueOpen: 1, onTimeRate: 50 });
    expect((await getLetterStatistics(siteId, 2026))[12]!.received).toBe(own[12]!.received);

    // The back office shows both, for a site the actor handles letters of.
    const figures = await getInteractionFigures(handler, { siteId, year: "2026" });
    expect(figures.national[12]!.received).toBe(2);
    await refused(() => getInteractionFigures(cultureHandler, { siteId, year: "2026" }), "NOT_FOUND");
  });

  it("reminds the handlers on its own 3-working-day clock and escalates when it is overdue", async () => {
    const db = getDb();
    // Forwarded Monday 2026-11-09: 受理 by the end of 11-10, 答复 by the end of 11-12.
    const registered = await on("2026-11-09T10:00:00", () =>
      registerNationalMessage(handler, message({ externalRef: "GZ2026110900042", forwardedAt: "2026-11-09 09:00" })),
    );
    const kinds = async () =>
      (await db.letterAlert.findMany({ where: { letterId: registered.id }, orderBy: { kind: "asc" } })).map(
        (alert) => alert.kind,
      );
    await on("2026-11-09T11:00:00", () => acceptLetter(handler, { letterId: registered.id, version: 0 }));
    await sendClockAlerts(db, at("2026-11-10T12:00:00"));
    expect(await kinds()).toEqual([]);
    // Half time is the end of the first working day; the day before is the morning of 11-11.
    await sendClockAlerts(db, at("2026-11-11T08:00:00"));
    expect((await kinds()).sort()).toEqual(["DAY_BEFORE", "HALF_TIME"]);
    await sendClockAlerts(db, at("2026-11-13T00:05:00"));
    expect(await kinds()).toContain("OVERDUE");
    const escalation = await db.notification.findFirst({
      where: { userId: deputy.id, link: `/admin/interaction/${registered.id}`, title: { startsWith: "督办" } },
    });
    expect(escalation).not.toBeNull();
  });
});
