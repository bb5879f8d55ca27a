process.env.SMS_SENDER = "dev-log";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { DomainError, type ErrorCode } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { createConsultation } from "@/lib/interaction/consult/create-consultation";
import { publishConsultation } from "@/lib/interaction/consult/publish-consultation";
import { closeConsultation } from "@/lib/interaction/consult/close-consultation";
import { cancelConsultation } from "@/lib/interaction/consult/cancel-consultation";
import { submitResponse } from "@/lib/interaction/consult/submit-response";
import { submitComment } from "@/lib/interaction/consult/submit-comment";
import { moderateComment } from "@/lib/interaction/consult/moderate-comment";
import { draftFeedback } from "@/lib/interaction/consult/draft-feedback";
import { getQuotaOverview, setConsultationQuota } from "@/lib/interaction/consult/quota";
import { getPublicConsultation, listPublicConsultations } from "@/lib/interaction/consult/public-consultations";
import { getConsultationForStaff } from "@/lib/interaction/consult/admin-consultations";
import { sendPhoneCode } from "@/lib/interaction/consult/phone-code";
import { DevLogSmsSender, getSmsSender } from "@/lib/interaction/consult/sms";
import { issueFormToken } from "@/lib/interaction/consult/tokens";
import { renderResultChart } from "@/lib/interaction/consult/charts";
import { actorsFor, fileDb, makeUser } from "./helpers";
import { approveReview, columnId, submitted } from "./support/review";

// 征集调查 on the real database: a site administrator opens a consultation on a published draft and
// a survey; visitors answer once each (a second answer, a replayed form, an answer outside the
// open time are refused and change nothing); comments are shown only moderated and de-identified;
// after closing, the 征集结果反馈 carries the tallies through the unit's review, and only its
// publication moves the site's yearly count. Wrong roles and other sites' staff are refused.

let siteId: string;
let zmhd: string;
let siteAdmin: Actor;
let editor: Actor;
let reviewer: Actor;
let deputy: Actor;
let supervisor: Actor;
let cultureAdmin: Actor;
let draftResourceId: string;
let address = 0;

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

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

function surveyInput(change: Record<string, unknown> = {}) {
  return {
    siteId,
    columnId: zmhd,
    kind: "SURVEY",
    title: "沙坪坝区政务服务满意度调查",
    intro: "为了解群众对区政务服务中心的评价，现开展本次问卷调查，结果将用于改进窗口服务。",
    opensAt: hours(-1),
    closesAt: hours(24 * 7),
    questions: [
      { prompt: "您办理业务的主要方式", kind: "SINGLE", options: "窗口办理\n网上办理\n自助终端", required: "on" },
      { prompt: "您希望增加哪些服务", kind: "MULTIPLE", options: "延时服务\n预约服务\n帮办代办", required: "on" },
      { prompt: "总体满意度", kind: "RATING", ratingMax: "5", required: "on" },
      { prompt: "其他意见建议", kind: "TEXT" },
    ],
    ...change,
  };
}

async function created(input: Record<string, unknown>) {
  const consultation = await createConsultation(siteAdmin, input);
  await publishConsultation(siteAdmin, { consultationId: consultation.id, version: 0 });
  return getDb().consultation.findUniqueOrThrow({ where: { id: consultation.id }, include: { questions: true } });
}

type Loaded = Awaited<ReturnType<typeof created>>;

function answerForm(
  consultation: Loaded,
  picks: { single: string; multiple: string[]; rating: string; text?: string },
) {
  const q = (position: number) => `q.${consultation.questions.find((question) => question.position === position)!.id}`;
  return {
    token: [issueFormToken(consultation.id)],
    [q(0)]: [picks.single],
    [q(1)]: picks.multiple,
    [q(2)]: [picks.rating],
    [q(3)]: picks.text ? [picks.text] : [],
  };
}

const visitor = () => ({ ip: `203.0.113.${++address % 250}` });
const responsesOf = (consultationId: string) => getDb().consultationResponse.count({ where: { consultationId } });

