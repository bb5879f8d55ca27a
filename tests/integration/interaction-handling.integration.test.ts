process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";
process.env.INTERACTION_LOOKUPS_PER_HOUR = "30";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { acceptLetter } from "@/lib/interaction/handling/accept-letter";
import { rejectLetter } from "@/lib/interaction/handling/reject-letter";
import { mergeLetter } from "@/lib/interaction/handling/merge-letter";
import { assignLetter } from "@/lib/interaction/handling/assign-letter";
import { saveReply } from "@/lib/interaction/handling/save-reply";
import { submitReply } from "@/lib/interaction/handling/submit-reply";
import { reviewReply } from "@/lib/interaction/handling/review-reply";
import { rateLetter } from "@/lib/interaction/handling/rate-letter";
import { getLetter } from "@/lib/interaction/handling/get-letter";
import { listLetters } from "@/lib/interaction/handling/list-letters";
import { getLetterStatus } from "@/lib/interaction/letter-status";
import { getLetterAttachment } from "@/lib/interaction/handling/get-attachment";
import { actorFor, makeUser, orgId } from "./helpers";
import { letterOf, letterSite, letterStaff, refused, writeLetter } from "./support/interaction";

// 政民互动 handling on the real database: 受理 → 转办 (lead unit) → 办理 → 答复审核 → 答复 →
// 评价, 不满意 → 重办 once → closed; 不予受理 and 重复件. Every step is audited and refused to a
// handler of another unit, a wrong state, a stale version, the author reviewing their own reply,
// and a writer with a wrong password.

let siteId: string;
let otherSiteId: string;
let handler: Actor;
let deputy: Actor;
let editor: Actor;
let sectionHandler: Actor;
let otherUnitHandler: Actor;
let disclosureUnit: string;
let officeUnit: string;

beforeAll(async () => {
  ({ siteId, otherSiteId, handler, deputy } = await letterSite());
  ({ sectionHandler, otherUnitHandler } = await letterStaff());
  editor = await actorFor("editor");
  disclosureUnit = await orgId("区政府办公室政务公开科");
  officeUnit = await orgId("区政府办公室综合科");
});

