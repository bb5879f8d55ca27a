import { describe, expect, it } from "vitest";
import { assembleTranscript, transcriptBlocks, transcriptTitle } from "@/lib/interaction/interview/transcript";
import { parseAfterId } from "@/lib/interaction/interview/schemas";
import type { PublicPost } from "@/lib/interaction/interview/feed";

// The 文字实录 is assembled from the live record: answered questions each followed by their
// answers (even when other posts came between live), standalone statements in place, questions
// nobody answered left out; the edited text becomes paragraphs and `##` headings.

const FACTS = {
  topic: "2027 年城乡居民医保参保缴费",
  summary: "区医保局负责人解读参保政策，\n回答网友关心的问题。",
  time: "2026-12-10 09:30",
  guests: [
    { name: "张明", title: "局长", unit: "区医疗保障局" },
    { name: "李华", title: "科长", unit: "区医疗保障局待遇保障科" },
  ],
};

let next = 0;
function question(id: string, body: string, nickname = "网友"): PublicPost {
  return {
    id: String(++next),
    kind: "QUESTION",
    body,
    time: "09:40",
    questionId: id,
    nickname,
    guest: null,
    retracts: null,
  };
}
function answer(body: string, guest: string, questionId: string | null = null): PublicPost {
  return {
    id: String(++next),
    kind: "ANSWER",
    body,
    time: "09:45",
    questionId,
    nickname: null,
    guest: { name: guest, title: "局长" },
    retracts: null,
  };
}

describe("assembleTranscript", () => {
  it("opens with the facts and groups each answered question with its answers", () => {
    const text = assembleTranscript(FACTS, [
      answer("各位网友大家好。", "张明"),
      question("q1", "灵活就业人员怎么参保？", "山城小王"),
      question("q2", "异地就医如何备案？"),
      answer("可通过国家医保服务平台备案。", "李华", "q2"),
      answer("灵活就业人员可在户籍地参保。", "张明", "q1"),
      question("q3", "没人回答的问题"),
      { ...answer("", "张明"), kind: "RETRACTION", retracts: "1" },
      answer("补充一点：缴费截止到 12 月 31 日。\n逾期可在次年补缴。", "李华", "q1"),
    ]);
    expect(text.split("\n")).toEqual([
      "访谈时间：2026-12-10 09:30",
      "访谈嘉宾：区医疗保障局局长张明、区医疗保障局待遇保障科科长李华",
      "访谈简介：区医保局负责人解读参保政策， 回答网友关心的问题。",
      "## 访谈内容",
      "张明：各位网友大家好。",
      "网友“山城小王”：灵活就业人员怎么参保？",
      "张明：灵活就业人员可在户籍地参保。",
      "李华：补充一点：缴费截止到 12 月 31 日。",
      "逾期可在次年补缴。",
      "网友：异地就医如何备案？",
      "李华：可通过国家医保服务平台备案。",
    ]);
    expect(text).not.toContain("没人回答的问题");
  });

  it("has only the facts when nothing was answered", () => {
    const text = assembleTranscript(FACTS, [question("q9", "还没有答复")]);
    expect(text.split("\n")).toHaveLength(4);
  });

  it("names the transcript after the topic", () => {
    expect(transcriptTitle("医保参保")).toBe("“医保参保”在线访谈文字实录");
  });
});

describe("transcriptBlocks", () => {
  it("turns lines into paragraphs and ## lines into headings, dropping blank ones", () => {
    expect(transcriptBlocks("访谈时间：x\n\n## 访谈内容\n  张明：好。  \n##   \n")).toEqual([
      { type: "paragraph", text: "访谈时间：x" },
      { type: "heading", level: 2, text: "访谈内容" },
      { type: "paragraph", text: "张明：好。" },
      { type: "paragraph", text: "##" },
    ]);
  });
});

describe("parseAfterId", () => {
  it("reads a post id and starts from the beginning for anything else", () => {
    expect(parseAfterId("42")).toBe(42n);
    expect(parseAfterId(null)).toBe(0n);
    expect(parseAfterId("-1")).toBe(0n);
    expect(parseAfterId("1e9")).toBe(0n);
    expect(parseAfterId("9".repeat(30))).toBe(0n);
  });
});
