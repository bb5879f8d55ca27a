import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import type { DomainError } from "@/lib/errors";
import { findSiteByHost } from "@/lib/sites/portal";
import { reindexPostgres } from "@/lib/search/service";
import { answerQuestion } from "@/lib/interaction/ask/answer-question";
import { recordAnswerFeedback } from "@/lib/interaction/ask/feedback";
import {
  dismissAskedQuestion,
  draftFromAskedQuestion,
  letterFromAskedQuestion,
  listAskedQuestions,
} from "@/lib/interaction/ask/curation";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { submitForReview } from "@/lib/review/instances";
import { actorFor, fileDb, makeUser, orgId } from "./helpers";
import { approveReview, columnId, SECTION } from "./support/review";

// 智能问答 on the real database: answers from the seeded district site's published content
// through the PostgreSQL index, the curation list fed by unanswered questions and 否, the
// curation steps and their refusals, and the optional LLM phrasing against a local fake endpoint
// (cited answers kept, uncited ones dropped). Who may ask how often: security/qa-api-access.

let siteId: string;
let otherSiteId: string;
let officer: Actor;
let handler: Actor;
const baseUrl = "http://localhost";
const ask = (q: unknown, site = siteId) => answerQuestion({ q }, { siteId: site, baseUrl, llm: null });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: DomainError) => ({ code: error.code, message: error.message }),
  );

beforeAll(async () => {
  const db = await fileDb();
  await reindexPostgres();
  siteId = (await findSiteByHost("localhost"))!.id;
  otherSiteId = (await db.site.findFirstOrThrow({ where: { id: { not: siteId } } })).id;
  [officer, handler] = await Promise.all([actorFor("officer"), actorFor("handler")]);
});