beforeAll(async () => {
  const db = await fileDb();
  siteId = (await db.site.findMany({ orderBy: { position: "asc" } }))[0]!.id;
  zmhd = await columnId("zmhd");
  [siteAdmin, editor, reviewer, deputy, supervisor] = await actorsFor(
    "siteadmin",
    "editor",
    "reviewer",
    "deputy",
    "supervisor",
  );
  cultureAdmin = await makeUser("culture-site-admin", "SITE_ADMIN", "重庆市文化和旅游发展委员会");
  const draft = await submitted(
    editor,
    "《沙坪坝区老旧小区改造实施办法（征求意见稿）》",
    "第一条 为推进老旧小区改造，制定本办法。",
  );
  await approveReview(reviewer, deputy, draft.instance.id, draft.revision.contentHash);
  draftResourceId = draft.resource.id;
});

describe("creating and publishing", () => {
  it("refuses the wrong role, another site's administrator and bad input, changing nothing", async () => {
    const before = await getDb().consultation.count();
    await refused(() => createConsultation(editor, surveyInput()), "NOT_FOUND");
    await refused(() => createConsultation(supervisor, surveyInput()), "FORBIDDEN");
    await refused(() => createConsultation(cultureAdmin, surveyInput()), "NOT_FOUND");
    await refused(() => createConsultation(siteAdmin, surveyInput({ closesAt: hours(-2) })), "INVALID");
    await refused(() => createConsultation(siteAdmin, surveyInput({ questions: [] })), "INVALID");
    await refused(
      () =>
        createConsultation(
          siteAdmin,
          surveyInput({ questions: [{ prompt: "只有一个选项", kind: "SINGLE", options: "是" }] }),
        ),
      "INVALID",
    );
    const unpublished = await getDb().resource.create({
      data: { kind: "POLICY", ownerOrgId: siteAdmin.memberships[0]!.orgId, createdById: editor.id, title: "未发布" },
    });
    await refused(
      () =>
        createConsultation(siteAdmin, surveyInput({ kind: "DRAFT", draftResourceId: unpublished.id, questions: [] })),
      "INVALID",
    );
    expect(await getDb().consultation.count()).toBe(before);
  });

  it("is not public until published, and only its site's staff may publish it", async () => {
    const draft = await createConsultation(siteAdmin, surveyInput({ title: "尚未发布的调查问卷" }));
    expect(await getPublicConsultation(siteId, draft.id)).toBeNull();
    await refused(
      () => submitResponse(draft.id, { token: [issueFormToken(draft.id)] }, undefined, visitor()),
      "NOT_FOUND",
    );
    await refused(() => publishConsultation(cultureAdmin, { consultationId: draft.id, version: 0 }), "NOT_FOUND");
    await refused(() => publishConsultation(supervisor, { consultationId: draft.id, version: 0 }), "FORBIDDEN");
    await refused(() => publishConsultation(siteAdmin, { consultationId: draft.id, version: 7 }), "CONFLICT");
    await cancelConsultation(siteAdmin, { consultationId: draft.id, version: 0, reason: "重复创建" });
    await refused(() => publishConsultation(siteAdmin, { consultationId: draft.id, version: 1 }), "CONFLICT");
    const audit = await getDb().auditEvent.findMany({ where: { subject: `consultation:${draft.id}` } });
    expect(audit.map((event) => event.action)).toEqual([
      "interaction.consultation.create",
      "interaction.consultation.cancel",
    ]);
  });
});

