import { describe, expect, it } from "vitest";
import { cleanQuestion, questionKey, questionWords } from "@/lib/interaction/ask/normalize";
import { bestPassage, questionTerms, rankCandidates, type Candidate } from "@/lib/interaction/ask/rank";
import { checkCitations, phrasePrompt } from "@/lib/interaction/ask/phrase";
import { issueFeedbackToken, readFeedbackToken } from "@/lib/interaction/ask/feedback-token";
import { expandSynonyms } from "@/lib/search/query";

// 智能问答's pure parts: question-form normalisation, ranking tuned on questions, the passage an
// answer quotes, the LLM citation check and the feedback token.

describe("question-form normalisation", () => {
  it("turns question forms and particles into breaks, and spoken forms into written ones", () => {
    expect(questionWords("社保卡丢了怎么补办？")).toBe("社保卡 丢失 补办");
    expect(questionWords("请问，如何办理居住证")).toBe("居住证");
    expect(questionWords("公积金提取需要什么材料")).toBe("公积金提取 材料");
    expect(questionWords("不动产登记在哪里查询呢")).toBe("不动产登记 查询");
    expect(questionWords("怎样申请低保？")).toBe("申请低保");
    // What kind of answer is wanted is a form too.
    expect(questionWords("加强信息发布和更新有什么具体要求")).toBe("加强信息发布和更新");
    expect(questionWords("政务新媒体账号注销有哪些规定")).toBe("政务新媒体账号注销");
  });

  it("keeps words a form's characters start (了解, 目的)", () => {
    expect(questionWords("我想了解政策的目的")).toBe("了解政策 目的");
  });

  it("gives questions asked alike one key", () => {
    expect(questionKey("社保卡丢了怎么补办？")).toBe(questionKey("社保卡丢了如何补办"));
    expect(questionKey("社保卡丢了怎么补办")).toBe("社保卡丢失补办");
    // A question that is nothing but its form keeps its own text as key.
    expect(questionKey("怎么办？")).toBe("怎么办");
  });

  it("cleans control characters and blank runs", () => {
    expect(cleanQuestion("  社保卡\t\t补办 \n ")).toBe("社保卡 补办");
  });
});

const now = new Date("2026-12-01T00:00:00Z");
const doc = (id: string, kind: string, title: string, body = "", extra: Partial<Candidate> = {}): Candidate => ({
  id,
  kind,
  title,
  summary: "",
  body,
  validity: kind === "POLICY" ? "VALID" : null,
  publishedAt: new Date("2026-06-01T00:00:00Z"),
  ...extra,
});
const synonyms = [
  ["社保卡", "社会保障卡"],
  ["丢失", "遗失", "挂失"],
];

