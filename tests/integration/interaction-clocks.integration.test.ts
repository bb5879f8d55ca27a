process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { saveCalendarDay } from "@/lib/calendar/days";
import { acceptLetter } from "@/lib/interaction/handling/accept-letter";
import { assignLetter } from "@/lib/interaction/handling/assign-letter";
import { rateLetter } from "@/lib/interaction/handling/rate-letter";
import { decideExtension, requestExtension } from "@/lib/interaction/handling/extend-letter";
import { findAlertCandidates, sendClockAlerts } from "@/lib/interaction/clock-alerts";
import { getLetter } from "@/lib/interaction/handling/get-letter";
import type { DueDerivation } from "@/lib/interaction/clock";
import { actorFor, makeUser, orgId } from "./helpers";
import { answerLetter, at, letterOf, letterSite, on, refused, writeLetter } from "./support/interaction";

// The reply clock on a fixed clock and the seeded 2026 calendar (国庆节 10-01…10-07 off,
// 10-10 a Saturday worked): a 投诉 written and accepted on 2026-09-30 is due 7 working days after
// acceptance (the day of acceptance not counted). An approved 延期 moves it; a holiday added
// later moves every open due date and no closed one; reminders go out at half time and one
// working day before, and an overdue letter escalates to the 直接责任人 once.

let siteId: string;
let handler: Actor;
let deputy: Actor;
let admin: Actor;
let cultureDeputy: Actor;
let districtDeputyRole: Actor;
let disclosureUnit: string;

beforeAll(async () => {
  ({ siteId, handler, deputy } = await letterSite());
  admin = await actorFor("admin");
  cultureDeputy = await makeUser("culture-deputy", "DIRECT_RESPONSIBLE", "重庆市文化和旅游发展委员会");
  // Holds the role in the district but is not its named 直接责任人 (Responsibility).
  districtDeputyRole = await makeUser("second-deputy", "DIRECT_RESPONSIBLE", "重庆市沙坪坝区人民政府");
  disclosureUnit = await orgId("区政府办公室政务公开科");
});