describe("answering", () => {
  it("takes one answer per participant and refuses a second, a replay and bad answers", async () => {
    const survey = await created(surveyInput());
    const form = answerForm(survey, { single: "1", multiple: ["0", "2"], rating: "4", text: "希望延长周末办理时间" });
    const receipt = await submitResponse(survey.id, form, undefined, visitor());
    expect(receipt.cookie?.value).toMatch(/^[\w-]+\.[\w-]+$/);
    // The same form again (replayed request), with or without the cookie.
    await refused(() => submitResponse(survey.id, form, undefined, visitor()), "CONFLICT");
    // A fresh form from the same browser: its cookie says it answered already.
    const again = answerForm(survey, { single: "0", multiple: ["1"], rating: "5" });
    const duplicate = await refused(
      () => submitResponse(survey.id, again, receipt.cookie!.value, visitor()),
      "CONFLICT",
    );
    expect(duplicate.message).toContain("只能提交一次");
    // A forged cookie is a new participant, not a way to pass as another one.
    await refused(() => submitResponse(survey.id, { ...again, token: ["forged"] }, undefined, visitor()), "INVALID");
    await refused(
      () =>
        submitResponse(
          survey.id,
          answerForm(survey, { single: "9", multiple: ["0"], rating: "4" }),
          undefined,
          visitor(),
        ),
      "INVALID",
    );
    await refused(
      () =>
        submitResponse(survey.id, answerForm(survey, { single: "0", multiple: [], rating: "4" }), undefined, visitor()),
      "INVALID",
    );
    await refused(
      () =>
        submitResponse(
          survey.id,
          answerForm(survey, { single: "0", multiple: ["1"], rating: "6" }),
          undefined,
          visitor(),
        ),
      "INVALID",
    );
    expect(await responsesOf(survey.id)).toBe(1);
    const stored = await getDb().consultationResponse.findFirstOrThrow({ where: { consultationId: survey.id } });
    expect(stored.participantKey).toMatch(/^browser:/);
    expect(stored.participantKey).not.toContain(receipt.cookie!.value.split(".")[0]);
  });

  it("refuses answers before opening and after closing", async () => {
    const later = await created(surveyInput({ title: "下月开始的调查问卷", opensAt: hours(48), closesAt: hours(96) }));
    const form = answerForm(later, { single: "0", multiple: ["0"], rating: "3" });
    await refused(() => submitResponse(later.id, form, undefined, visitor()), "CONFLICT");
    await refused(() => closeConsultation(siteAdmin, { consultationId: later.id, version: later.version }), "CONFLICT");
    expect(await responsesOf(later.id)).toBe(0);
  });

  it("holds a phone-verified activity to one answer per number", async () => {
    const survey = await created(surveyInput({ title: "须手机验证的调查问卷", participation: "PHONE" }));
    const sender = getSmsSender() as DevLogSmsSender;
    expect(sender).toBeInstanceOf(DevLogSmsSender);
    const codeFor = async (phone: string) => {
      await sendPhoneCode(survey.id, { phone }, visitor());
      return /验证码为 (\d{6})/.exec(sender.sent.at(-1)!.text)![1]!;
    };
    const picks = { single: "2", multiple: ["1"], rating: "5" };
    await refused(() => submitResponse(survey.id, answerForm(survey, picks), undefined, visitor()), "INVALID");
    const code = await codeFor("13800138000");
    const wrong = code === "000000" ? "111111" : "000000";
    await refused(
      () =>
        submitResponse(
          survey.id,
          { ...answerForm(survey, picks), phone: ["13800138000"], code: [wrong] },
          undefined,
          visitor(),
        ),
      "INVALID",
    );
    const receipt = await submitResponse(
      survey.id,
      { ...answerForm(survey, picks), phone: ["138 0013 8000"], code: [code] },
      undefined,
      visitor(),
    );
    expect(receipt.cookie).toBeNull();
    const second = await codeFor("13800138000");
    await refused(
      () =>
        submitResponse(
          survey.id,
          { ...answerForm(survey, picks), phone: ["13800138000"], code: [second] },
          undefined,
          visitor(),
        ),
      "CONFLICT",
    );
    expect(await responsesOf(survey.id)).toBe(1);
    const stored = await getDb().consultationResponse.findFirstOrThrow({ where: { consultationId: survey.id } });
    expect(JSON.stringify(stored)).not.toContain("13800138000");
    await refused(() => sendPhoneCode(survey.id, { phone: "023-12345678" }, visitor()), "INVALID");
  });
});