describe("answers", () => {
  it("answers 社保卡丢了怎么补办 with the service entry and its source URL", async () => {
    const result = await ask("社保卡丢了怎么补办？");
    expect(result.answers[0]).toMatchObject({
      kind: "SERVICE",
      question: "社会保障卡补办（挂失补换）",
      sourceUrl: "https://zwykb.cq.gov.cn/grbs/sbk/",
      policyLinks: [],
    });
    expect(result.answers[0]!.score).toBeGreaterThan(0);
    expect(result.phrased).toBeNull();
    expect(await getDb().askedQuestion.count({ where: { key: "社保卡丢失补办" } })).toBe(0);
  });

  it("answers a policy question from the policy with its page on the site", async () => {
    const result = await ask("政务新媒体怎么管理");
    expect(result.answers[0]).toMatchObject({ kind: "POLICY" });
    expect(result.answers[0]!.sourceUrl).toMatch(/^http:\/\/localhost\/content\/[0-9a-f-]{36}$/);
    expect(result.answers[0]!.answer.length).toBeGreaterThan(0);
  });

  it("answers a question with no match cleanly, and puts it on the curation list de-identified", async () => {
    const first = await ask("手机号13812345678的快递在火星上丢了怎么办");
    expect(first.answers).toEqual([]);
    await ask("手机号13812345678的快递在火星上丢了怎么办？");
    const rows = await getDb().askedQuestion.findMany({ where: { siteId, text: { contains: "火星" } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unanswered: 2, unhelpful: 0, state: "OPEN" });
    expect(rows[0]!.text).not.toContain("13812345678");
    expect(rows[0]!.key).not.toContain("13812345678");
  });

  it("refuses bad input with a Chinese message and changes nothing", async () => {
    const before = await getDb().askedQuestion.count();
    expect(await refusal(ask(""))).toEqual({ code: "INVALID", message: "请输入您的问题。" });
    expect(await refusal(ask(undefined))).toEqual({ code: "INVALID", message: "请输入您的问题。" });
    expect(await refusal(ask("问".repeat(101)))).toEqual({ code: "INVALID", message: "问题不能超过 100 个字。" });
    expect(await refusal(ask("社保卡\u0000补办"))).toMatchObject({
      code: "INVALID",
      message: "内容含有不允许的控制字符。",
    });
    expect(await getDb().askedQuestion.count()).toBe(before);
  });

  it("answers per site: another site's content does not answer", async () => {
    const result = await ask("社保卡丢了怎么补办", otherSiteId);
    expect(result.answers.map((answer) => answer.sourceUrl)).not.toContain("https://zwykb.cq.gov.cn/grbs/sbk/");
  });
});

describe("answers from the 答问库", () => {
  /** A Q&A entry of the section, published in the district's 咨询答问 column through review. */
  async function publishEntry(question: string, answer: string, qa: Record<string, unknown>) {
    const [editor, reviewer, deputy] = await Promise.all([
      actorFor("editor"),
      actorFor("reviewer"),
      actorFor("deputy"),
    ]);
    const { id } = await createResource(editor, { kind: "QA", ownerOrgId: await orgId(SECTION) });
    const { revision } = await saveRevision(editor, {
      resourceId: id,
      baseVersion: 0,
      title: question,
      body: blocksToDoc([{ type: "paragraph", text: answer }]),
      metadata: { source: { type: "original" }, qa },
    });
    const instance = await submitForReview(editor, {
      resourceId: id,
      baseVersion: revision.number,
      publishMode: "ON_APPROVAL",
      columnIds: [await columnId("zxdw")],
    });
    await approveReview(reviewer, deputy, instance.id, revision.contentHash);
    return id;
  }

  it("answers with an entry in force and its published policies, never with an expired one", async () => {
    const policy = await getDb().resource.findFirstOrThrow({
      where: { kind: "POLICY", publications: { some: { withdrawnAt: null, supersededAt: null } } },
      select: { id: true, title: true },
    });
    const current = await publishEntry(
      "新生儿医保参保登记怎么办理？",
      "新生儿出生后可凭出生医学证明和户口簿，在“渝快办”或就近社区服务站办理城乡居民医保参保登记，出生当年参保缴费的，自出生之日起享受待遇。",
      { themes: ["medical-insurance"], validFrom: "2025-01-01", policyIds: [policy.id] },
    );
    const expired = await publishEntry(
      "2025 年度城乡居民医保集中缴费期是什么时候？",
      "2025 年度城乡居民医保集中缴费期为 2024 年 9 月 1 日至 12 月 31 日。",
      { themes: ["medical-insurance"], validFrom: "2024-09-01", validTo: "2025-02-28" },
    );
    const result = await ask("孩子刚出生怎么办理医保参保登记");
    expect(result.answers[0]).toMatchObject({
      kind: "QA",
      question: "新生儿医保参保登记怎么办理？",
      sourceUrl: `http://localhost/content/${current}`,
      policyLinks: [{ title: policy.title, url: `http://localhost/content/${policy.id}` }],
    });
    expect(result.answers[0]!.answer).toContain("出生医学证明");
    const lapsed = await ask("城乡居民医保集中缴费期是什么时候");
    expect(lapsed.answers.map((answer) => answer.sourceUrl)).not.toContain(`http://localhost/content/${expired}`);
  });
});

describe("是否解决了您的问题", () => {
  it("counts 否 once per answer on the curation list; a replay, a forged token or another question is refused", async () => {
    const result = await ask("公积金怎么提取");
    expect(result.answers.length).toBeGreaterThan(0);
    const feedback = (input: Record<string, string>) => recordAnswerFeedback(input, { siteId });
    expect(await feedback({ q: result.question, token: result.feedbackToken, helpful: "no" })).toEqual({
      helpful: false,
    });
    const row = await getDb().askedQuestion.findFirstOrThrow({ where: { siteId, text: result.question } });
    expect(row).toMatchObject({ unanswered: 0, unhelpful: 1, state: "OPEN" });
    expect(await refusal(feedback({ q: result.question, token: result.feedbackToken, helpful: "no" }))).toEqual({
      code: "CONFLICT",
      message: "该答复已反馈过，无需重复提交。",
    });
    expect(await refusal(feedback({ q: "别的问题", token: result.feedbackToken, helpful: "no" }))).toMatchObject({
      code: "INVALID",
    });
    expect(await refusal(feedback({ q: result.question, token: "forged.token.x.y", helpful: "no" }))).toMatchObject({
      code: "INVALID",
    });
    const again = await ask("公积金怎么提取");
    expect(
      await refusal(
        recordAnswerFeedback({ q: again.question, token: again.feedbackToken, helpful: "no" }, { siteId: otherSiteId }),
      ),
    ).toMatchObject({ code: "INVALID" });
    expect(await feedback({ q: again.question, token: again.feedbackToken, helpful: "yes" })).toEqual({
      helpful: true,
    });
    expect((await getDb().askedQuestion.findUniqueOrThrow({ where: { id: row.id } })).unhelpful).toBe(1);
  });

  it("counts 是 and 否 per site and per answer source, once per answer, and shows the resolution rate", async () => {
    const db = getDb();
    const before = await db.askFeedbackTotal.findUnique({ where: { siteId } });
    const feedback = (input: Record<string, string>) => recordAnswerFeedback(input, { siteId });
    const first = await ask("社保卡丢了怎么补办");
    const sources = first.answers.map((answer) => answer.sourceId);
    expect(sources.length).toBeGreaterThan(0);
    await feedback({ q: first.question, token: first.feedbackToken, helpful: "yes" });
    // 是 is replay-safe like 否: the same token counts once.
    expect(await refusal(feedback({ q: first.question, token: first.feedbackToken, helpful: "yes" }))).toEqual({
      code: "CONFLICT",
      message: "该答复已反馈过，无需重复提交。",
    });
    const second = await ask("社保卡丢了怎么补办");
    await feedback({ q: second.question, token: second.feedbackToken, helpful: "yes" });
    const third = await ask("社保卡丢了怎么补办");
    await feedback({ q: third.question, token: third.feedbackToken, helpful: "no" });

    const total = await db.askFeedbackTotal.findUniqueOrThrow({ where: { siteId } });
    expect(total.helpful - (before?.helpful ?? 0)).toBe(2);
    expect(total.unhelpful - (before?.unhelpful ?? 0)).toBe(1);
    const rows = await db.answerFeedback.findMany({ where: { siteId, sourceId: { in: sources } } });
    expect(rows.map((row) => row.sourceId).sort()).toEqual([...sources].sort());
    for (const row of rows) expect(row).toMatchObject({ helpful: 2, unhelpful: 1 });
    // 是 does not put the question on the curation list.
    expect(await db.askedQuestion.count({ where: { siteId, text: first.question, unhelpful: { gt: 1 } } })).toBe(0);

    const { getAnswerResolution, resolutionRate } = await import("@/lib/interaction/ask/resolution");
    expect(resolutionRate(2, 1)).toBe(66.7);
    expect(resolutionRate(0, 0)).toBeNull();
    const resolution = await getAnswerResolution(await actorFor("officer"));
    const site = resolution.sites.find((entry) => entry.siteId === siteId)!;
    expect(site.rate).toBe(resolutionRate(total.helpful, total.unhelpful));
    const service = resolution.sources.find((entry) => entry.sourceId === sources[0]);
    expect(service).toMatchObject({ helpful: 2, unhelpful: 1, rate: 66.7 });
    // Another unit's staff see neither this site's figures nor its sources.
    const other = await getAnswerResolution(await actorFor("wlw-officer"));
    expect(other.sites.map((entry) => entry.siteId)).not.toContain(siteId);
    expect(other.sources.some((entry) => sources.includes(entry.sourceId) && entry.siteName === site.siteName)).toBe(
      false,
    );
    await expect(getAnswerResolution(null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("limits an address's 是/否 a minute like the questions, in Chinese", async () => {
    const { admitFeedback } = await import("@/lib/interaction/ask/feedback");
    let last = await admitFeedback("203.0.113.90");
    for (let i = 0; i < 40 && last.allowed; i += 1) last = await admitFeedback("203.0.113.90");
    expect(last).toMatchObject({ allowed: false, message: expect.stringMatching(/^反馈过于频繁，请 \d+ 秒后再试。$/) });
    expect((await admitFeedback("203.0.113.91")).allowed).toBe(true);
  });
});

describe("the curation list", () => {
  it("lists questions with counts and site, and turns one into a Q&A draft in the library, audited, once", async () => {
    await ask("电动自行车上牌需要什么材料在火星办理");
    const rows = await listAskedQuestions(officer, {});
    const row = rows.find((candidate) => candidate.text.includes("电动自行车上牌"))!;
    expect(row).toMatchObject({ unanswered: 1, state: "OPEN", stateLabel: "待处理" });
    expect(row.siteName).toBeTruthy();
    const draft = await draftFromAskedQuestion(officer, { questionId: row.id });
    const resource = await getDb().resource.findUniqueOrThrow({
      where: { id: draft.resourceId },
      include: { revisions: true },
    });
    expect(resource).toMatchObject({ kind: "QA", state: "DRAFT", title: row.text });
    expect(resource.revisions).toHaveLength(1);
    expect(await getDb().askedQuestion.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      state: "DRAFTED",
      resourceId: draft.resourceId,
      resolvedById: officer.id,
    });
    expect(
      await getDb().auditEvent.count({ where: { action: "interaction.ask.draft", subject: `asked:${row.id}` } }),
    ).toBe(1);
    expect(await refusal(draftFromAskedQuestion(officer, { questionId: row.id }))).toMatchObject({ code: "CONFLICT" });
    expect((await listAskedQuestions(officer, {})).map((entry) => entry.id)).not.toContain(row.id);
  });

  it("turns one into a letter on the site's 咨询 type, and dismisses another", async () => {
    await ask("火星基地的社区医院怎么预约");
    await ask("火星上的垃圾分类怎么做");
    const rows = await listAskedQuestions(handler, {});
    const toLetter = rows.find((row) => row.text.includes("社区医院"))!;
    const toDismiss = rows.find((row) => row.text.includes("垃圾分类"))!;
    const { letterId } = await letterFromAskedQuestion(handler, { questionId: toLetter.id });
    const letter = await getDb().letter.findUniqueOrThrow({ where: { id: letterId }, include: { type: true } });
    expect(letter).toMatchObject({
      channel: "ASK",
      state: "PENDING",
      siteId,
      writerName: null,
      consentToPublish: false,
    });
    expect(letter.type.category).toBe("CONSULT");
    expect(letter.content).toContain("火星基地的社区医院");
    await dismissAskedQuestion(handler, { questionId: toDismiss.id });
    expect(await getDb().askedQuestion.findUniqueOrThrow({ where: { id: toDismiss.id } })).toMatchObject({
      state: "DISMISSED",
    });
    expect(
      await getDb().auditEvent.count({
        where: { action: { in: ["interaction.ask.letter", "interaction.ask.dismiss"] } },
      }),
    ).toBe(2);
  });

  it("refuses a draft to who may not write in the site's unit, and hides other units' questions", async () => {
    await ask("火星上怎么办理居住证");
    const row = (await listAskedQuestions(officer, {})).find((candidate) => candidate.text.includes("居住证"))!;
    // The handler curates but writes no library items.
    expect(await refusal(draftFromAskedQuestion(handler, { questionId: row.id }))).toMatchObject({ code: "FORBIDDEN" });
    const outsider = await makeUser("qa.culture.editor", "INFO_OFFICER", "重庆市文化和旅游发展委员会");
    expect((await listAskedQuestions(outsider, {})).map((entry) => entry.id)).not.toContain(row.id);
    expect(await refusal(dismissAskedQuestion(outsider, { questionId: row.id }))).toMatchObject({ code: "NOT_FOUND" });
    const reviewer = await actorFor("reviewer");
    expect(await refusal(listAskedQuestions(reviewer, {}))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(dismissAskedQuestion(officer, { questionId: "not-a-uuid" }))).toMatchObject({
      code: "INVALID",
    });
    expect((await getDb().askedQuestion.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("OPEN");
  });
});

describe("LLM phrasing, when an endpoint is configured", () => {
  let server: Server;
  let url: string;
  const received: { messages: { role: string; content: string }[] }[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const parsed = JSON.parse(body) as { messages: { role: string; content: string }[] };
        received.push(parsed);
        const question = parsed.messages.at(-1)!.content;
        const content = question.includes("公积金")
          ? "可通过住房公积金提取办事入口在线办理。" // no citation: must be dropped
          : "社会保障卡丢失后，可通过社会保障卡补办（挂失补换）办事入口在线办理[1]。";
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ choices: [{ message: { role: "assistant", content } }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const llm = () => ({ url, model: "fake", timeoutMs: 2000 });

  it("phrases the answer from the retrieved passages with their citations", async () => {
    const result = await answerQuestion({ q: "社保卡丢了怎么补办" }, { siteId, baseUrl, llm: llm() });
    expect(result.phrased).toEqual({
      text: "社会保障卡丢失后，可通过社会保障卡补办（挂失补换）办事入口在线办理[1]。",
      citations: [{ n: 1, title: "社会保障卡补办（挂失补换）", url: "https://zwykb.cq.gov.cn/grbs/sbk/" }],
    });
    expect(received.at(-1)!.messages.at(-1)!.content).toContain("[1] 社会保障卡补办（挂失补换）");
    expect(result.answers[0]!.kind).toBe("SERVICE");
  });

  it("falls back to the retrieved answer when the model cites nothing, fails or is not there", async () => {
    const uncited = await answerQuestion({ q: "公积金怎么提取" }, { siteId, baseUrl, llm: llm() });
    expect(uncited.phrased).toBeNull();
    expect(uncited.answers[0]!.kind).toBe("SERVICE");
    const down = await answerQuestion(
      { q: "社保卡丢了怎么补办" },
      { siteId, baseUrl, llm: { url: "http://127.0.0.1:9/v1", model: "fake", timeoutMs: 500 } },
    );
    expect(down.phrased).toBeNull();
    expect(down.answers.length).toBeGreaterThan(0);
  });

  it("is not asked when nothing was retrieved", async () => {
    const before = received.length;
    const result = await answerQuestion({ q: "火星上怎么种土豆" }, { siteId, baseUrl, llm: llm() });
    expect(result).toMatchObject({ answers: [], phrased: null });
    expect(received.length).toBe(before);
  });
});
