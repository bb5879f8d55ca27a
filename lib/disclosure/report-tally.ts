import { chinaDay } from "@/lib/calendar/working-days";
import { conflict } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import {
  DOC_ROWS,
  ENTRY_KEYS,
  REMEDY_GROUPS,
  REMEDY_OUTCOMES,
  RESULT_ROWS,
  TABLE3_COLUMNS,
  type ApplicantColumn,
  type DocColumn,
  type DocRow,
  type Entries,
  type EntryKey,
  type RemedyGroup,
  type RemedyOutcome,
  type ResultRow,
  type Table3Column,
} from "@/lib/disclosure/report-format";

// The figures of the annual report, from plain records (pure: the loader in report-data.ts reads
// them from the database). Years are China-time calendar years.

const t = messages.disclosureReport;

export type Counts = Record<Table3Column, number>;
export type Table3 = {
  new: Counts;
  carried: Counts;
  results: Record<ResultRow, Counts>;
  resultTotal: Counts;
  carryForward: Counts;
};

/** A 依申请公开 request as the report sees it: who asked, when it was received and concluded, and how. */
export type RequestFact = {
  applicantType: ApplicantColumn;
  receivedAt: Date;
  concludedAt: Date | null;
  answerType: ResultRow | null;
};

const zero = (): Counts => Object.fromEntries(TABLE3_COLUMNS.map((column) => [column, 0])) as Counts;

function add(counts: Counts, column: ApplicantColumn) {
  counts[column] += 1;
  counts.total += 1;
}

const yearOf = (instant: Date) => Number(chinaDay(instant).slice(0, 4));

/**
 * Table 三 for `year` (国办公开办函〔2021〕30号): 一 the requests received in the year; 二 those
 * received before it and not concluded when it began; 三 those concluded in it, on the row of their
 * answer type; 四 those received by its end and not concluded by then. With consistent records
 * 一+二 = 三+四 in every column; a request concluded without an answer type, or concluded before it
 * was received, breaks it, and checkBalance names the difference.
 */
export function tallyRequests(requests: readonly RequestFact[], year: number): Table3 {
  const table: Table3 = {
    new: zero(),
    carried: zero(),
    results: Object.fromEntries(RESULT_ROWS.map((row) => [row, zero()])) as Record<ResultRow, Counts>,
    resultTotal: zero(),
    carryForward: zero(),
  };
  for (const request of requests) {
    const received = yearOf(request.receivedAt);
    const concluded = request.concludedAt ? yearOf(request.concludedAt) : null;
    if (received > year) continue;
    const column = request.applicantType;
    if (received === year) add(table.new, column);
    else if (concluded === null || concluded >= year) add(table.carried, column);
    if (concluded === year && request.answerType) {
      add(table.results[request.answerType], column);
      add(table.resultTotal, column);
    }
    if (concluded === null || concluded > year) add(table.carryForward, column);
  }
  return table;
}

export type Imbalance = { column: Table3Column; left: number; right: number };

/** 第一项 + 第二项 = 第三项 + 第四项, column by column: the columns where it fails. */
export function checkBalance(table: Table3): Imbalance[] {
  return TABLE3_COLUMNS.flatMap((column) => {
    const left = table.new[column] + table.carried[column];
    const right = table.resultTotal[column] + table.carryForward[column];
    return left === right ? [] : [{ column, left, right }];
  });
}

export function describeImbalance(imbalances: Imbalance[]): string {
  return imbalances
    .map(({ column, left, right }) => t.balance.column(t.table3.columns[column], left, right))
    .join("；");
}

/** Refuses a table that breaks the balance rule, naming each column's difference. */
export function assertBalanced(table: Table3): void {
  const imbalances = checkBalance(table);
  if (imbalances.length) throw conflict(t.balance.refused(describeImbalance(imbalances)), { imbalances });
}

/** A policy document of the unit as the report sees it (the library's 政策文件 with a 文件类别). */
export type PolicyFact = {
  category: DocRow;
  /** 成文日期 (YYYY-MM-DD), or the first publication's China day when none was entered. */
  issuedOn: string;
  /** Every change of its 效力状态, oldest first. */
  changes: { from: string | null; to: string; at: Date }[];
  /** Its 效力状态 now (null: never set, i.e. valid). */
  validity: string | null;
};

export type DocCounts = Record<DocRow, Record<DocColumn, number>>;

const IN_FORCE = new Set(["VALID", "REVISED"]);
const ENDED = new Set(["REPEALED", "EXPIRED"]);

/** The 效力状态 a document had at the end of `day` (China time), from its log. */
function validityOn(policy: PolicyFact, day: string): string {
  const before = policy.changes.filter((change) => chinaDay(change.at) <= day);
  if (before.length) return before.at(-1)!.to;
  const after = policy.changes.find((change) => chinaDay(change.at) > day);
  if (after) return after.from ?? "VALID";
  return policy.validity ?? "VALID";
}

/**
 * Table 二's 第二十条第（一）项 rows: 本年制发 by 成文日期 in the year; 本年废止 by a change to
 * 已废止 or 已失效 in the year; 现行有效 by the 效力状态 at the year's end (有效, or 已修订: in force
 * as amended) of the documents issued by then.
 */
export function countPolicies(policies: readonly PolicyFact[], year: number): DocCounts {
  const counts = Object.fromEntries(DOC_ROWS.map((row) => [row, { issued: 0, repealed: 0, current: 0 }])) as DocCounts;
  const yearEnd = `${year}-12-31`;
  for (const policy of policies) {
    const row = counts[policy.category];
    if (policy.issuedOn.slice(0, 4) === String(year)) row.issued += 1;
    if (policy.changes.some((change) => ENDED.has(change.to) && yearOf(change.at) === year)) row.repealed += 1;
    if (policy.issuedOn <= yearEnd && IN_FORCE.has(validityOn(policy, yearEnd))) row.current += 1;
  }
  return counts;
}

export type RemedyTable = Record<RemedyGroup, Record<RemedyOutcome | "total", number | null>>;

/** Table 四 from its entered cells; a group's 总计 is the sum of its entered outcomes (null until one is entered). */
export function remedyTable(entries: Entries): RemedyTable {
  return Object.fromEntries(
    REMEDY_GROUPS.map((group) => {
      const cells = Object.fromEntries(
        REMEDY_OUTCOMES.map((outcome) => [outcome, entries[`t4.${group}.${outcome}` as EntryKey]?.value ?? null]),
      ) as Record<RemedyOutcome, number | null>;
      const values = Object.values(cells).filter((value): value is number => value !== null);
      return [group, { ...cells, total: values.length ? values.reduce((sum, value) => sum + value, 0) : null }];
    }),
  ) as RemedyTable;
}

/** The entered cells not yet filled in. */
export function missingEntries(entries: Entries): EntryKey[] {
  return ENTRY_KEYS.filter((key) => entries[key] === undefined);
}
