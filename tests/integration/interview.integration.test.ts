process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { DomainError, type ErrorCode } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { signOff } from "@/lib/review/instances";
import { isPublicAsset } from "@/lib/library/assets";
import { createInterview, editInterview } from "@/lib/interaction/interview/save-interview";
import { closeInterview, startInterview } from "@/lib/interaction/interview/change-status";
import { submitQuestion } from "@/lib/interaction/interview/submit-question";
import { moderateQuestion } from "@/lib/interaction/interview/moderate-question";
import { postAnswer } from "@/lib/interaction/interview/post-answer";
import { readPostsAfter } from "@/lib/interaction/interview/feed";
import { openInterviewStream } from "@/lib/interaction/interview/live-stream";
import { getEnv } from "@/lib/env";
import { retractPost } from "@/lib/interaction/interview/retract-post";
import { getInterview, listInterviews } from "@/lib/interaction/interview/list-interviews";
import {
  getPublicInterview,
  interviewHomeEntries,
  listPublicInterviews,
} from "@/lib/interaction/interview/public-interviews";
import { submitTranscript } from "@/lib/interaction/interview/submit-transcript";
import { countInterviews, getInterviewStatistics } from "@/lib/interaction/interview/statistics";
import { actorsFor, fileDb, makeUser } from "./helpers";
import { solvedCaptcha } from "./support/interaction";

// 在线访谈 on the real database: an interview is announced with a guest's photo, visitors ask
// (captcha, honeypot, closed interview refused), nothing shows before moderation and what shows
// is de-identified, answers are posted live and read back after a given post id, the 文字实录
// passes the unit's review, and the year's counts follow. Refusals: a role without the permission,
// a handler of another site's unit, a stale form, a question to another site's interview.

const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
let siteId: string;
let otherSiteId: string;
let handler: Actor;
let siteadmin: Actor;
let editor: Actor;
let reviewer: Actor;
let deputy: Actor;
let otherHandler: Actor;
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

const ask = async (interviewId: string, content: string, change: Record<string, string> = {}, site = siteId) =>
  submitQuestion(
    site,
    interviewId,
    { nickname: "山城小王", content, captcha: await solvedCaptcha(), ...change },
    { ip: `203.0.113.${++address % 250}` },
  );

const FORM = {
  topic: "2027 年城乡居民医保参保缴费政策解读",
  summary: "区医疗保障局负责人介绍 2027 年度城乡居民医保参保缴费政策，并回答网友关心的问题。",
  startsAt: "2026-12-10 09:30",
  endsAt: "2026-12-10 11:00",
};

async function announce(topic = FORM.topic) {
  return createInterview(handler, {
    siteId,
    ...FORM,
    topic,
    guests: [
      { name: "张明", title: "局长", unit: "区医疗保障局" },
      { name: "李华", title: "科长", unit: "区医疗保障局待遇保障科" },
    ],
  });
}

beforeAll(async () => {
  const db = await fileDb();
  const sites = await db.site.findMany({ orderBy: { position: "asc" } });
  siteId = sites[0]!.id;
  otherSiteId = sites.find((site) => site.name.includes("文化和旅游"))!.id;
  [handler, siteadmin, editor, reviewer, deputy] = await actorsFor(
    "handler",
    "siteadmin",
    "editor",
    "reviewer",
    "deputy",
  );
  otherHandler = await makeUser("culture-interviewer", "INTERACTION_HANDLER", "重庆市文化和旅游发展委员会");
});