describe("a 投诉 written the day before National Day 2026", () => {
  it("is due 7 working days after acceptance, moves with an extension and a later holiday, and escalates once", async () => {
    const receipt = await writeLetter(siteId, {}, at("2026-09-30T10:00:00"));
    let letter = await letterOf(receipt.queryCode);
    // 受理 within 1 working day: the first working day after the holiday.
    expect(letter.acceptDueAt).toEqual(at("2026-10-08T23:59:59.999"));

    // Before acceptance there is no reply clock to extend.
    await refused(
      () => requestExtension(handler, { letterId: letter.id, version: 0, workingDays: 3, reason: "需要现场核查" }),
      "CONFLICT",
    );

    await on("2026-09-30T15:00:00", () => acceptLetter(handler, { letterId: letter.id, version: 0 }));
    letter = await letterOf(receipt.queryCode);
    // 10-08 (1), 10-09 (2), Saturday 10-10 调休上班 (3), 10-12 … 10-15 (4–7).
    expect(letter.replyDueAt).toEqual(at("2026-10-15T23:59:59.999"));
    const reply = (letter.clock as { reply: DueDerivation }).reply;
    expect(reply).toMatchObject({ start: "2026-09-30", workingDays: 7, due: "2026-10-15" });
    expect(reply.skipped).toEqual([
      ...["01", "02", "03", "04", "05", "06", "07"].map((day) => ({ date: `2026-10-${day}`, reason: "国庆节" })),
      { date: "2026-10-11", reason: "周末" },
    ]);
    expect(reply.workedWeekendDays).toEqual(["2026-10-10"]);

    await on("2026-10-08T09:00:00", () =>
      assignLetter(handler, {
        letterId: letter.id,
        version: 1,
        unitIds: [disclosureUnit],
        leadUnitId: disclosureUnit,
      }),
    );

    // 延期: more than the type's 15 working days in all is refused, and so is a stale form.
    await refused(
      () => requestExtension(handler, { letterId: letter.id, version: 2, workingDays: 9, reason: "需要现场核查" }),
      "INVALID",
    );
    await refused(
      () => requestExtension(handler, { letterId: letter.id, version: 1, workingDays: 3, reason: "需要现场核查" }),
      "CONFLICT",
    );
    // The reviewer role cannot ask; the handler can.
    await refused(
      () => requestExtension(deputy, { letterId: letter.id, version: 2, workingDays: 3, reason: "需要现场核查" }),
      "FORBIDDEN",
    );
    const { id: extensionId } = await requestExtension(handler, {
      letterId: letter.id,
      version: 2,
      workingDays: 3,
      reason: "涉及多个部门，需要现场核查",
    });
    await refused(
      () => requestExtension(handler, { letterId: letter.id, version: 3, workingDays: 2, reason: "再延两天" }),
      "CONFLICT",
    );
    // The letter page offers the decision to the 直接责任人 only, and no second request meanwhile.
    const shown = await getLetter(deputy, letter.id);
    expect(shown.steps.decideExtension).toBe(extensionId);
    expect(shown.extensions).toMatchObject([{ workingDays: 3, status: "PENDING", requestedBy: "何晓琴" }]);
    expect((await getLetter(handler, letter.id)).steps).toMatchObject({
      decideExtension: null,
      requestExtension: false,
    });
    const approverTask = await getDb().notification.findFirstOrThrow({
      where: { userId: deputy.id, task: `interaction-extension:${extensionId}` },
    });
    expect(approverTask.doneAt).toBeNull();

    const decision = { letterId: letter.id, version: 3, extensionId, decision: "APPROVE" };
    // Only the lead unit's named 直接责任人 approves: not the handler, not another unit's, not a
    // second holder of the role who is not the named one.
    await refused(() => decideExtension(handler, decision), "FORBIDDEN");
    await refused(() => decideExtension(cultureDeputy, decision), "NOT_FOUND");
    await refused(() => decideExtension(districtDeputyRole, decision), "FORBIDDEN");
    await refused(() => decideExtension(deputy, { ...decision, decision: "REFUSE" }), "INVALID");

    await decideExtension(deputy, decision);
    letter = await letterOf(receipt.queryCode);
    // 7 + 3 working days: 10-16 (8), 10-19 (9), 10-20 (10).
    expect(letter.replyDueAt).toEqual(at("2026-10-20T23:59:59.999"));
    expect((letter.clock as { reply: DueDerivation }).reply).toMatchObject({
      start: "2026-09-30",
      workingDays: 10,
      extendedDays: 3,
      due: "2026-10-20",
    });
    // The same form sent again changes nothing.
    await refused(() => decideExtension(deputy, decision), "CONFLICT");
    await refused(() => decideExtension(deputy, { ...decision, version: 4 }), "CONFLICT");
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: approverTask.id } })).doneAt).not.toBeNull();
    const audits = await getDb().auditEvent.findMany({
      where: { subject: `letter:${letter.id}`, action: { startsWith: "interaction.extension." } },
      orderBy: { seq: "asc" },
    });
    expect(audits.map((audit) => audit.action)).toEqual([
      "interaction.extension.request",
      "interaction.extension.approve",
    ]);
    expect(audits[1]!.actorId).toBe(deputy.id);

    // An answered letter of the same days keeps its date when the calendar changes later.
    const answered = await writeLetter(siteId, {}, at("2026-09-30T11:00:00"));
    // Accepted on 10-09: due 10-19, over the day the calendar changes below.
    const closed = await on("2026-10-09T16:00:00", async () =>
      answerLetter((await letterOf(answered.queryCode)).id, { handler, reviewer: deputy, unitId: disclosureUnit }),
    );
    expect(closed.state).toBe("ANSWERED");
    // A letter still 待受理 when the calendar changes: its 受理 clock moves.
    const pending = await writeLetter(siteId, {}, at("2026-10-15T10:00:00"));
    expect((await letterOf(pending.queryCode)).acceptDueAt).toEqual(at("2026-10-16T23:59:59.999"));

    // A day off announced later (Friday 2026-10-16) moves every open due date over it.
    await saveCalendarDay(admin, { date: "2026-10-16", kind: "HOLIDAY", name: "防汛调休" });
    letter = await letterOf(receipt.queryCode);
    expect(letter.replyDueAt).toEqual(at("2026-10-21T23:59:59.999"));
    const moved = (letter.clock as { reply: DueDerivation }).reply;
    expect(moved).toMatchObject({ workingDays: 10, extendedDays: 3, due: "2026-10-21" });
    expect(moved.skipped).toContainEqual({ date: "2026-10-16", reason: "防汛调休" });
    expect((await letterOf(pending.queryCode)).acceptDueAt).toEqual(at("2026-10-19T23:59:59.999"));
    expect(closed.replyDueAt).toEqual(at("2026-10-19T23:59:59.999"));
    expect((await letterOf(answered.queryCode)).replyDueAt).toEqual(closed.replyDueAt);
    // 不满意 and 重办 on 10-19: the second reply runs 7 working days of its own (due 10-28), not
    // extended; its first reminder falls after every sweep below.
    await on("2026-10-19T10:00:00", () =>
      rateLetter(siteId, {
        queryCode: answered.queryCode,
        password: answered.password,
        rating: "DISSATISFIED",
        rework: "yes",
      }),
    );
    expect((await letterOf(answered.queryCode)).replyDueAt).toEqual(at("2026-10-28T23:59:59.999"));
    const noExtension = await refused(
      () => requestExtension(handler, { letterId: closed.id, version: 6, workingDays: 2, reason: "重新核查现场" }),
      "CONFLICT",
    );
    expect(noExtension.message).toContain("重办不适用延期");
    const recomputed = await getDb().auditEvent.findMany({ where: { action: "interaction.clock.recompute" } });
    expect(recomputed.map((audit) => audit.subject).sort()).toEqual(
      [`letter:${letter.id}`, `letter:${(await letterOf(pending.queryCode)).id}`].sort(),
    );
    expect(recomputed.every((audit) => audit.actorId === admin.id)).toBe(true);

    // Reminders: half time is the end of working day 5 (10-13); one working day before the due
    // day 10-21 is 10-20; overdue from 10-22. Each goes out once, however often the sweep runs.
    const alertsOf = () => getDb().letterAlert.findMany({ where: { letterId: letter.id }, orderBy: { sentAt: "asc" } });
    await sendClockAlerts(getDb(), at("2026-10-13T18:00:00"));
    expect(await alertsOf()).toEqual([]);
    await sendClockAlerts(getDb(), at("2026-10-14T08:00:00"));
    await sendClockAlerts(getDb(), at("2026-10-14T08:05:00"));
    expect((await alertsOf()).map((alert) => alert.kind)).toEqual(["HALF_TIME"]);
    await sendClockAlerts(getDb(), at("2026-10-20T08:00:00"));
    expect((await alertsOf()).map((alert) => alert.kind)).toEqual(["HALF_TIME", "DAY_BEFORE"]);
    const handlerNotes = await getDb().notification.findMany({
      where: { userId: handler.id, link: `/admin/interaction/${letter.id}`, title: { contains: "到期" } },
    });
    expect(handlerNotes).toHaveLength(1);

    expect(await sendClockAlerts(getDb(), at("2026-10-21T23:59:00"))).toBe(0);
    await sendClockAlerts(getDb(), at("2026-10-22T00:05:00"));
    await Promise.all([
      sendClockAlerts(getDb(), at("2026-10-22T09:00:00")),
      sendClockAlerts(getDb(), at("2026-10-22T09:00:00")),
    ]);
    const escalations = await getDb().notification.findMany({
      where: { userId: deputy.id, link: `/admin/interaction/${letter.id}`, title: { startsWith: "督办" } },
    });
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.title).toBe("督办：留言“小区门口占道经营”已逾期未答复（答复期限 2026-10-21 23:59）");
    const escalated = await getDb().auditEvent.findMany({
      where: { subject: `letter:${letter.id}`, action: "interaction.letter.escalate" },
    });
    expect(escalated).toHaveLength(1);
    // The letter still 待受理 past its moved 受理 deadline (10-19) escalated once too.
    const pendingId = (await letterOf(pending.queryCode)).id;
    expect(
      await getDb().letterAlert.findMany({ where: { letterId: pendingId }, select: { kind: true, dueAt: true } }),
    ).toEqual([{ kind: "ACCEPT_OVERDUE", dueAt: at("2026-10-19T23:59:59.999") }]);
    expect(
      await getDb().notification.count({ where: { userId: deputy.id, link: `/admin/interaction/${pendingId}` } }),
    ).toBe(1);
    // The answered letter was answered before its reminders fell due, and its 重办 is not due yet.
    expect(await getDb().letterAlert.count({ where: { letterId: closed.id } })).toBe(0);
  });
});