describe("ranking tuned on questions", () => {
  const candidates = [
    doc("news", "ARTICLE", "区人社局开展社会保障卡服务进社区活动", "现场为群众办理社会保障卡激活、挂失等业务。"),
    doc("policy", "POLICY", "关于社会保障卡管理的若干规定", "社会保障卡遗失的，持卡人应当及时挂失。补办须本人申请。"),
    doc("service", "SERVICE", "社会保障卡补办（挂失补换）", "社会保障卡补办（挂失补换） 沙坪坝区人民政府办事服务"),
    doc(
      "qa",
      "QA",
      "社会保障卡丢失后如何挂失和补办？",
      "可拨打 12333 或到任一社保服务网点办理临时挂失，并携带身份证补办。",
    ),
    doc("gjj", "SERVICE", "住房公积金提取", "住房公积金提取 办事服务"),
  ];

  it("answers a spoken question with the Q&A entry and the service entry first", () => {
    const variants = expandSynonyms(questionWords("社保卡丢了怎么补办"), synonyms);
    const ranked = rankCandidates(variants, candidates, { corpus: 50, now });
    expect(
      ranked
        .map((entry) => entry.candidate.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(["qa", "service"]);
    expect(ranked.map((entry) => entry.candidate.id)).not.toContain("gjj");
  });

  it("never answers with a repealed or expired document", () => {
    const repealed = doc("old", "POLICY", "社会保障卡挂失补办办法", "社会保障卡挂失补办。", { validity: "REPEALED" });
    const expired = doc("exp", "QA", "社会保障卡挂失补办", "已过期的答复。", { validity: "EXPIRED" });
    const ranked = rankCandidates(["社会保障卡 挂失 补办"], [repealed, expired], { corpus: 10, now });
    expect(ranked).toEqual([]);
  });

  it("ranks a valid policy above its revised version, and a newer entry above an older one", () => {
    const valid = doc("valid", "POLICY", "社会保障卡管理办法", "社会保障卡管理。");
    const revised = doc("revised", "POLICY", "社会保障卡管理办法", "社会保障卡管理。", { validity: "REVISED" });
    expect(rankCandidates(["社会保障卡管理"], [revised, valid], { corpus: 10, now })[0]!.candidate.id).toBe("valid");
    const fresh = doc("fresh", "QA", "社会保障卡怎么激活", "到网点激活。", { publishedAt: new Date("2026-11-01") });
    const stale = doc("stale", "QA", "社会保障卡怎么激活", "到网点激活。", { publishedAt: new Date("2016-11-01") });
    expect(rankCandidates(["社会保障卡 激活"], [stale, fresh], { corpus: 10, now })[0]!.candidate.id).toBe("fresh");
  });

  it("answers nothing when a document holds only a small part of the question", () => {
    const ranked = rankCandidates(["火星 种土豆 补办"], candidates, { corpus: 50, now });
    expect(ranked).toEqual([]);
  });

  it("reads question terms as the index does: Han bigrams, other words whole", () => {
    expect(questionTerms("社保卡 12333")).toEqual(["社保", "保卡", "12333"]);
  });
});

describe("the passage an answer quotes", () => {
  it("is the sentence or two holding most of the question", () => {
    const body =
      "第一条 为了规范管理，制定本办法。第二条 社会保障卡遗失的，应当及时挂失。挂失后可以申请补办。第三条 本办法自发布之日起施行。";
    const terms = new Map(questionTerms("社会保障卡 遗失 补办").map((term) => [term, 1]));
    expect(bestPassage(body, terms)).toBe("第二条 社会保障卡遗失的，应当及时挂失。挂失后可以申请补办。");
  });
});

describe("LLM phrasing keeps only cited answers", () => {
  const passages = [
    { title: "社会保障卡补办", text: "到网点补办。", url: "http://a/1" },
    { title: "社保卡挂失", text: "拨打 12333 挂失。", url: "http://a/2" },
  ];
  it("keeps an answer citing the passages it was given", () => {
    expect(checkCitations("先拨打 12333 挂失[2]，再到网点补办[1]。", passages)).toEqual({
      text: "先拨打 12333 挂失[2]，再到网点补办[1]。",
      citations: [
        { n: 1, title: "社会保障卡补办", url: "http://a/1" },
        { n: 2, title: "社保卡挂失", url: "http://a/2" },
      ],
    });
  });
  it("drops an answer without citations or citing a passage it was not given", () => {
    expect(checkCitations("到网点补办即可。", passages)).toBeNull();
    expect(checkCitations("到网点补办[3]。", passages)).toBeNull();
  });
  it("gives the model the numbered passages only", () => {
    const [system, user] = phrasePrompt("社保卡丢了怎么办", passages);
    expect(system!.content).toContain("只能依据");
    expect(user!.content).toContain("[1] 社会保障卡补办");
    expect(user!.content).toContain("[2] 社保卡挂失");
  });
});

describe("the feedback token", () => {
  it("is good once issued for this site and question, and for a day", () => {
    const sources = ["res-8b0d6c1e-0a52-4c8e-9d7f-2f1a3b4c5d6e", "svc-1b0d6c1e-0a52-4c8e-9d7f-2f1a3b4c5d6e"];
    const token = issueFeedbackToken("site-a", "社保卡丢失补办", [...sources, "not.a~source"], now);
    expect(readFeedbackToken(token, "site-a", "社保卡丢失补办", now)).toEqual({
      nonce: expect.stringMatching(/.+/),
      sourceIds: sources,
    });
    // The sources are signed: another list under the same signature is refused.
    const parts = token.split(".");
    parts[3] = sources[0]!;
    expect(readFeedbackToken(parts.join("."), "site-a", "社保卡丢失补办", now)).toBeNull();
    expect(readFeedbackToken(issueFeedbackToken("site-a", "k", [], now), "site-a", "k", now)).toMatchObject({
      sourceIds: [],
    });
    expect(readFeedbackToken(token, "site-b", "社保卡丢失补办", now)).toBeNull();
    expect(readFeedbackToken(token, "site-a", "公积金提取", now)).toBeNull();
    expect(readFeedbackToken(token, "site-a", "社保卡丢失补办", new Date(now.getTime() + 25 * 3_600_000))).toBeNull();
    expect(readFeedbackToken(`${token}x`, "site-a", "社保卡丢失补办", now)).toBeNull();
  });
});