describe("访谈预告", () => {
  it("announces an interview with a guest photo from the asset store, audited, and shows it on the site", async () => {
    const photo = await sharp({ create: { width: 60, height: 80, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const interview = await createInterview(
      siteadmin,
      { siteId, ...FORM, guests: [{ name: "张明", title: "局长", unit: "区医疗保障局" }] },
      [{ fileName: "zhangming.png", bytes: new Uint8Array(photo) }],
    );
    const guest = await getDb().interviewGuest.findFirstOrThrow({ where: { interviewId: interview.id } });
    expect(guest.photoAssetId).toBeTruthy();
    expect(await isPublicAsset(guest.photoAssetId!)).toBe(true);
    const shown = await getPublicInterview(siteId, interview.id);
    expect(shown).toMatchObject({ topic: FORM.topic, status: "ANNOUNCED" });
    expect(shown.guests[0]!.photo).toBe(`/api/assets/${guest.photoAssetId}`);
    expect((await listPublicInterviews(siteId)).upcoming.map((row) => row.id)).toContain(interview.id);
    expect(await interviewHomeEntries(siteId)).toEqual([
      { name: `访谈预告：${FORM.topic}`, href: `/interaction/interviews/${interview.id}` },
      { name: "在线访谈", href: "/interaction/interviews" },
    ]);
    expect(await interviewHomeEntries(otherSiteId)).toEqual([{ name: "在线访谈", href: "/interaction/interviews" }]);
    expect(await getDb().auditEvent.count({ where: { subject: `interview:${interview.id}` } })).toBe(1);
    // Another site does not show it.
    await refused(() => getPublicInterview(otherSiteId, interview.id), "NOT_FOUND");
  });

  it("refuses a role without the permission, another site's unit, bad input and a stale edit", async () => {
    const input = { siteId, ...FORM, guests: [{ name: "张明", title: "局长", unit: "区医疗保障局" }] };
    await refused(() => createInterview(editor, input), "FORBIDDEN");
    await refused(() => createInterview(otherHandler, input), "FORBIDDEN");
    await refused(() => createInterview(null, input), "UNAUTHENTICATED");
    const before = await getDb().interview.count();
    const bad = await refused(() => createInterview(handler, { ...input, endsAt: "2026-12-10 08:00" }), "INVALID");
    expect(bad.fieldErrors.endsAt).toEqual(["结束时间应晚于访谈时间"]);
    const noGuest = await refused(() => createInterview(handler, { ...input, guests: [] }), "INVALID");
    expect(noGuest.message).toBe("请至少填写一位访谈嘉宾");
    await refused(() => createInterview(handler, { ...input, startsAt: "2026-02-30 09:00" }), "INVALID");
    expect(await getDb().interview.count()).toBe(before);

    const interview = await announce();
    await refused(() => getInterview(otherHandler, interview.id), "NOT_FOUND");
    expect((await listInterviews(otherHandler)).map((row) => row.id)).not.toContain(interview.id);
    await editInterview(handler, { interviewId: interview.id, version: 0, ...input, topic: "医保参保缴费" });
    await refused(
      () => editInterview(handler, { interviewId: interview.id, version: 0, ...input, topic: "重放" }),
      "CONFLICT",
    );
    expect((await getDb().interview.findUniqueOrThrow({ where: { id: interview.id } })).topic).toBe("医保参保缴费");
  });
});

describe("questions, moderation and the live record", () => {
  it("shows a question only once approved, de-identified, and answers follow in order after any id", async () => {
    const interview = await announce();
    await ask(interview.id, "灵活就业人员怎么参保？我的电话 13912345678，请回电。");
    const rejected = await ask(interview.id, "与访谈无关的广告内容，请忽略。");
    // Unmoderated questions are not public.
    expect((await getPublicInterview(siteId, interview.id)).posts).toEqual([]);
    expect(await readPostsAfter(getDb(), interview.id, 0n)).toEqual([]);

    const queue = await getInterview(handler, interview.id);
    expect(queue.pending).toHaveLength(2);
    const pending = queue.pending.find((question) => question.content.startsWith("灵活就业"))!;
    expect(pending.suggestion).not.toContain("13912345678");
    await refused(
      () =>
        moderateQuestion(editor, { questionId: pending.id, decision: "APPROVE", publicContent: pending.suggestion }),
      "NOT_FOUND",
    );
    await refused(
      () =>
        moderateQuestion(otherHandler, {
          questionId: pending.id,
          decision: "APPROVE",
          publicContent: pending.suggestion,
        }),
      "NOT_FOUND",
    );
    await moderateQuestion(handler, {
      questionId: pending.id,
      decision: "APPROVE",
      publicContent: pending.suggestion,
      publicNickname: "山城小王",
    });
    await refused(() => moderateQuestion(handler, { questionId: pending.id, decision: "REJECT" }), "CONFLICT");
    await moderateQuestion(handler, { questionId: rejected.questionId, decision: "REJECT" });

    // Answers are refused until the interview is live.
    const guests = await getDb().interviewGuest.findMany({
      where: { interviewId: interview.id },
      orderBy: { position: "asc" },
    });
    const answer = {
      interviewId: interview.id,
      guestId: guests[0]!.id,
      questionId: pending.id,
      body: "可在户籍地参保。",
    };
    await refused(() => postAnswer(handler, answer), "CONFLICT");
    await startInterview(handler, { interviewId: interview.id, version: 0 });
    await refused(() => startInterview(handler, { interviewId: interview.id, version: 1 }), "CONFLICT");
    await refused(() => postAnswer(editor, answer), "NOT_FOUND");
    await refused(() => postAnswer(handler, { ...answer, questionId: rejected.questionId }), "INVALID");
    const { postId: first } = await postAnswer(handler, { ...answer, questionId: "", body: "各位网友大家好。" });
    const { postId: second } = await postAnswer(handler, answer);
    const purges = await getDb().portalPurge.findMany({ orderBy: { id: "desc" }, take: 1 });
    expect(purges[0]!.tags).toEqual([`interview:${interview.id}`, `interviews:${siteId}`]);

    const all = await readPostsAfter(getDb(), interview.id, 0n);
    expect(all.map((post) => post.kind)).toEqual(["QUESTION", "ANSWER", "ANSWER"]);
    expect(all[0]).toMatchObject({ nickname: "山城小王", questionId: pending.id });
    expect(all[0]!.body).not.toContain("13912345678");
    expect(all.map((post) => post.body).join()).not.toContain("广告");
    expect(all[2]).toMatchObject({ guest: { name: "张明", title: "局长" }, body: "可在户籍地参保。" });
    // After a given id: exactly the later posts, in order.
    expect((await readPostsAfter(getDb(), interview.id, first)).map((post) => post.id)).toEqual([String(second)]);
    expect(await readPostsAfter(getDb(), interview.id, second)).toEqual([]);
    // The private original is unchanged.
    expect((await getDb().interviewQuestion.findUniqueOrThrow({ where: { id: pending.id } })).content).toContain(
      "13912345678",
    );
  });

  it("refuses the honeypot, a used captcha, another site's interview and a closed interview", async () => {
    const interview = await announce();
    const count = () => getDb().interviewQuestion.count({ where: { interviewId: interview.id } });
    await refused(() => ask(interview.id, "请问医保卡如何激活？", { website: "http://spam.example" }), "INVALID");
    const captcha = await solvedCaptcha();
    await ask(interview.id, "请问医保卡如何激活？", { captcha });
    await refused(() => ask(interview.id, "请问医保卡如何激活？", { captcha }), "INVALID");
    await refused(() => ask(interview.id, "请问医保卡如何激活？", {}, otherSiteId), "NOT_FOUND");
    await refused(() => ask("not-a-uuid", "请问医保卡如何激活？"), "NOT_FOUND");
    await refused(() => ask(interview.id, "短"), "INVALID");
    expect(await count()).toBe(1);

    await closeInterview(handler, { interviewId: interview.id, version: 0 });
    await refused(() => ask(interview.id, "结束后还能提问吗？"), "CONFLICT");
    expect(await count()).toBe(1);
    // The question nobody moderated is closed with it and never shown.
    expect((await getDb().interviewQuestion.findFirstOrThrow({ where: { interviewId: interview.id } })).status).toBe(
      "REJECTED",
    );
  });
});

/** Reads server-sent events from `stream` until `done` says the text so far is enough. */
async function readUntil(stream: ReadableStream<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return text;
}

describe("server-sent events", () => {
  it("resumes after Last-Event-ID and delivers a post written while the page is open, then the close", async () => {
    const interview = await announce("直播推送测试");
    await startInterview(handler, { interviewId: interview.id, version: 0 });
    const guest = await getDb().interviewGuest.findFirstOrThrow({ where: { interviewId: interview.id, position: 0 } });
    const say = (body: string) => postAnswer(handler, { interviewId: interview.id, guestId: guest.id, body });
    const { postId: first } = await say("第一条答复");
    const { postId: second } = await say("第二条答复");

    const abort = new AbortController();
    const opened = await openInterviewStream(siteId, interview.id, String(first), abort.signal, "203.0.113.7");
    if (!opened.ok) throw new Error(opened.message);
    const stream = opened.stream;
    const caughtUp = await readUntil(stream, (text) => text.includes("第二条答复"));
    expect(caughtUp).toMatch(/^retry: \d+\n/);
    expect(caughtUp).not.toContain("第一条答复");
    expect(caughtUp).toContain(`id: ${second}\nevent: post\ndata: `);

    const { postId: third } = await say("直播中新发布的答复");
    const live = await readUntil(stream, (text) => text.includes("直播中新发布的答复"));
    expect(live).toContain(`id: ${third}\nevent: post`);
    const payload = JSON.parse(/data: (.*)\n/.exec(live.slice(live.indexOf(`id: ${third}`)))![1]!);
    expect(payload).toMatchObject({ kind: "ANSWER", body: "直播中新发布的答复", guest: { name: "张明" } });

    // Taken off the record: open pages are told to drop it, later reads leave it out.
    await refused(
      () => retractPost(editor, { interviewId: interview.id, postId: String(third), reason: "答复有误" }),
      "NOT_FOUND",
    );
    await refused(
      () => retractPost(handler, { interviewId: interview.id, postId: String(third), reason: "" }),
      "INVALID",
    );
    await refused(
      () => retractPost(handler, { interviewId: interview.id, postId: "999999", reason: "答复有误" }),
      "NOT_FOUND",
    );
    const { retractionId } = await retractPost(handler, {
      interviewId: interview.id,
      postId: String(third),
      reason: "答复有误",
    });
    await refused(
      () => retractPost(handler, { interviewId: interview.id, postId: String(third), reason: "答复有误" }),
      "CONFLICT",
    );
    const retracted = await readUntil(stream, (text) => text.includes(`id: ${retractionId}`));
    expect(retracted).toContain(`id: ${retractionId}\nevent: retract\ndata: `);
    expect(retracted).toContain(`"retracts":"${third}"`);
    expect((await getPublicInterview(siteId, interview.id)).posts.map((post) => post.id)).toEqual([
      String(first),
      String(second),
    ]);
    expect((await readPostsAfter(getDb(), interview.id, second)).map((post) => post.kind)).toEqual(["RETRACTION"]);

    await closeInterview(handler, { interviewId: interview.id, version: 1 });
    const closing = await readUntil(stream, (text) => text.includes('"CLOSED"'));
    expect(closing).toContain("event: status");
    abort.abort();

    // Another site's interview, or no interview, has no stream.
    await refused(
      () => openInterviewStream(otherSiteId, interview.id, null, new AbortController().signal, "203.0.113.7"),
      "NOT_FOUND",
    );
    await refused(
      () => openInterviewStream(siteId, "x", null, new AbortController().signal, "203.0.113.7"),
      "NOT_FOUND",
    );
  });

  it("holds at most INTERVIEW_STREAMS_PER_ADDRESS streams per address, and frees a place when one closes", async () => {
    const interview = await announce("直播连接上限测试");
    await startInterview(handler, { interviewId: interview.id, version: 0 });
    const perAddress = getEnv().INTERVIEW_STREAMS_PER_ADDRESS;
    const open = (address: string, abort = new AbortController()) =>
      openInterviewStream(siteId, interview.id, null, abort.signal, address).then((opened) => ({ opened, abort }));
    const held = [];
    for (let index = 0; index < perAddress; index += 1) held.push(await open("198.51.100.9"));
    expect(held.every(({ opened }) => opened.ok)).toBe(true);
    const over = await open("198.51.100.9");
    expect(over.opened).toMatchObject({ ok: false, status: 429, retryAfterSeconds: 30 });
    expect(over.opened.ok ? "" : over.opened.message).toContain("连接过多");
    // Another visitor is not held back by this one.
    const other = await open("198.51.100.10");
    expect(other.opened.ok).toBe(true);
    other.abort.abort();
    // A closed page gives its place back.
    held[0]!.abort.abort();
    const again = await open("198.51.100.9");
    expect(again.opened.ok).toBe(true);
    for (const { abort } of [...held, again]) abort.abort();
  });
});

describe("文字实录 and the counts", () => {
  it("submits the edited transcript through the unit's review and publishes it; the year's counts follow", async () => {
    const year = 2026;
    const before = await countInterviews(getDb(), siteId, year);
    const interview = await announce("优化营商环境在线访谈");
    const { questionId } = await ask(interview.id, "个体工商户登记需要多长时间？");
    await ask(interview.id, "未审核的提问");
    await moderateQuestion(handler, {
      questionId,
      decision: "APPROVE",
      publicContent: "个体工商户登记需要多长时间？",
      publicNickname: "山城小王",
    });
    await startInterview(handler, { interviewId: interview.id, version: 0 });
    const guest = await getDb().interviewGuest.findFirstOrThrow({ where: { interviewId: interview.id, position: 0 } });
    await postAnswer(handler, {
      interviewId: interview.id,
      guestId: guest.id,
      questionId,
      body: "材料齐全的当场办结。",
    });
    await refused(
      () =>
        submitTranscript(handler, {
          interviewId: interview.id,
          version: 1,
          title: "实录",
          body: "正文内容不少于十个字。",
        }),
      "CONFLICT",
    );
    await closeInterview(handler, { interviewId: interview.id, version: 1 });
    await refused(
      () => postAnswer(handler, { interviewId: interview.id, guestId: guest.id, body: "晚了" }),
      "CONFLICT",
    );

    const view = await getInterview(handler, interview.id);
    expect(view.transcript!.body).toContain("网友“山城小王”：个体工商户登记需要多长时间？");
    expect(view.transcript!.body).toContain("张明：材料齐全的当场办结。");
    expect(view.transcript!.body).not.toContain("未审核的提问");
    const body = `${view.transcript!.body}\n（本实录经整理，略有删节。）`;
    await refused(
      () => submitTranscript(editor, { interviewId: interview.id, version: 2, title: view.transcript!.title, body }),
      "NOT_FOUND",
    );
    const submitted = await submitTranscript(handler, {
      interviewId: interview.id,
      version: 2,
      title: view.transcript!.title,
      body,
    });
    await refused(
      () => submitTranscript(handler, { interviewId: interview.id, version: 3, title: "再次提交", body }),
      "CONFLICT",
    );
    const resource = await getDb().resource.findUniqueOrThrow({ where: { id: submitted.resourceId } });
    expect(resource).toMatchObject({ kind: "INTERVIEW_TRANSCRIPT", state: "IN_REVIEW" });
    // Not public before review.
    expect((await getPublicInterview(siteId, interview.id)).transcriptHref).toBeNull();

    const revision = await getDb().revision.findFirstOrThrow({ where: { resourceId: resource.id } });
    expect(revision.bodyHtml).toContain("本实录经整理");
    for (const check of CHECKS)
      await signOff(reviewer, {
        instanceId: submitted.reviewInstanceId,
        stagePosition: 0,
        check,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      });
    await signOff(deputy, {
      instanceId: submitted.reviewInstanceId,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
    expect((await getPublicInterview(siteId, interview.id)).transcriptHref).toBe(`/content/${resource.id}`);
    expect((await getInterview(handler, interview.id)).transcript!.state).toBe("PUBLISHED");

    const after = await countInterviews(getDb(), siteId, year);
    expect(after.sessions - before.sessions).toBe(1);
    expect(after.questions - before.questions).toBe(2);
    expect(after.answered - before.answered).toBe(1);
    expect(await countInterviews(getDb(), siteId, 2025)).toEqual({ sessions: 0, questions: 0, answered: 0 });
    const statistics = await getInterviewStatistics(siteadmin, { year: "2026" });
    expect(statistics.rows.find((row) => row.siteId === siteId)).toMatchObject(after);
    expect(statistics.rows.map((row) => row.siteId)).not.toContain(otherSiteId);
    await refused(() => getInterviewStatistics(editor, {}), "FORBIDDEN");
    await refused(() => getInterviewStatistics(siteadmin, { year: "abc" }), "INVALID");
  });
});
