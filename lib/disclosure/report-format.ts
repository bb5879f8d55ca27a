import type { DisclosureAnswerType, DisclosureApplicantType } from "@/lib/db/generated/enums";
import {
  ANSWER_GROUPS,
  ANSWER_TYPE_ROWS,
  APPLICANT_COLUMNS as ANSWER_APPLICANT_COLUMNS,
  type AnswerGroup,
} from "@/lib/disclosure/answer-types";

// The shape of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): its tables' rows and columns as
// keys, which cells the platform computes and which staff enter. Labels are in
// lib/i18n/zh-CN-disclosure-report.ts (the 办理结果 rows' in answer-types.ts); the figures in report-tally.ts.

/** Table 三's applicant columns, in the format's order (自然人, then the five 法人或其他组织). */
export const APPLICANT_COLUMNS: readonly DisclosureApplicantType[] = ANSWER_APPLICANT_COLUMNS.map(
  (column) => column.type,
);
export type ApplicantColumn = DisclosureApplicantType;
export type Table3Column = ApplicantColumn | "total";
export const TABLE3_COLUMNS: readonly Table3Column[] = [...APPLICANT_COLUMNS, "total"];

/** 三、本年度办理结果: the groups (一)–(六) and their rows; each row is one answer type (lib/disclosure/answer-types.ts). */
export type ResultRow = DisclosureAnswerType;
export const RESULT_GROUPS: readonly { group: AnswerGroup; label: string; rows: readonly ResultRow[] }[] =
  ANSWER_GROUPS.map((group) => ({
    group: group.code,
    label: group.label,
    rows: ANSWER_TYPE_ROWS.filter((row) => row.group === group.code).map((row) => row.type),
  }));
export const RESULT_ROWS: readonly ResultRow[] = ANSWER_TYPE_ROWS.map((row) => row.type);

/** 第二十条第（一）项: documents counted from the library's policy documents, by 文件类别. */
export const DOC_ROWS = ["rule", "normative"] as const;
export type DocRow = (typeof DOC_ROWS)[number];
export const DOC_COLUMNS = ["issued", "repealed", "current"] as const;
export type DocColumn = (typeof DOC_COLUMNS)[number];

/** 表四: 行政复议, 行政诉讼 (未经复议直接起诉, 复议后起诉), each with four entered outcomes and their 总计. */
export const REMEDY_GROUPS = ["review", "direct", "afterReview"] as const;
export type RemedyGroup = (typeof REMEDY_GROUPS)[number];
export const REMEDY_OUTCOMES = ["upheld", "corrected", "other", "pending"] as const;
export type RemedyOutcome = (typeof REMEDY_OUTCOMES)[number];

/** The cells staff enter, each with a reason: table 二's other rows and table 四 (its totals are computed). */
export const ENTRY_KEYS = [
  "t2.license",
  "t2.penalty",
  "t2.enforcement",
  "t2.fees",
  ...REMEDY_GROUPS.flatMap((group) => REMEDY_OUTCOMES.map((outcome) => `t4.${group}.${outcome}` as const)),
] as const;
export type EntryKey = (typeof ENTRY_KEYS)[number];

export function isEntryKey(value: string): value is EntryKey {
  return (ENTRY_KEYS as readonly string[]).includes(value);
}

/** 行政事业性收费 is an amount in 万元 (up to four decimals, i.e. to the yuan); every other entry counts decisions or cases. */
export function isAmountKey(key: EntryKey): boolean {
  return key === "t2.fees";
}

/** A row of table 三 that holds counts of its own (the 总计 row (七) is their sum). */
export type Table3Row = "new" | "carried" | ResultRow | "carryForward";
/** A cell of table 三 the office corrected by hand (lib/disclosure/report-overrides.ts). */
export type OverrideKey = `t3.${Table3Row}.${ApplicantColumn}`;

/** One entered or corrected cell as stored: the figure, why, who and when. */
export type Entry = { value: number; reason: string; byId: string; byName: string; at: string };
export type Entries = Partial<Record<EntryKey | OverrideKey, Entry>>;

/**
 * The publication deadline of a unit's report for `year` (《政府信息公开条例》第四十九条): a
 * government department's by 31 January of the next year; a people's government's own report,
 * which its 主管部门 publishes, by 31 March.
 */
export function reportDeadline(unitName: string, year: number): string {
  return isGovernment(unitName) ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

/** A people's government (县级以上地方人民政府) rather than one of its departments, by its name. */
export function isGovernment(unitName: string): boolean {
  return /人民政府$/.test(unitName.replace(/（[^）]*）$/, ""));
}
