import type { ReactNode } from "react";
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";

// The list pages of /admin/supervision (监测问题, 整改单): breadcrumb, heading and guidance, the
// filter form, the table and the pager, in one place so both pages read and behave alike.

export type ListFilter =
  | { kind: "select"; label: string; name: string; value: string; options: { value: string; label: string }[] }
  | { kind: "checkbox"; label: string; name: string; value: string; checked: boolean }
  | { kind: "hidden"; name: string; value: string | undefined };

type Props<T> = {
  title: string;
  /** The section's name in the breadcrumb, and where it links (none: plain text). */
  section: { label: string; href?: string };
  intro: ReactNode;
  /** Buttons above the filters (立即检查). */
  actions?: ReactNode;
  filters: ListFilter[];
  rows: T[];
  rowKey: (row: T) => string;
  columns: DataTableColumn<T>[];
  empty: string;
  /** The counting word of the total: 共 12 项, 共 3 张. */
  unit: string;
  pager: { total: number; page: number; pageSize: number; query: (page: number) => string };
};

function FilterField({ filter }: { filter: ListFilter }) {
  if (filter.kind === "hidden")
    return filter.value ? <input type="hidden" name={filter.name} value={filter.value} /> : null;
  if (filter.kind === "checkbox")
    return (
      <>
        <label>
          <input type="checkbox" name={filter.name} value={filter.value} defaultChecked={filter.checked} />{" "}
          {filter.label}
        </label>{" "}
      </>
    );
  return (
    <>
      <label>
        {filter.label}{" "}
        <select name={filter.name} defaultValue={filter.value}>
          {filter.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>{" "}
    </>
  );
}

export function SupervisionList<T>(props: Props<T>) {
  const { pager } = props;
  return (
    <>
      <p className="breadcrumb">
        {props.section.href ? <Link href={props.section.href}>{props.section.label}</Link> : props.section.label} &gt;{" "}
        {props.title}
      </p>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      {props.actions}
      <form method="get" className="inline-form">
        {props.filters.map((filter) => (
          <FilterField key={filter.name} filter={filter} />
        ))}
        <button type="submit" className="button-inline">
          筛选
        </button>
      </form>
      <DataTable
        rows={props.rows}
        rowKey={props.rowKey}
        label={props.title}
        empty={props.empty}
        columns={props.columns}
      />
      <p>
        共 {pager.total} {props.unit}
        {pager.page > 1 ? (
          <>
            {" "}
            <Link href={`?${pager.query(pager.page - 1)}`}>上一页</Link>
          </>
        ) : null}
        {pager.page * pager.pageSize < pager.total ? (
          <>
            {" "}
            <Link href={`?${pager.query(pager.page + 1)}`}>下一页</Link>
          </>
        ) : null}
      </p>
    </>
  );
}