describe("comments", () => {
  it("shows a comment only after moderation, de-identified; other staff are refused", async () => {
    const consultation = await created(
      surveyInput({ kind: "DRAFT", title: "老旧小区改造实施办法征求意见", draftResourceId, questions: [] }),
    );
    expect(consultation.questions).toHaveLength(1);
    await submitComment(
      consultation.id,
      {
        token: issueFormToken(consultation.id),
        authorName: "王小明",
        body: "建议加装电梯，我是王小明，电话 13912345678。",
      },
      visitor(),
    );
    const token = issueFormToken(consultation.id);
    await submitComment(
      consultation.id,
      { token, authorName: "李四", body: "同意改造方案，希望尽快实施。" },
      visitor(),
    );
    await refused(
      () =>
        submitComment(consultation.id, { token, authorName: "李四", body: "同意改造方案，希望尽快实施。" }, visitor()),
      "CONFLICT",
    );
    expect((await getPublicConsultation(siteId, consultation.id))!.comments).toEqual([]);
    const [first, second] = await getDb().consultationComment.findMany({
      where: { consultationId: consultation.id },
      orderBy: { createdAt: "asc" },
    });
    await refused(() => moderateComment(cultureAdmin, { commentId: first!.id, decision: "APPROVE" }), "NOT_FOUND");
    await refused(() => moderateComment(supervisor, { commentId: first!.id, decision: "APPROVE" }), "FORBIDDEN");
    await refused(
      () => moderateComment(siteAdmin, { commentId: first!.id, decision: "APPROVE", publicBody: "电话 13912345678" }),
      "CONFLICT",
    );
    await moderateComment(siteAdmin, { commentId: first!.id, decision: "APPROVE" });
    await moderateComment(siteAdmin, { commentId: second!.id, decision: "REJECT", note: "与本次征集无关" });
    await refused(() => moderateComment(siteAdmin, { commentId: second!.id, decision: "APPROVE" }), "CONFLICT");
    const shown = (await getPublicConsultation(siteId, consultation.id))!;
    expect(shown.draft?.bodyHtml).toContain("为推进老旧小区改造");
    expect(shown.comments).toHaveLength(1);
    expect(shown.comments[0]!.author).toBe("王＊＊");
    expect(shown.comments[0]!.body).not.toContain("13912345678");
    expect(shown.comments[0]!.body).not.toContain("王小明");
    expect(shown.comments[0]!.body).toContain("建议加装电梯");
  });
});

