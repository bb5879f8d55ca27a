process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { registerRequest, requestCorrection, submitCorrection } from "@/lib/disclosure/intake-steps";
import { archiveRequest, deliverAnswer, draftAnswer } from "@/lib/disclosure/answer-steps";
import { getRequest, listRequests } from "@/lib/disclosure/staff-views";
import { downloadNotice, getRequestStatus } from "@/lib/disclosure/request-status";
import { enterApplication } from "@/lib/disclosure/submit-request";
import { actorFor, fileDb, makeUser, orgId } from "../helpers";
import { refused } from "../support/interaction";
import { approveReview } from "../support/review";
import { apply, requestOf } from "../support/disclosure";

// 依申请公开 from application to the delivered 告知书, and every "must not" on the way: another
// unit's disclosure office and staff without a disclosure role neither see nor touch a request; a
// step in the wrong state or from a replayed form is refused; the 告知书 goes out only after its
// review, and the applicant reads and downloads exactly the approved revision.

let siteId: string;
let district: string;
let culture: string;
let officer: Actor;
let otherOfficer: Actor;
let editor: Actor;
let reviewer: Actor;
let deputy: Actor;

beforeAll(async () => {
  const db = await fileDb();
  siteId = (await db.site.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
  district = await orgId("重庆市沙坪坝区人民政府");
  culture = await orgId("重庆市文化和旅游发展委员会");
  officer = await makeUser("sec-officer", "DISCLOSURE_OFFICER", "重庆市沙坪坝区人民政府");
  otherOfficer = await makeUser("sec-other-officer", "DISCLOSURE_OFFICER", "重庆市文化和旅游发展委员会");
  editor = await actorFor("editor");
  reviewer = await actorFor("reviewer");
  deputy = await actorFor("deputy");
});

describe("依申请公开: apply, 补正, answer 部分公开 with a reviewed 告知书", () => {
  it("runs to delivery and lets only the applicant download the approved 告知书", async () => {
    const now = new Date();
    const receipt = await apply(siteId, district, now);
    const credentials = { trackingCode: receipt.trackingCode, password: receipt.password };
    const request = await requestOf(receipt.trackingCode);

    // Another unit's office, and staff of the unit without a disclosure role, see nothing.
    await refused(() => getRequest(otherOfficer, request.id), "NOT_FOUND");
    await refused(() => getRequest(editor, request.id), "NOT_FOUND");
    await refused(() => registerRequest(otherOfficer, { requestId: request.id, version: 0 }), "NOT_FOUND");
    expect((await listRequests(otherOfficer)).map((row) => row.id)).not.toContain(request.id);
    await refused(() => listRequests(editor), "FORBIDDEN");
    expect((await listRequests(officer)).map((row) => row.id)).toContain(request.id);

    // Wrong state: nothing to deliver yet; no answer before registration.
    await refused(
      () => deliverAnswer(officer, { requestId: request.id, version: 0, method: "网站查询下载" }),
      "CONFLICT",
    );
    await refused(
      () =>
        draftAnswer(officer, {
          requestId: request.id,
          version: 0,
          answerType: "PARTIAL",
          documentNumber: "沙府办依申复〔2026〕1号",
          body: "可以公开的部分见附件。",
        }),
      "CONFLICT",
    );

    await requestCorrection(officer, {
      requestId: request.id,
      version: 0,
      notice: "请明确所需信息涉及的街道和项目名称。",
      workingDays: 10,
    });
    let status = await getRequestStatus(siteId, credentials);
    expect(status.state).toBe("CORRECTION");
    expect(status.correction?.notice).toContain("街道和项目名称");
    // A wrong password opens nothing.
    await refused(() => getRequestStatus(siteId, { ...credentials, password: "AAAAAAAA" }), "INVALID");

    await submitCorrection(siteId, { ...credentials, correctionText: "天星桥街道新桥社区老旧小区改造项目资金安排。" });
    // A replayed correction is refused (the request is no longer waiting for one).
    await refused(
      () =>
        submitCorrection(siteId, { ...credentials, correctionText: "天星桥街道新桥社区老旧小区改造项目资金安排。" }),
      "CONFLICT",
    );

    let saved = await requestOf(receipt.trackingCode);
    const drafted = await draftAnswer(officer, {
      requestId: request.id,
      version: saved.version,
      answerType: "PARTIAL",
      documentNumber: "沙府办依申复〔2026〕1号",
      body: "项目清单及资金总额予以公开。\n其中施工单位的报价明细涉及商业秘密，经征求第三方意见，第三方不同意公开，不予公开。",
    });
    // A replayed draft form is refused.
    await refused(
      () =>
        draftAnswer(officer, {
          requestId: request.id,
          version: saved.version,
          answerType: "PUBLIC",
          documentNumber: "沙府办依申复〔2026〕1号",
          body: "申请的信息全部予以公开，请在网站下载。",
        }),
      "CONFLICT",
    );
    // Not yet reviewed: it does not go out (先审后发).
    await refused(
      () => deliverAnswer(officer, { requestId: request.id, version: drafted.version, method: "网站查询下载" }),
      "CONFLICT",
    );
    const answer = await getDb().disclosureAnswer.findUniqueOrThrow({ where: { requestId: request.id } });
    const instance = await getDb().reviewInstance.findFirstOrThrow({ where: { resourceId: answer.resourceId! } });
    // The drafter cannot approve it: they are barred from every stage (DESIGN invariant 3).
    expect(instance.barredUserIds).toContain(officer.id);
    await approveReview(reviewer, deputy, instance.id, instance.contentHash);
    // Approved, never placed on a site.
    expect(await getDb().placement.count({ where: { resourceId: answer.resourceId! } })).toBe(0);

    await deliverAnswer(officer, { requestId: request.id, version: drafted.version, method: "网站查询下载" });
    saved = await requestOf(receipt.trackingCode);
    expect(saved).toMatchObject({ state: "DELIVERED", answerType: "PARTIAL" });
    expect(saved.concludedAt).not.toBeNull();

    status = await getRequestStatus(siteId, credentials);
    expect(status.answerType).toBe("部分公开");
    expect(status.notice?.html).toContain("施工单位的报价明细涉及商业秘密");
    expect(status.notice?.html).toContain("60日内依法申请行政复议");
    expect(status.notice?.contentHash).toBe(instance.contentHash);
    const file = await downloadNotice(siteId, credentials);
    expect(file?.fileName).toContain("沙府办依申复〔2026〕1号");
    expect(file!.bytes.subarray(0, 2).toString()).toBe("PK");
    await refused(() => downloadNotice(siteId, { ...credentials, password: "BBBBBBBB" }), "INVALID");

    await archiveRequest(officer, { requestId: request.id, version: saved.version });
    await refused(() => archiveRequest(officer, { requestId: request.id, version: saved.version }), "CONFLICT");
    const audit = await getDb().auditEvent.findMany({ where: { subject: `disclosure:${request.id}` } });
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining([
        "disclosure.submitted",
        "disclosure.correction_requested",
        "disclosure.corrected",
        "disclosure.answer_submitted",
        "disclosure.delivered",
        "disclosure.archived",
      ]),
    );

    // The same applicant asking again for the same information: marked as a duplicate.
    const again = await apply(siteId, district, new Date());
    expect(again.duplicateOf).toBe(receipt.trackingCode);
  });

  it("takes a fax on the day both sides confirmed it, and refuses staff of another unit", async () => {
    const form = {
      unitId: district,
      receiptChannel: "FAX",
      arrivedAt: "2026-12-01 16:30",
      applicantType: "BUSINESS",
      applicantName: "重庆山城建设工程有限公司",
      idDocumentKind: "统一社会信用代码证（营业执照）",
      idNumber: "91500106MA5U123456",
      legalRepresentative: "陈建",
      phone: "023-65123456",
      infoTitle: "天星桥片区道路改造工程招标文件",
      infoDescription: "申请公开天星桥片区道路改造工程的招标文件及中标公示。",
      mediumWanted: "纸质文本",
      deliveryWanted: "当面领取",
    };
    // A fax without the confirmation date has no receipt date yet.
    await refused(() => enterApplication(officer, form), "INVALID");
    await refused(() => enterApplication(otherOfficer, { ...form, confirmedAt: "2026-12-02 09:10" }), "FORBIDDEN");
    const entered = await enterApplication(officer, { ...form, confirmedAt: "2026-12-02 09:10" });
    const saved = await requestOf(entered.trackingCode);
    expect(saved).toMatchObject({ receiptChannel: "FAX", applicantType: "BUSINESS", enteredById: officer.id });
    expect(saved.receivedAt).toEqual(new Date("2026-12-02T09:10:00+08:00"));
    expect(culture).not.toBe(district);
  });
});
