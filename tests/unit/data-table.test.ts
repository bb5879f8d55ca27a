import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Window } from "happy-dom";
import { DataTable, DEFAULT_EMPTY, type DataTableProps } from "@/components/ui/data-table";

// The back office's list table renders on the server: what it gives is plain HTML, read here
// the way a browser (and a screen reader) reads it.

type Row = { id: string; name: string; count: number; allowed: boolean };
const rows: Row[] = [
  { id: "a", name: "沙坪坝区人民政府", count: 3, allowed: true },
  { id: "b", name: "区政府办公室", count: 0, allowed: false },
];

function render<T>(props: DataTableProps<T>) {
  const html = renderToStaticMarkup(createElement(DataTable<T>, props));
  const document = new Window().document;
  document.body.innerHTML = html;
  return { html, table: document.querySelector("table")! };
}

const columns: DataTableProps<Row>["columns"] = [
  { header: "单位", isRowHeader: true, cell: (row) => row.name },
  { header: "数量", align: "end", cell: (row) => row.count },
  {
    header: "权限",
    cell: (row) => (row.allowed ? "✓" : ""),
    cellLabel: (row) => (row.allowed ? "允许" : "不允许"),
    cellTitle: (row) => row.id,
  },
];

describe("DataTable", () => {
  it("renders one column header per column and one cell per column in each row", () => {
    const { table } = render({ columns, rows, rowKey: (row) => row.id, label: "单位列表" });
    expect(table.className).toBe("simple");
    expect(table.getAttribute("aria-label")).toBe("单位列表");
    const headers = [...table.querySelectorAll("thead th")];
    expect(headers.map((th) => th.textContent)).toEqual(["单位", "数量", "权限"]);
    expect(headers.every((th) => th.getAttribute("scope") === "col")).toBe(true);
    const bodyRows = [...table.querySelectorAll("tbody tr")];
    expect(bodyRows.map((tr) => [...tr.children].map((cell) => cell.textContent))).toEqual([
      ["沙坪坝区人民政府", "3", "✓"],
      ["区政府办公室", "0", ""],
    ]);
  });

  it("marks row headers, alignment, accessible names and titles on the cells", () => {
    const { table } = render({ columns, rows, rowKey: (row) => row.id });
    const [first] = [...table.querySelectorAll("tbody tr")];
    const [name, count, allowed] = [...first!.children];
    expect(name!.tagName).toBe("TH");
    expect(name!.getAttribute("scope")).toBe("row");
    expect(count!.tagName).toBe("TD");
    expect(count!.getAttribute("style")).toContain("text-align:right");
    expect(allowed!.getAttribute("aria-label")).toBe("允许");
    expect(allowed!.getAttribute("title")).toBe("a");
    expect(table.querySelector("thead th:nth-child(2)")!.getAttribute("style")).toContain("text-align:right");
  });

  it("leaves out columns given as false, so a column can depend on a permission", () => {
    const canRetry = false;
    const { table } = render<Row>({
      columns: [columns[0], canRetry && { header: "处理", cell: () => "重试" }],
      rows,
      rowKey: (row) => row.id,
    });
    expect([...table.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(["单位"]);
    expect(table.textContent).not.toContain("重试");
  });

  it("shows the empty message in one row spanning every column", () => {
    const { table } = render({ columns, rows: [], rowKey: (row: Row) => row.id, empty: "没有符合条件的账号。" });
    const cells = table.querySelectorAll("tbody td");
    expect(cells).toHaveLength(1);
    expect(cells[0]!.textContent).toBe("没有符合条件的账号。");
    expect(cells[0]!.getAttribute("colspan")).toBe("3");
    expect(cells[0]!.className).toBe("empty");
    expect(table.querySelectorAll("thead th")).toHaveLength(3);
  });

  it("says there is nothing in Chinese when no empty message is given", () => {
    const { table } = render({ columns, rows: [], rowKey: (row: Row) => row.id });
    expect(table.querySelector("tbody td")!.textContent).toBe(DEFAULT_EMPTY);
    expect(DEFAULT_EMPTY).toBe("暂无记录。");
  });

  it("names the table by a caption, hidden or shown, instead of an aria-label", () => {
    const hidden = render({
      columns,
      rows,
      rowKey: (row) => row.id,
      caption: "2026 年节假日安排",
      captionHidden: true,
      label: "不用",
    });
    expect(hidden.table.querySelector("caption")!.textContent).toBe("2026 年节假日安排");
    expect(hidden.table.querySelector("caption")!.className).toBe("visually-hidden");
    expect(hidden.table.hasAttribute("aria-label")).toBe(false);
    const shown = render({ columns, rows, rowKey: (row) => row.id, caption: "任职记录" });
    expect(shown.table.querySelector("caption")!.hasAttribute("class")).toBe(false);
  });

  it("keeps headers for screen readers when they are hidden from sight, and adds its class to simple", () => {
    const { table } = render({ columns, rows, rowKey: (row) => row.id, headerHidden: true, className: "compact" });
    expect(table.querySelector("thead")!.className).toBe("visually-hidden");
    expect(table.querySelectorAll("thead th")).toHaveLength(3);
    expect(table.className).toBe("simple compact");
  });

  it("escapes what the cells hold", () => {
    const { html } = render({
      columns: [{ header: "标题", cell: (row: Row) => row.name }],
      rows: [{ ...rows[0]!, name: "<script>alert(1)</script>" }],
      rowKey: (row) => row.id,
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });
});
