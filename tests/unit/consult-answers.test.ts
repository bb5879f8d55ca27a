import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { formatShare, tallyResults, validateAnswers, type Question } from "@/lib/interaction/consult/answers";
import { phaseOf } from "@/lib/interaction/consult/phase";
import { isBehindInQ4 } from "@/lib/interaction/consult/quota";
import {
  issueFormToken,
  newParticipantCookie,
  participantKey,
  readFormToken,
  readParticipantCookie,
} from "@/lib/interaction/consult/tokens";

// 征集调查's pure rules: what an answer may be, how answers add up, when an activity is open or
// done, when a site is behind its quota, and the tokens that hold a participant to one answer.

const QUESTIONS: Question[] = [
  {
    id: "a",
    position: 0,
    kind: "SINGLE",
    prompt: "方式",
    required: true,
    options: ["窗口", "网上", "自助"],
    ratingMax: null,
  },
  {
    id: "b",
    position: 1,
    kind: "MULTIPLE",
    prompt: "服务",
    required: true,
    options: ["延时", "预约"],
    ratingMax: null,
  },
  { id: "c", position: 2, kind: "RATING", prompt: "满意度", required: false, options: [], ratingMax: 5 },
  { id: "d", position: 3, kind: "TEXT", prompt: "建议", required: false, options: [], ratingMax: null },
];