describe("extension refusals", () => {
  it("refuses a 直接责任人 approving an extension they asked for themselves, and a refusal keeps the date", async () => {
    // The deputy also handles letters in the district: they may ask, never approve their own.
    await getDb().membership.create({
      data: { userId: deputy.id, orgId: await orgId("重庆市沙坪坝区人民政府"), role: "INTERACTION_HANDLER" },
    });
    const both = await actorFor("deputy");
    const receipt = await writeLetter(siteId, {}, at("2026-11-02T10:00:00"));
    const letter = await letterOf(receipt.queryCode);
    await on("2026-11-02T11:00:00", () => acceptLetter(handler, { letterId: letter.id, version: 0 }));
    const { id: own } = await requestExtension(both, {
      letterId: letter.id,
      version: 1,
      workingDays: 2,
      reason: "需要调取监控",
    });
    await refused(
      () => decideExtension(both, { letterId: letter.id, version: 2, extensionId: own, decision: "APPROVE" }),
      "FORBIDDEN",
    );
    await getDb().membership.deleteMany({ where: { userId: deputy.id, role: "INTERACTION_HANDLER" } });

    // Refused by the 直接责任人 (with a reason): the due date stays, and the handler may ask again.
    const second = await letterOf((await writeLetter(siteId, {}, at("2026-11-02T10:30:00"))).queryCode);
    await on("2026-11-02T11:00:00", () => acceptLetter(handler, { letterId: second.id, version: 0 }));
    const before = await getDb().letter.findUniqueOrThrow({ where: { id: second.id } });
    const { id } = await requestExtension(handler, {
      letterId: second.id,
      version: 1,
      workingDays: 2,
      reason: "需要调取监控",
    });
    await decideExtension(deputy, {
      letterId: second.id,
      version: 2,
      extensionId: id,
      decision: "REFUSE",
      comment: "请按期办结",
    });
    const after = await getDb().letter.findUniqueOrThrow({ where: { id: second.id } });
    expect(after.replyDueAt).toEqual(before.replyDueAt);
    expect(after.clock).toEqual(before.clock);
    expect((await getDb().letterExtension.findUniqueOrThrow({ where: { id } })).status).toBe("REFUSED");
    expect(
      await getDb().notification.count({
        where: { userId: handler.id, title: { contains: "延期未获批准：请按期办结" } },
      }),
    ).toBe(1);
    await requestExtension(handler, { letterId: second.id, version: 3, workingDays: 1, reason: "补充调查材料" });
  });
});

