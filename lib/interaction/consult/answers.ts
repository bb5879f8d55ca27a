import { invalid } from "@/lib/errors";
import { hasControlCharacters } from "@/lib/validation/text";
import { messages } from "@/lib/i18n/zh-CN";

// One participant's answers, checked against the activity's questions, and the tallies of all of
// them. Pure: the use cases load the questions and responses; the tests need no database.
// Choices are stored by their position in the question's options, so a label with odd characters
// never has to be matched as text.

export type QuestionKindCode = "SINGLE" | "MULTIPLE" | "RATING" | "TEXT";
export type Question = {
  id: string;
  position: number;
  kind: QuestionKindCode;
  prompt: string;
  required: boolean;
  options: string[];
  ratingMax: number | null;
};
/** SINGLE and RATING: a number (option index, score); MULTIPLE: option indexes; TEXT: the text. */
export type Answer = number | number[] | string;
export type Answers = Record<string, Answer>;

export const MAX_TEXT_ANSWER = 2000;
const t = messages.consult.public;

/** The form field of a question: `q.<id>`. */
export const fieldOf = (questionId: string) => `q.${questionId}`;

function choiceIndex(value: string, count: number): number | null {
  if (!/^\d{1,3}$/.test(value)) return null;
  const index = Number(value);
  return index < count ? index : null;
}

/**
 * The answers of a posted form (`q.<id>` → every value posted under it). Refuses, changing nothing,
 * a required question left empty, a choice not offered, a score off the scale, an overlong or
 * malformed text, and values for questions the activity does not have.
 */
export function validateAnswers(questions: Question[], form: Record<string, string[]>): Answers {
  const answers: Answers = {};
  const errors: Record<string, string[]> = {};
  const known = new Set(questions.map((question) => fieldOf(question.id)));
  for (const field of Object.keys(form))
    if (field.startsWith("q.") && !known.has(field)) errors[""] = ["提交的题目与本次征集不符，请刷新页面后重新填写。"];
  for (const question of questions) {
    const field = fieldOf(question.id);
    const values = (form[field] ?? []).map((value) => value.trim()).filter((value) => value !== "");
    const fail = (message: string) => (errors[field] = [message]);
    if (values.length === 0) {
      if (question.required) fail(`第 ${question.position + 1} 题为必答题，请作答。`);
      continue;
    }
    if (question.kind === "MULTIPLE") {
      const indexes = values.map((value) => choiceIndex(value, question.options.length));
      if (indexes.some((index) => index === null) || new Set(indexes).size !== indexes.length) {
        fail(`第 ${question.position + 1} 题的选项不正确。`);
        continue;
      }
      answers[question.id] = (indexes as number[]).sort((a, b) => a - b);
      continue;
    }
    if (values.length > 1) {
      fail(`第 ${question.position + 1} 题只能有一个答案。`);
      continue;
    }
    const value = values[0]!;
    if (question.kind === "SINGLE") {
      const index = choiceIndex(value, question.options.length);
      if (index === null) fail(`第 ${question.position + 1} 题的选项不正确。`);
      else answers[question.id] = index;
    } else if (question.kind === "RATING") {
      const max = question.ratingMax ?? 5;
      const score = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
      if (!(score >= 1 && score <= max)) fail(`第 ${question.position + 1} 题请在 1 至 ${max} 分之间评分。`);
      else answers[question.id] = score;
    } else {
      if ([...value].length > MAX_TEXT_ANSWER) fail(`第 ${question.position + 1} 题不超过 ${MAX_TEXT_ANSWER} 字。`);
      else if (hasControlCharacters(value)) fail(`第 ${question.position + 1} 题含有不允许的控制字符。`);
      else answers[question.id] = value;
    }
  }
  if (Object.keys(errors).length) throw invalid(Object.values(errors)[0]![0] ?? t.errors.invalid, errors);
  return answers;
}

export type ChoiceResult = {
  questionId: string;
  kind: "SINGLE" | "MULTIPLE";
  prompt: string;
  answered: number;
  options: { label: string; count: number; share: string }[];
};
export type RatingResult = {
  questionId: string;
  kind: "RATING";
  prompt: string;
  answered: number;
  max: number;
  scores: { score: number; count: number }[];
  average: string | null;
};
export type TextResult = { questionId: string; kind: "TEXT"; prompt: string; answered: number };
export type QuestionResult = ChoiceResult | RatingResult | TextResult;
export type Results = { participants: number; questions: QuestionResult[] };

/** "40.0%": a share of those who answered the question, one decimal. */
export function formatShare(count: number, of: number): string {
  return of === 0 ? "0.0%" : `${((count * 100) / of).toFixed(1)}%`;
}

/** The tallies of every question over `responses` (each one participant's answers). */
export function tallyResults(questions: Question[], responses: Answers[]): Results {
  const ordered = [...questions].sort((a, b) => a.position - b.position);
  return {
    participants: responses.length,
    questions: ordered.map((question): QuestionResult => {
      const given = responses.map((answers) => answers[question.id]).filter((answer) => answer !== undefined);
      const base = { questionId: question.id, prompt: question.prompt, answered: given.length };
      if (question.kind === "TEXT") return { ...base, kind: "TEXT" };
      if (question.kind === "RATING") {
        const max = question.ratingMax ?? 5;
        const scores = Array.from({ length: max }, (_, index) => ({ score: index + 1, count: 0 }));
        let sum = 0;
        for (const answer of given) {
          if (typeof answer !== "number" || answer < 1 || answer > max) continue;
          scores[answer - 1]!.count += 1;
          sum += answer;
        }
        const average = given.length ? (sum / given.length).toFixed(2) : null;
        return { ...base, kind: "RATING", max, scores, average };
      }
      const counts = question.options.map(() => 0);
      for (const answer of given) {
        const picked = Array.isArray(answer) ? answer : typeof answer === "number" ? [answer] : [];
        for (const index of picked) if (index >= 0 && index < counts.length) counts[index]! += 1;
      }
      return {
        ...base,
        kind: question.kind,
        options: question.options.map((label, index) => ({
          label,
          count: counts[index]!,
          share: formatShare(counts[index]!, given.length),
        })),
      };
    }),
  };
}
