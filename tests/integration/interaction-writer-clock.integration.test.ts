process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { saveCalendarDay } from "@/lib/calendar/days";
import { acceptLetter } from "@/lib/interaction/handling/accept-letter";
import { rateLetter } from "@/lib/interaction/handling/rate-letter";
import { saveReply } from "@/lib/interaction/handling/save-reply";
import { submitReply } from "@/lib/interaction/handling/submit-reply";
import { reviewReply } from "@/lib/interaction/handling/review-reply";
import { decideExtension, requestExtension } from "@/lib/interaction/handling/extend-letter";
import { getLetter } from "@/lib/interaction/handling/get-letter";
import { sendClockAlerts } from "@/lib/interaction/clock-alerts";
import { getLetterStatus } from "@/lib/interaction/letter-status";
import { presentLetterStatus } from "@/lib/interaction/present-status";
import type { DueDerivation } from "@/lib/interaction/clock";
import { actorFor, orgId } from "./helpers";
import { answerLetter, at, letterOf, letterSite, on, refused, writeLetter } from "./support/interaction";

// The clock as the writer and the handlers live it, on a fixed clock (November and December 2026
// have no holiday in the seeded calendar): a 重办 gives the second reply a clock of its own, the
// type's 7 working days from the writer's request, moved by a holiday added later, with its own
// reminders and one escalation; an approved 延期 shows in the writer's lookup as the new due date
// with its derivation in words, never with the handler's reason.

let siteId: string;
let handler: Actor;
let deputy: Actor;
let admin: Actor;
let section: string;

const statusOf = async (receipt: { queryCode: string; password: string }) =>
  presentLetterStatus(await getLetterStatus(siteId, receipt, null));

beforeAll(async () => {
  ({ siteId, handler, deputy } = await letterSite());
  admin = await actorFor("admin");
  section = await orgId("区政府办公室政务公开科");
});

describe("a 重办 round", () => {
  it("runs on a clock of its own, with its reminders and escalation", async () => {
    const receipt = await writeLetter(siteId, {}, at("2026-11-02T10:00:00"));
    // Answered the day it came in: the first reply was due 11-11 and nothing was reminded.
    const answered = await on("2026-11-02T11:00:00", async () =>
      answerLetter((await letterOf(receipt.queryCode)).id, { handler, reviewer: deputy, unitId: section }),
    );
    expect(answered.replyDueAt).toEqual(at("2026-11-11T23:59:59.999"));
    const credentials = { queryCode: receipt.queryCode, password: receipt.password };

    // 不满意 and 重办 on Wednesday 11-04: 7 working days from then, 11-05 … 11-13.
    await on("2026-11-04T10:00:00", () =>
      rateLetter(siteId, { ...credentials, rating: "DISSATISFIED", rework: "yes" }),
    );
    let letter = await letterOf(receipt.queryCode);
    expect(letter).toMatchObject({ state: "HANDLING", reworkCount: 1, replyDueAt: at("2026-11-13T23:59:59.999") });
    const clock = letter.clock as { reply: DueDerivation; firstReply: DueDerivation };
    expect(clock.reply).toMatchObject({ start: "2026-11-04", workingDays: 7, due: "2026-11-13" });
    expect(clock.firstReply).toMatchObject({ start: "2026-11-02", workingDays: 7, due: "2026-11-11" });
    const rework = await getDb().auditEvent.findFirstOrThrow({
      where: { subject: `letter:${letter.id}`, action: "interaction.letter.rework" },
    });
    expect(rework.data).toMatchObject({
      replyDueAt: { before: at("2026-11-11T23:59:59.999").toISOString(), after: letter.replyDueAt!.toISOString() },
    });
    // The second round is not extended (its period is the type's, from the writer's request).
    expect((await getLetter(handler, letter.id)).steps.requestExtension).toBe(false);
    await refused(
      () =>
        requestExtension(handler, {
          letterId: letter.id,
          version: letter.version,
          workingDays: 2,
          reason: "需要重新核查现场",
        }),
      "CONFLICT",
    );

    // A day off announced later (Thursday 11-12) moves the 重办 clock like any open one.
    await saveCalendarDay(admin, { date: "2026-11-12", kind: "HOLIDAY", name: "临时调休" });
    letter = await letterOf(receipt.queryCode);
    expect(letter.replyDueAt).toEqual(at("2026-11-16T23:59:59.999"));
    expect((letter.clock as { reply: DueDerivation }).reply.skipped).toContainEqual({
      date: "2026-11-12",
      reason: "临时调休",
    });
    // The writer sees the 重办 due date with its derivation.
    expect((await statusOf(receipt)).replyDue).toEqual({
      label: "重办答复期限",
      at: "2026-11-16 23:59",
      derivation:
        "自 2026年11月04日 次日起算 7 个工作日，至 2026年11月16日；跳过 11-07（周末）、11-08（周末）、11-12（临时调休）、11-14（周末）、11-15（周末）",
      extensions: [],
    });

    // Half time: the end of working day 3 (11-09); one working day before: 11-13; overdue from 11-17.
    const kinds = async () =>
      (await getDb().letterAlert.findMany({ where: { letterId: letter.id }, orderBy: { sentAt: "asc" } })).map(
        (alert) => `${alert.kind}:${alert.round}`,
      );
    expect(await sendClockAlerts(getDb(), at("2026-11-09T18:00:00"))).toBe(0);
    await sendClockAlerts(getDb(), at("2026-11-10T08:00:00"));
    await sendClockAlerts(getDb(), at("2026-11-10T08:05:00"));
    expect(await kinds()).toEqual(["HALF_TIME:2"]);
    await sendClockAlerts(getDb(), at("2026-11-13T08:00:00"));
    expect(await kinds()).toEqual(["HALF_TIME:2", "DAY_BEFORE:2"]);
    const reminders = await getDb().notification.findMany({
      where: { userId: handler.id, link: `/admin/interaction/${letter.id}` },
      orderBy: { createdAt: "asc" },
    });
    expect(reminders.map((note) => note.title)).toEqual([
      "留言“小区门口占道经营”（重办）办理时间已过半，答复期限 2026-11-16 23:59",
      "留言“小区门口占道经营”（重办）将于 2026-11-16 23:59 到期，请抓紧答复",
    ]);
    expect(await sendClockAlerts(getDb(), at("2026-11-16T23:59:00"))).toBe(0);
    await Promise.all([
      sendClockAlerts(getDb(), at("2026-11-17T00:05:00")),
      sendClockAlerts(getDb(), at("2026-11-17T00:05:00")),
    ]);
    expect(await kinds()).toEqual(["HALF_TIME:2", "DAY_BEFORE:2", "OVERDUE:2"]);
    const escalations = await getDb().notification.findMany({
      where: { userId: deputy.id, link: `/admin/interaction/${letter.id}` },
    });
    expect(escalations.map((note) => note.title)).toEqual([
      "督办：留言“小区门口占道经营”（重办）已逾期未答复（答复期限 2026-11-16 23:59）",
    ]);
    const escalated = await getDb().auditEvent.findMany({
      where: { subject: `letter:${letter.id}`, action: "interaction.letter.escalate" },
    });
    expect(escalated.map((audit) => audit.data)).toEqual([
      expect.objectContaining({ round: 2, replyDueAt: at("2026-11-16T23:59:59.999").toISOString() }),
    ]);

    // Answered the second time: the clock stops, nothing more goes out.
    await on("2026-11-18T09:00:00", async () => {
      await saveReply(handler, {
        letterId: letter.id,
        version: letter.version,
        body: "经再次核查，已设置便民疏导点。",
      });
      await submitReply(handler, { letterId: letter.id, version: letter.version + 1 });
      await reviewReply(deputy, { letterId: letter.id, version: letter.version + 2, decision: "APPROVE" });
    });
    expect((await letterOf(receipt.queryCode)).state).toBe("ANSWERED");
    expect(await sendClockAlerts(getDb(), at("2026-11-30T09:00:00"))).toBe(0);
  });
});

