import type { RichText } from "@/lib/library/content";
import { headingNode, paragraphNode, tableNode, type PlainTable } from "@/lib/library/rich-blocks";
import { printValue, type Composed, type Line } from "@/lib/reports/website-annual/compose";
import { fieldsOfGroup, fieldKey, SIGN_OFF_FIELDS } from "@/lib/reports/website-annual/template";

// A signed report as the library item reviewers sign and the public reads, and as the .xlsx sheet:
// the header fields, then one table per group of the template (项目, 数值, 单位), then the footer.
// The .xlsx adds where each figure comes from and, for an override, its reason. Pure.

export function reportTitle(name: string, template: Composed["template"], periodLabel: string): string {
  return `${name}${periodLabel}${template.title}`;
}

const lineOf = (composed: Composed, key: string): Line => composed.lines.find((line) => line.key === key)!;
const labelOf = (line: Line) =>
  line.field.path.length > 1 ? line.field.path.slice(1).join(" — ") : line.field.path[0]!;

/** The rows of one group (or of the header, group ""): 项目, 数值, 单位. */
export function groupTable(composed: Composed, group: string): PlainTable {
  return {
    header: ["项目", "数值", "单位"],
    rows: fieldsOfGroup(composed.template, group).map((field) => {
      const line = lineOf(composed, fieldKey(field));
      return [labelOf(line), printValue(line.value), field.unit ?? ""];
    }),
  };
}

export function reportBody(composed: Composed): RichText {
  const footer = SIGN_OFF_FIELDS.map((name) => `${name}：${composed.signOff?.[name] ?? "—"}`).join("　");
  return {
    type: "doc",
    content: [
      tableNode(groupTable(composed, "")),
      ...composed.template.groups.flatMap((group) => [headingNode(group), tableNode(groupTable(composed, group))]),
      paragraphNode(footer),
    ],
  };
}

type Cell = { value: string | number; fontWeight?: "bold"; wrap?: boolean } | null;
export type Sheet = { sheet: string; data: Cell[][]; columns: { width: number }[] };

/** The whole report on one sheet: 分组, 项目, 数值, 单位, 数据来源, 修改说明. */
export function reportSheet(composed: Composed): Sheet {
  const head = (value: string): Cell => ({ value, fontWeight: "bold" });
  const data: Cell[][] = [["分组", "项目", "数值", "单位", "数据来源", "填报或修改说明"].map(head)];
  for (const line of composed.lines) {
    const group =
      line.field.path.length > 1 || composed.template.groups.includes(line.field.path[0]!) ? line.field.path[0]! : "";
    const value = typeof line.value === "number" ? line.value : printValue(line.value);
    data.push([
      { value: group },
      { value: labelOf(line) },
      { value },
      { value: line.field.unit ?? "" },
      { value: line.field.computed ? `平台统计：${line.field.source}` : `填报：${line.field.source}`, wrap: true },
      { value: line.entry ? `${line.entry.byName}：${line.entry.reason || "填报"}` : "", wrap: true },
    ]);
  }
  return {
    sheet: composed.template.title,
    columns: [{ width: 18 }, { width: 30 }, { width: 16 }, { width: 8 }, { width: 50 }, { width: 40 }],
    data,
  };
}
