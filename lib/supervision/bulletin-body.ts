import type { RichText } from "@/lib/library/content";
import { messages } from "@/lib/i18n/zh-CN";
import type { InspectionSummary } from "@/lib/supervision/inspection-summary";
import { passRate } from "@/lib/supervision/inspection-summary";

// The 通报 of a quarter as a library body (Tiptap JSON), in the shape of seed 001: 一、总体情况 with
// the totals, pass rates and high-scoring sites, the failing ones named; 二、存在问题 by kind with the
// sites that have them; 三、工作要求; the annex of high-scoring sites. Tables are Tiptap tables, so the
// portal, the reviewers and the .docx (richTextToGongwenBlocks) show the same figures. Pure.

const t = messages.supervisionScores.bulletin;
const targetNames = messages.supervisionScores.targets;

export type BulletinRow = {
  rank: number | null;
  name: string;
  deduction: number | null;
  bonus: number | null;
  total: number | null;
  passed: boolean;
  vetoed: boolean;
};

const text = (value: string) => ({ type: "text", text: value });
const paragraph = (value: string): RichText => ({ type: "paragraph", content: value ? [text(value)] : [] });
const heading = (level: 2 | 3, value: string): RichText => ({
  type: "heading",
  attrs: { level },
  content: [text(value)],
});
const cell = (type: "tableHeader" | "tableCell", value: string): RichText => ({
  type,
  content: [paragraph(value)],
});

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): RichText {
  return {
    type: "table",
    content: [
      { type: "tableRow", content: header.map((value) => cell("tableHeader", value)) },
      ...rows.map((row) => ({ type: "tableRow", content: row.map((value) => cell("tableCell", String(value))) })),
    ],
  };
}

/** "甲、乙、丙": the first `limit` names, as a bulletin lists them before "等 n 个". */
export function listNames(names: readonly string[], limit = 6): string {
  return names.slice(0, limit).join("、");
}

const score = (value: number | null) => (value === null ? "—" : String(value));

export function bulletinBody(input: {
  quarter: string;
  summary: InspectionSummary;
  rows: readonly BulletinRow[];
  rules: Map<string, string>;
  requirements: string | null;
}): RichText {
  const { quarter, summary } = input;
  const s = summary;
  const overall: string[] = [
    t.totals(quarter, s.websites.total, s.websites.passRate, s.accounts.total, s.accounts.passRate),
  ];
  const bands = [
    s.bands.top.length ? t.top(listNames(s.bands.top), s.bands.top.length) : null,
    s.bands.high.length ? t.high(listNames(s.bands.high), s.bands.high.length) : null,
  ].filter(Boolean);
  const over = s.over100 ? t.over100(s.over100, passRate(s.over100, s.websites.total)) : "";
  const failing = [
    s.websites.failing.length ? t.failingSites(listNames(s.websites.failing, 20), s.websites.failed) : null,
    s.accounts.failing.length ? t.failingAccounts(listNames(s.accounts.failing, 20), s.accounts.failed) : null,
  ].filter((line): line is string => Boolean(line));

  const problems = [
    ...s.problems.websites.map((problem) => ({ ...problem, target: targetNames.WEBSITE })),
    ...s.problems.accounts.map((problem) => ({ ...problem, target: targetNames.NEW_MEDIA })),
  ];
  const content: RichText[] = [
    paragraph(t.recipient),
    paragraph(t.opening(quarter)),
    heading(2, `一、${t.overall}`),
    paragraph(overall[0]! + (bands.length ? `${bands.join("，")}，` : "") + over),
    ...(failing.length ? failing.map(paragraph) : [paragraph(t.allPassed)]),
    heading(3, `（一）${t.resultsTable}`),
    table(
      t.resultHeader,
      input.rows.map((row) => [
        row.rank ?? "—",
        row.name,
        score(row.deduction),
        score(row.bonus),
        score(row.total),
        row.vetoed
          ? messages.supervisionScores.inspection.vetoed
          : row.passed
            ? messages.supervisionScores.inspection.pass
            : messages.supervisionScores.inspection.fail,
      ]),
    ),
    heading(2, `二、${t.problems}`),
  ];
  if (problems.length === 0) content.push(paragraph(t.noProblems));
  else {
    content.push(paragraph(t.problemsIntro));
    problems.forEach((problem, index) =>
      content.push(
        paragraph(
          `${"一二三四五六七八九十"[index] ?? index + 1}是` +
            t.problem(
              problem.target,
              problem.name,
              listNames(problem.names),
              problem.count,
              input.rules.get(problem.code) ?? problem.name,
            ) +
            "。",
        ),
      ),
    );
    content.push(
      table(
        t.problemTable,
        problems.map((problem) => [problem.name, problem.target, problem.count, listNames(problem.names, 50)]),
      ),
    );
  }
  content.push(heading(2, `三、${t.requirementsHeading}`));
  const requirements = [
    ...t.standardRequirements,
    ...(input.requirements
      ? input.requirements
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean)
      : []),
  ];
  requirements.forEach((line, index) =>
    content.push(paragraph(`（${"一二三四五六七八九十"[index] ?? index + 1}）${line}`)),
  );
  content.push(paragraph(t.annex));
  content.push(
    table(t.annexHeader, [
      [t.annexTop(s.bands.top.length), s.bands.top.join("、") || "—"],
      [t.annexHigh(s.bands.high.length), s.bands.high.join("、") || "—"],
    ]),
  );
  return { type: "doc", content };
}