describe("results, feedback and the quota", () => {
  it("publishes the tallies through review and only then counts the activity", async () => {
    const survey = await created(surveyInput({ title: "年度政务服务评价调查" }));
    const answers = [
      { single: "0", multiple: ["0", "1"], rating: "5" },
      { single: "0", multiple: ["1"], rating: "4", text: "希望增加夜间服务" },
      { single: "1", multiple: ["1", "2"], rating: "2" },
    ];
    for (const picks of answers) await submitResponse(survey.id, answerForm(survey, picks), undefined, visitor());
    const feedbackInput = {
      consultationId: survey.id,
      summary: "本次调查共收到有效问卷 3 份，群众对延时服务需求较多。",
      adoption: "采纳增加预约服务的建议，自明年起工作日延时至 19 时；帮办代办已在试点，暂不扩大。",
    };
    await refused(() => draftFeedback(siteAdmin, { ...feedbackInput, version: 1 }), "CONFLICT");
    const before = (await getQuotaOverview(siteAdmin)).rows.find((row) => row.siteId === siteId)!;

    await refused(() => closeConsultation(supervisor, { consultationId: survey.id, version: 1 }), "FORBIDDEN");
    await closeConsultation(siteAdmin, { consultationId: survey.id, version: 1 });
    await refused(() => submitResponse(survey.id, answerForm(survey, answers[0]!), undefined, visitor()), "CONFLICT");
    await refused(() => draftFeedback(cultureAdmin, { ...feedbackInput, version: 2 }), "NOT_FOUND");
    expect((await getPublicConsultation(siteId, survey.id))!.phase).toBe("CLOSED");
    expect((await getPublicConsultation(siteId, survey.id))!.results).toBeNull();

    const drafted = await draftFeedback(siteAdmin, { ...feedbackInput, version: 2 });
    await refused(() => draftFeedback(siteAdmin, { ...feedbackInput, version: 3 }), "CONFLICT");
    const revision = await getDb().revision.findFirstOrThrow({ where: { resourceId: drafted.resourceId } });
    expect(revision.bodyHtml).toContain("参与人数：3 人");
    expect(revision.bodyHtml).toContain("窗口办理：2 人（66.7%）");
    expect(revision.bodyHtml).toContain("预约服务：3 人（100.0%）");
    expect(revision.bodyHtml).toContain("平均分：3.67");
    expect(revision.bodyHtml).toContain("采纳增加预约服务的建议");
    expect(revision.bodyHtml).not.toContain("希望增加夜间服务");
    const staff = await getConsultationForStaff(siteAdmin, survey.id);
    expect(staff.phase).toBe("FEEDBACK_REVIEW");
    expect(staff.textAnswers[0]!.answers.map((answer) => answer.text)).toEqual(["希望增加夜间服务"]);
    expect((await getQuotaOverview(siteAdmin)).rows.find((row) => row.siteId === siteId)!.done).toBe(before.done);

    await approveReview(reviewer, deputy, drafted.reviewInstanceId, revision.contentHash);
    const shown = (await getPublicConsultation(siteId, survey.id))!;
    expect(shown.phase).toBe("DONE");
    expect(shown.feedbackHref).toBe(`/content/${drafted.resourceId}`);
    expect(shown.results!.participants).toBe(3);
    const chart = renderResultChart(shown.results!.questions[0]!);
    expect(chart).toMatch(/^<svg[\s\S]*窗口办理[\s\S]*<\/svg>$/);
    expect(renderResultChart(shown.results!.questions[3]!)).toBeNull();
    expect((await listPublicConsultations(siteId, { columnId: zmhd })).map((row) => row.id)).toContain(survey.id);
    const after = (await getQuotaOverview(siteAdmin)).rows.find((row) => row.siteId === siteId)!;
    expect(after.done).toBe(before.done + 1);
    await refused(
      () => cancelConsultation(siteAdmin, { consultationId: survey.id, version: 3, reason: "不再需要" }),
      "CONFLICT",
    );
  });

  it("lets the supervising unit set a site's quota and warns in the fourth quarter", async () => {
    const culture = await getDb().site.findFirstOrThrow({ where: { name: "重庆市文化和旅游发展委员会" } });
    expect(culture.consultationQuota).toBe(3);
    await refused(() => setConsultationQuota(siteAdmin, { siteId: culture.id, quota: 3 }), "NOT_FOUND");
    await refused(() => setConsultationQuota(cultureAdmin, { siteId: culture.id, quota: 3 }), "FORBIDDEN");
    await refused(() => setConsultationQuota(supervisor, { siteId: culture.id, quota: -1 }), "INVALID");
    await setConsultationQuota(supervisor, { siteId: culture.id, quota: 4 });
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "interaction.consultation.quota", subject: `site:${culture.id}` },
    });
    expect(audit.data).toMatchObject({ quota: { before: 3, after: 4 } });
    const november = new Date("2026-11-20T02:00:00Z");
    const overview = await getQuotaOverview(supervisor, november);
    expect(overview.rows.map((row) => row.siteName)).toEqual(expect.arrayContaining([culture.name]));
    const row = overview.rows.find((entry) => entry.siteId === culture.id)!;
    expect(row).toMatchObject({ quota: 4, done: 0, missing: 4, warning: true, canSet: true });
    const june = await getQuotaOverview(supervisor, new Date("2026-06-20T02:00:00Z"));
    expect(june.rows.find((entry) => entry.siteId === culture.id)!.warning).toBe(false);
    expect((await getQuotaOverview(cultureAdmin)).rows.map((entry) => entry.siteId)).toEqual([culture.id]);
    await refused(() => getQuotaOverview(editor), "FORBIDDEN");
  });
});