describe("the clock-alert sweep", () => {
  it("reads a letter only when its next alert is due, and again whenever its state or due date changes", async () => {
    const receipt = await writeLetter(siteId, {}, at("2026-11-02T10:00:00"));
    let letter = await letterOf(receipt.queryCode);
    const candidates = async (chinaTime: string) =>
      (await findAlertCandidates(getDb(), at(chinaTime))).map((row) => row.id);
    const alertsOf = () => getDb().letterAlert.findMany({ where: { letterId: letter.id }, select: { kind: true } });

    // A new letter is looked at once; its next alert is then the escalation past the 受理 deadline.
    expect(await candidates("2026-11-02T10:01:00")).toContain(letter.id);
    await sendClockAlerts(getDb(), at("2026-11-02T10:01:00"));
    expect((await letterOf(receipt.queryCode)).nextAlertAt).toEqual(at("2026-11-04T00:00:00"));
    await on("2026-11-02T11:00:00", () => acceptLetter(handler, { letterId: letter.id, version: 0 }));
    letter = await letterOf(receipt.queryCode);
    // Due 7 working days after acceptance (11-11); half time is the end of working day 3 (11-05, so 11-06 00:00).
    expect(letter.replyDueAt).toEqual(at("2026-11-11T23:59:59.999"));
    expect(await candidates("2026-11-02T11:01:00")).toContain(letter.id);
    await sendClockAlerts(getDb(), at("2026-11-02T11:01:00"));
    letter = await letterOf(receipt.queryCode);
    expect(letter.nextAlertAt).toEqual(at("2026-11-06T00:00:00"));

    // Far from its next alert, the sweep does not read it at all.
    expect(await candidates("2026-11-04T12:00:00")).not.toContain(letter.id);
    await sendClockAlerts(getDb(), at("2026-11-04T12:00:00"));
    expect(await alertsOf()).toEqual([]);

    // 转办 changes its state: the next sweep looks again and finds the same next alert.
    await on("2026-11-04T14:00:00", () =>
      assignLetter(handler, {
        letterId: letter.id,
        version: 1,
        unitIds: [disclosureUnit],
        leadUnitId: disclosureUnit,
      }),
    );
    expect(await candidates("2026-11-04T14:01:00")).toContain(letter.id);
    await sendClockAlerts(getDb(), at("2026-11-04T14:01:00"));
    expect((await letterOf(receipt.queryCode)).nextAlertAt).toEqual(at("2026-11-06T00:00:00"));
    expect(await candidates("2026-11-05T12:00:00")).not.toContain(letter.id);

    // At half time it is read, reminded once, and waits for the day before the due day.
    expect(await candidates("2026-11-06T08:00:00")).toContain(letter.id);
    await sendClockAlerts(getDb(), at("2026-11-06T08:00:00"));
    await sendClockAlerts(getDb(), at("2026-11-06T08:05:00"));
    expect(await alertsOf()).toEqual([{ kind: "HALF_TIME" }]);
    expect((await letterOf(receipt.queryCode)).nextAlertAt).toEqual(at("2026-11-10T00:00:00"));
  });
});