function refusal(form: Record<string, string[]>): DomainError {
  try {
    validateAnswers(QUESTIONS, form);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("accepted");
}

describe("validateAnswers", () => {
  it("keeps choices by position, scores as numbers and trimmed text", () => {
    expect(
      validateAnswers(QUESTIONS, { "q.a": ["2"], "q.b": ["1", "0"], "q.c": ["5"], "q.d": ["  多设窗口 "] }),
    ).toEqual({ a: 2, b: [0, 1], c: 5, d: "多设窗口" });
    expect(validateAnswers(QUESTIONS, { "q.a": ["0"], "q.b": ["1"], "q.c": [""], "q.d": [] })).toEqual({
      a: 0,
      b: [1],
    });
  });

  it("refuses a missing required answer, a choice not offered, a score off the scale, two answers to one", () => {
    expect(refusal({ "q.b": ["0"] }).fieldErrors["q.a"]).toEqual(["第 1 题为必答题，请作答。"]);
    expect(refusal({ "q.a": ["3"], "q.b": ["0"] }).fieldErrors["q.a"]).toBeDefined();
    expect(refusal({ "q.a": ["-1"], "q.b": ["0"] }).fieldErrors["q.a"]).toBeDefined();
    expect(refusal({ "q.a": ["窗口"], "q.b": ["0"] }).fieldErrors["q.a"]).toBeDefined();
    expect(refusal({ "q.a": ["0", "1"], "q.b": ["0"] }).fieldErrors["q.a"]).toEqual(["第 1 题只能有一个答案。"]);
    expect(refusal({ "q.a": ["0"], "q.b": ["0", "0"] }).fieldErrors["q.b"]).toBeDefined();
    expect(refusal({ "q.a": ["0"], "q.b": ["0"], "q.c": ["6"] }).fieldErrors["q.c"]).toEqual([
      "第 3 题请在 1 至 5 分之间评分。",
    ]);
    expect(refusal({ "q.a": ["0"], "q.b": ["0"], "q.c": ["0"] }).fieldErrors["q.c"]).toBeDefined();
    expect(refusal({ "q.a": ["0"], "q.b": ["0"], "q.d": ["字".repeat(2001)] }).fieldErrors["q.d"]).toBeDefined();
    expect(refusal({ "q.a": ["0"], "q.b": ["0"], "q.d": ["a\u0000b"] }).fieldErrors["q.d"]).toBeDefined();
    expect(refusal({ "q.a": ["0"], "q.b": ["0"], "q.zz": ["1"] }).fieldErrors[""]).toBeDefined();
  });
});

describe("tallyResults", () => {
  it("counts choices, shares of those who answered, score distributions and text answers", () => {
    const results = tallyResults(QUESTIONS, [
      { a: 0, b: [0, 1], c: 5, d: "甲" },
      { a: 0, b: [1], c: 4 },
      { a: 1, b: [1] },
    ]);
    expect(results.participants).toBe(3);
    expect(results.questions[0]).toMatchObject({
      kind: "SINGLE",
      answered: 3,
      options: [
        { label: "窗口", count: 2, share: "66.7%" },
        { label: "网上", count: 1, share: "33.3%" },
        { label: "自助", count: 0, share: "0.0%" },
      ],
    });
    expect(results.questions[1]).toMatchObject({
      options: [
        { label: "延时", count: 1, share: "33.3%" },
        { label: "预约", count: 3, share: "100.0%" },
      ],
    });
    expect(results.questions[2]).toMatchObject({ answered: 2, average: "4.50", max: 5 });
    expect((results.questions[2] as { scores: { count: number }[] }).scores.map((s) => s.count)).toEqual([
      0, 0, 0, 1, 1,
    ]);
    expect(results.questions[3]).toEqual({ questionId: "d", kind: "TEXT", prompt: "建议", answered: 1 });
  });

  it("has nothing to divide by when nobody answered", () => {
    const results = tallyResults(QUESTIONS, []);
    expect(results.participants).toBe(0);
    expect(results.questions[2]).toMatchObject({ answered: 0, average: null });
    expect(formatShare(0, 0)).toBe("0.0%");
  });
});

describe("phases and the quota", () => {
  const activity = {
    state: "PUBLISHED" as const,
    opensAt: new Date("2026-03-01T00:00:00Z"),
    closesAt: new Date("2026-03-31T00:00:00Z"),
  };
  it("reads the phase from the state, the clock and the 征集结果反馈", () => {
    expect(phaseOf({ ...activity, state: "DRAFT" }, "NONE", new Date("2026-03-10T00:00:00Z"))).toBe("DRAFT");
    expect(phaseOf({ ...activity, state: "CANCELLED" }, "NONE", new Date("2026-03-10T00:00:00Z"))).toBe("CANCELLED");
    expect(phaseOf(activity, "NONE", new Date("2026-02-10T00:00:00Z"))).toBe("UPCOMING");
    expect(phaseOf(activity, "NONE", new Date("2026-03-10T00:00:00Z"))).toBe("OPEN");
    expect(phaseOf(activity, "NONE", activity.closesAt)).toBe("CLOSED");
    expect(phaseOf(activity, "RETURNED", new Date("2026-04-10T00:00:00Z"))).toBe("CLOSED");
    expect(phaseOf(activity, "IN_REVIEW", new Date("2026-04-10T00:00:00Z"))).toBe("FEEDBACK_REVIEW");
    expect(phaseOf(activity, "PUBLISHED", new Date("2026-04-10T00:00:00Z"))).toBe("DONE");
  });

  it("warns from October (China time) while a site is behind", () => {
    expect(isBehindInQ4(5, 6, new Date("2026-09-30T15:59:00Z"))).toBe(false);
    expect(isBehindInQ4(5, 6, new Date("2026-09-30T16:00:00Z"))).toBe(true);
    expect(isBehindInQ4(6, 6, new Date("2026-12-01T00:00:00Z"))).toBe(false);
  });
});

describe("participant tokens", () => {
  const id = "0b3e1e7c-1111-4111-8111-111111111111";
  const other = "0b3e1e7c-2222-4222-8222-222222222222";
  const now = new Date("2026-12-06T06:00:00Z");

  it("reads back a form token's nonce for its own activity only, within a day", () => {
    const token = issueFormToken(id, now);
    const nonce = readFormToken(token, id, now);
    expect(nonce).toMatch(/^[\w-]{22}$/);
    expect(readFormToken(token, other, now)).toBeNull();
    expect(readFormToken(token, id, new Date(now.getTime() + 25 * 3_600_000))).toBeNull();
    expect(readFormToken(token.slice(0, -2) + "xx", id, now)).toBeNull();
    expect(readFormToken(token.replace(id, other), other, now)).toBeNull();
    expect(readFormToken("", id, now)).toBeNull();
    expect(issueFormToken(id, now)).not.toBe(token);
  });

  it("accepts only a participant cookie signed for the activity, and stores only a keyed hash", () => {
    const cookie = newParticipantCookie(id);
    const participant = readParticipantCookie(cookie, id);
    expect(participant).toBe(cookie.split(".")[0]);
    expect(readParticipantCookie(cookie, other)).toBeNull();
    expect(readParticipantCookie(`${participant}.forged`, id)).toBeNull();
    expect(readParticipantCookie(undefined, id)).toBeNull();
    const key = participantKey("phone", "13800138000", id);
    expect(key).toMatch(/^phone:/);
    expect(key).not.toContain("13800138000");
    expect(participantKey("phone", "13800138000", other)).not.toBe(key);
  });
});