describe("a complaint from receipt to the second reply", () => {
  it("is accepted, assigned, answered after review, rated 不满意, redone once and closed", async () => {
    const receipt = await writeLetter(siteId);
    let letter = await letterOf(receipt.queryCode);
    const auditsBefore = await getDb().auditEvent.count({ where: { subject: `letter:${letter.id}` } });

    // Handlers of another unit do not even see it; a wrong state or a stale version is refused.
    await refused(() => acceptLetter(otherUnitHandler, { letterId: letter.id, version: 0 }), "NOT_FOUND");
    await refused(() => acceptLetter(sectionHandler, { letterId: letter.id, version: 0 }), "NOT_FOUND");
    await refused(() => acceptLetter(editor, { letterId: letter.id, version: 0 }), "NOT_FOUND");
    await refused(() => acceptLetter(deputy, { letterId: letter.id, version: 0 }), "FORBIDDEN");
    await refused(() => acceptLetter(handler, { letterId: letter.id, version: 3 }), "CONFLICT");
    await refused(
      () =>
        assignLetter(handler, {
          letterId: letter.id,
          version: 0,
          unitIds: [disclosureUnit],
          leadUnitId: disclosureUnit,
        }),
      "CONFLICT",
    );

    const accepted = await acceptLetter(handler, { letterId: letter.id, version: 0 });
    expect(accepted.replyDueAt).toBeInstanceOf(Date);
    await refused(() => acceptLetter(handler, { letterId: letter.id, version: 1 }), "CONFLICT");

    await refused(
      () =>
        assignLetter(handler, { letterId: letter.id, version: 1, unitIds: [officeUnit], leadUnitId: disclosureUnit }),
      "INVALID",
    );
    await assignLetter(handler, {
      letterId: letter.id,
      version: 1,
      unitIds: [disclosureUnit, officeUnit],
      leadUnitId: disclosureUnit,
    });
    expect((await getLetter(sectionHandler, letter.id)).steps).toMatchObject({ draft: true, accept: false });
    // The other unit's handler still sees nothing of it.
    await refused(() => getLetter(otherUnitHandler, letter.id), "NOT_FOUND");
    expect((await listLetters(otherUnitHandler)).map((row) => row.id)).not.toContain(letter.id);
    expect((await listLetters(sectionHandler)).map((row) => row.id)).toContain(letter.id);

    // The lead unit answers; a reviewer role alone cannot draft, a handler cannot approve.
    await refused(
      () => saveReply(deputy, { letterId: letter.id, version: 2, body: "经核查，已责成街道清理。" }),
      "FORBIDDEN",
    );
    await saveReply(sectionHandler, {
      letterId: letter.id,
      version: 2,
      body: "您反映的占道经营问题，经区城市管理局核查属实，已于当日清理，并将加强日常巡查。",
    });
    await refused(() => submitReply(otherUnitHandler, { letterId: letter.id, version: 3 }), "NOT_FOUND");
    await submitReply(sectionHandler, { letterId: letter.id, version: 3 });
    await refused(() => reviewReply(handler, { letterId: letter.id, version: 4, decision: "APPROVE" }), "FORBIDDEN");
    await refused(() => reviewReply(deputy, { letterId: letter.id, version: 4, decision: "RETURN" }), "INVALID");
    await reviewReply(deputy, { letterId: letter.id, version: 4, decision: "RETURN", comment: "请写明处理时间。" });
    await saveReply(sectionHandler, {
      letterId: letter.id,
      version: 5,
      body: "您反映的占道经营问题，经区城市管理局核查属实，已于 2026 年 12 月 7 日清理，并将加强日常巡查。",
    });
    await submitReply(sectionHandler, { letterId: letter.id, version: 6 });
    await reviewReply(deputy, { letterId: letter.id, version: 7, decision: "APPROVE" });
    letter = await letterOf(receipt.queryCode);
    expect(letter.state).toBe("ANSWERED");
    expect(letter.answeredAt).toBeInstanceOf(Date);

    // The writer, with code and password, sees the reply and rates it.
    await refused(
      () => getLetterStatus(siteId, { queryCode: receipt.queryCode, password: "ABCDEFGH" }, "198.51.100.200"),
      "INVALID",
    );
    await refused(
      () =>
        getLetterStatus(otherSiteId, { queryCode: receipt.queryCode, password: receipt.password }, "198.51.100.200"),
      "INVALID",
    );
    const status = await getLetterStatus(siteId, { queryCode: receipt.queryCode, password: receipt.password }, null);
    expect(status).toMatchObject({ state: "ANSWERED", canRate: true, canAskRework: true });
    expect(status.replies).toEqual([expect.objectContaining({ round: 1, unitName: "区政府办公室政务公开科" })]);
    expect(status.replies[0]!.body).toContain("12 月 7 日");
    const credentials = { queryCode: receipt.queryCode, password: receipt.password };
    await refused(() => rateLetter(siteId, { ...credentials, password: "ABCDEFGH", rating: "SATISFIED" }), "INVALID");
    await refused(() => rateLetter(siteId, { ...credentials, rating: "SATISFIED", rework: "yes" }), "INVALID");
    expect((await rateLetter(siteId, { ...credentials, rating: "DISSATISFIED", rework: "yes" })).state).toBe(
      "HANDLING",
    );

    // 重办: a second reply, reviewed like the first; 重办 is granted once.
    letter = await letterOf(receipt.queryCode);
    expect(letter).toMatchObject({ state: "HANDLING", reworkCount: 1, rating: "DISSATISFIED" });
    await saveReply(sectionHandler, {
      letterId: letter.id,
      version: letter.version,
      body: "经再次核查，已协调街道在该处设置便民疏导点，并安排专人每日值守。",
    });
    await submitReply(sectionHandler, { letterId: letter.id, version: letter.version + 1 });
    await reviewReply(deputy, { letterId: letter.id, version: letter.version + 2, decision: "APPROVE" });
    await refused(() => rateLetter(siteId, { ...credentials, rating: "DISSATISFIED", rework: "yes" }), "INVALID");
    expect((await rateLetter(siteId, { ...credentials, rating: "BASICALLY_SATISFIED" })).state).toBe("CLOSED");
    await refused(() => rateLetter(siteId, { ...credentials, rating: "SATISFIED" }), "CONFLICT");
    const final = await getLetterStatus(siteId, credentials, null);
    expect(final.replies.map((reply) => reply.round)).toEqual([1, 2]);
    expect(final).toMatchObject({ state: "CLOSED", rating: "BASICALLY_SATISFIED", canRate: false });

    const actions = (
      await getDb().auditEvent.findMany({ where: { subject: `letter:${letter.id}` }, orderBy: { seq: "asc" } })
    ).map((event) => event.action);
    expect(auditsBefore).toBe(1);
    expect(actions).toEqual(
      [
        "interaction.letter.submit",
        "interaction.letter.accept",
        "interaction.letter.assign",
        "interaction.reply.save",
        "interaction.reply.submit",
        "interaction.reply.return",
        "interaction.reply.save",
        "interaction.reply.submit",
        "interaction.reply.approve",
        "interaction.letter.rework",
        "interaction.reply.save",
        "interaction.reply.submit",
        "interaction.reply.approve",
        "interaction.letter.rate",
      ].slice(0, actions.length),
    );
  });

  it("nobody approves a reply they drafted", async () => {
    const both = await makeUser("handler-and-deputy", "INTERACTION_HANDLER", "区政府办公室综合科");
    await getDb().membership.create({
      data: { userId: both.id, orgId: officeUnit, role: "DIRECT_RESPONSIBLE" },
    });
    const self = await actorFor("handler-and-deputy");
    const receipt = await writeLetter(siteId, { type: "consult", title: "咨询办事时间" });
    const letter = await letterOf(receipt.queryCode);
    await acceptLetter(self, { letterId: letter.id, version: 0 });
    await assignLetter(self, { letterId: letter.id, version: 1, unitIds: [officeUnit], leadUnitId: officeUnit });
    await saveReply(self, { letterId: letter.id, version: 2, body: "工作日上午 9:00 至 12:00，下午 13:30 至 17:30。" });
    await submitReply(self, { letterId: letter.id, version: 3 });
    const error = await refused(
      () => reviewReply(self, { letterId: letter.id, version: 4, decision: "APPROVE" }),
      "FORBIDDEN",
    );
    expect(error.message).toContain("本人起草");
    expect((await letterOf(receipt.queryCode)).state).toBe("REVIEWING");
  });
});

