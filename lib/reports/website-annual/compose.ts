import type { Db, Tx } from "@/lib/db/client";
import {
  monthlyFigures,
  supervisionAnnualFigures,
  websiteAnnualFigures,
  type Values,
} from "@/lib/reports/website-annual/figures";
import {
  entriesOf,
  type Entries,
  type LoadedReport,
  type ReportRef,
  type ReportSubject,
  type SignOff,
} from "@/lib/reports/website-annual/access";
import {
  fieldKey,
  isSignOffField,
  type FieldDef,
  type FieldValue,
  type Template,
} from "@/lib/reports/website-annual/template";

// A report's figures as they stand: computed from the records, then what officers entered or
// overrode laid over them (each override with its reason); or, once signed, the snapshot taken at
// sign-off. Also the report as the template's nested JSON (group → sub-group → field).

export type Line = {
  key: string;
  field: FieldDef;
  value: FieldValue;
  /** The computed figure, when the platform computes this field. */
  computedValue: FieldValue;
  entry: Entries[string] | null;
  overridden: boolean;
};

export type Composed = {
  template: Template;
  lines: Line[];
  /** Entered fields (besides the sign-off) still empty. */
  missing: string[];
  signOff: SignOff | null;
};

export async function computeValues(db: Db | Tx, ref: ReportRef, subject: ReportSubject): Promise<Values> {
  if (ref.kind === "SUPERVISION_ANNUAL") return supervisionAnnualFigures(db, subject.orgName, ref.year);
  if (ref.kind === "MONTHLY") return monthlyFigures(db, subject.site!, { year: ref.year, month: ref.month });
  return websiteAnnualFigures(db, subject.site!, ref.year);
}

export type Snapshot = {
  lines: { key: string; value: FieldValue; computedValue: FieldValue; entry: Entries[string] | null }[];
};

/** Lays entries over computed values: the report's lines in template order. */
export function composeLines(
  template: Template,
  computed: Values,
  entries: Entries,
  signOff: SignOff | null,
): Composed {
  const lines = template.fields.map((field): Line => {
    const key = fieldKey(field);
    const entry = entries[key] ?? null;
    const computedValue = field.computed ? (computed[key] ?? null) : null;
    const fromSignOff = isSignOffField(field) && signOff ? signOff[field.path[0] as keyof SignOff] : null;
    const value = fromSignOff ?? (entry ? entry.value : computedValue);
    return { key, field, value, computedValue, entry, overridden: field.computed && entry !== null };
  });
  const missing = lines
    .filter((line) => !line.field.computed && !isSignOffField(line.field) && (line.value === null || line.value === ""))
    .map((line) => line.key);
  return { template, lines, missing, signOff };
}

export async function composeReport(
  db: Db | Tx,
  ref: ReportRef,
  subject: ReportSubject,
  report: LoadedReport | null,
): Promise<Composed> {
  const signOff = (report?.signOff ?? null) as SignOff | null;
  if (report?.snapshot) {
    const snapshot = report.snapshot as unknown as Snapshot;
    const computed = Object.fromEntries(snapshot.lines.map((line) => [line.key, line.computedValue]));
    const entries = Object.fromEntries(
      snapshot.lines.filter((line) => line.entry).map((line) => [line.key, line.entry!]),
    ) as Entries;
    return composeLines(subject.template, computed, entries, signOff);
  }
  return composeLines(subject.template, await computeValues(db, ref, subject), entriesOf(report), signOff);
}

export function snapshotOf(composed: Composed): Snapshot {
  return {
    lines: composed.lines.map(({ key, value, computedValue, entry }) => ({ key, value, computedValue, entry })),
  };
}

/** A value as the template prints it: 是/否, the ticked choices, — while empty. */
export function printValue(value: FieldValue): string {
  if (value === null || value === "") return "—";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (Array.isArray(value)) return value.length ? value.join("、") : "无";
  return String(value);
}

const jsonValue = (value: FieldValue): FieldValue => (typeof value === "boolean" ? (value ? "是" : "否") : value);

/** The report as nested JSON whose keys are the template's group and field names (every group present). */
export function templateJson(composed: Composed): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const group of composed.template.groups) out[group] = {};
  for (const line of composed.lines) {
    const path = line.field.path;
    if (path.length === 1) {
      out[path[0]!] = jsonValue(line.value);
      continue;
    }
    let node = out as Record<string, unknown>;
    for (const part of path.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[path.at(-1)!] = jsonValue(line.value);
  }
  return out;
}