describe("an approved 延期", () => {
  it("shows the writer the new due date, how it was counted and that it was extended, not the reason", async () => {
    const receipt = await writeLetter(siteId, {}, at("2026-12-01T10:00:00"));
    const letter = await letterOf(receipt.queryCode);
    await on("2026-12-01T11:00:00", () => acceptLetter(handler, { letterId: letter.id, version: 0 }));
    // Before any extension: 7 working days, due 12-10, and no word of an extension.
    expect((await statusOf(receipt)).replyDue).toMatchObject({ at: "2026-12-10 23:59", extensions: [] });

    const reason = "需调取学府路12号物业的监控，并约谈物业经理李四";
    const refusedOne = await requestExtension(handler, { letterId: letter.id, version: 1, workingDays: 2, reason });
    await decideExtension(deputy, {
      letterId: letter.id,
      version: 2,
      extensionId: refusedOne.id,
      decision: "REFUSE",
      comment: "请按期办结",
    });
    // A refused request changes nothing the writer sees.
    expect((await statusOf(receipt)).replyDue).toMatchObject({ at: "2026-12-10 23:59", extensions: [] });

    const { id } = await requestExtension(handler, { letterId: letter.id, version: 3, workingDays: 3, reason });
    await on("2026-12-02T09:00:00", () =>
      decideExtension(deputy, { letterId: letter.id, version: 4, extensionId: id, decision: "APPROVE" }),
    );
    const status = await statusOf(receipt);
    expect(status.replyDue).toEqual({
      label: "答复期限",
      at: "2026-12-15 23:59",
      derivation:
        "自 2026年12月01日 次日起算 10 个工作日（含批准延期 3 个工作日），至 2026年12月15日；跳过 12-05（周末）、12-06（周末）、12-12（周末）、12-13（周末）",
      extensions: ["已延期：2026-12-02 09:00 经批准延长 3 个工作日"],
    });
    // The handler's reason and the approver's comment are internal: neither reaches the writer.
    const shown = JSON.stringify(status);
    expect(shown).not.toContain("李四");
    expect(shown).not.toContain("监控");
    expect(shown).not.toContain("请按期办结");
    // A wrong password sees nothing of it.
    await refused(() => getLetterStatus(siteId, { ...receipt, password: "ABCDEFGH" }, null), "INVALID");
  });
});