describe("guessing passwords", () => {
  it("is limited per address: after the hourly look-ups even the right password waits", async () => {
    const receipt = await writeLetter(siteId);
    const ip = "192.0.2.77";
    for (let i = 0; i < 30; i += 1)
      await refused(
        () => getLetterStatus(siteId, { queryCode: receipt.queryCode, password: "WRONG234" }, ip),
        "INVALID",
      );
    const error = await refused(() => getLetterStatus(siteId, receipt, ip), "INVALID");
    expect(error.message).toMatch(/查询过于频繁/);
    expect((await getLetterStatus(siteId, receipt, "192.0.2.78")).state).toBe("PENDING");
  });
});

describe("attachments", () => {
  it("are served to those who may see the letter, and to nobody else", async () => {
    const png = Uint8Array.from(
      Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        "base64",
      ),
    );
    const receipt = await writeLetter(siteId, {}, undefined, [{ fileName: "现场照片.png", bytes: png }]);
    const letter = await getDb().letter.findUniqueOrThrow({
      where: { queryCode: receipt.queryCode },
      include: { attachments: true },
    });
    const attachmentId = letter.attachments[0]!.id;
    const file = await getLetterAttachment(handler, letter.id, attachmentId);
    expect(file.attachment.fileName).toBe("现场照片.png");
    expect(Buffer.from(file.bytes).equals(Buffer.from(png))).toBe(true);
    for (const outsider of [otherUnitHandler, sectionHandler, editor])
      await refused(() => getLetterAttachment(outsider, letter.id, attachmentId), "NOT_FOUND");
    await refused(() => getLetterAttachment(null, letter.id, attachmentId), "NOT_FOUND");
  });
});

describe("letters not handled here", () => {
  it("不予受理 routes 信访 away with its reason; 重复件 is merged into the original", async () => {
    const original = await writeLetter(siteId);
    const petition = await writeLetter(siteId, { title: "反映征地补偿问题" });
    const repeat = await writeLetter(siteId, { title: "再次反映占道经营" });
    const petitionLetter = await letterOf(petition.queryCode);
    await refused(
      () => rejectLetter(handler, { letterId: petitionLetter.id, version: 0, route: "PETITION", reason: "" }),
      "INVALID",
    );
    await rejectLetter(handler, {
      letterId: petitionLetter.id,
      version: 0,
      route: "PETITION",
      reason: "所反映事项属于信访事项，请向区信访办反映。",
    });
    expect(await letterOf(petition.queryCode)).toMatchObject({ state: "REJECTED", rejectRoute: "PETITION" });
    expect(await getLetterStatus(siteId, petition, null)).toMatchObject({ state: "REJECTED", rejectRoute: "PETITION" });

    const repeatLetter = await letterOf(repeat.queryCode);
    await refused(
      () => mergeLetter(handler, { letterId: repeatLetter.id, version: 0, intoQueryCode: repeat.queryCode }),
      "INVALID",
    );
    await mergeLetter(handler, { letterId: repeatLetter.id, version: 0, intoQueryCode: original.queryCode });
    const merged = await letterOf(repeat.queryCode);
    expect(merged.state).toBe("MERGED");
    expect(merged.mergedIntoId).toBe((await letterOf(original.queryCode)).id);
    await refused(() => acceptLetter(handler, { letterId: merged.id, version: 1 }), "CONFLICT");
  });
});

describe("the culture commission's site", () => {
  it("has its own staff: its handler answers, its 信息主管 approves, the district's see nothing", async () => {
    const [wlwHandler, wlwSupervisor, wlwDeputy] = await Promise.all([
      actorFor("wlw-handler"),
      actorFor("wlw-supervisor"),
      actorFor("wlw-deputy"),
    ]);
    const promotion = await orgId("宣传推广处");
    const receipt = await writeLetter(otherSiteId, { type: "consult", title: "博物馆夜场开放时间" });
    const letter = await letterOf(receipt.queryCode);
    await refused(() => acceptLetter(handler, { letterId: letter.id, version: 0 }), "NOT_FOUND");
    await acceptLetter(wlwHandler, { letterId: letter.id, version: 0 });
    await assignLetter(wlwHandler, { letterId: letter.id, version: 1, unitIds: [promotion], leadUnitId: promotion });
    await saveReply(wlwHandler, {
      letterId: letter.id,
      version: 2,
      body: "夜场开放时间为每周五、周六 18:00 至 21:00。",
    });
    await submitReply(wlwHandler, { letterId: letter.id, version: 3 });
    // The commission's replies are approved by its 信息主管, not its 直接责任人 nor the district's.
    const wrongRole = await refused(
      () => reviewReply(wlwDeputy, { letterId: letter.id, version: 4, decision: "APPROVE" }),
      "FORBIDDEN",
    );
    expect(wrongRole.message).toContain("信息主管");
    await refused(() => reviewReply(deputy, { letterId: letter.id, version: 4, decision: "APPROVE" }), "NOT_FOUND");
    await reviewReply(wlwSupervisor, { letterId: letter.id, version: 4, decision: "APPROVE" });
    expect(await letterOf(receipt.queryCode)).toMatchObject({ state: "ANSWERED" });
    expect((await getLetterStatus(otherSiteId, receipt, null)).replies).toEqual([
      expect.objectContaining({ round: 1, unitName: "宣传推广处" }),
    ]);
  });
});
