"use client";

import { useId, useMemo, useState } from "react";
import type { PickerSite } from "@/lib/publish/column-tree";
import { columnsMatching } from "@/lib/publish/column-tree-order";

// The column picker: every site as a tree of its columns, searchable by name. Columns the item may
// not be placed in are shown disabled with the reason (from lib/publish/column-tree.ts), so a
// 资源同享 column of another unit says why it is closed instead of being missing.

type Props = {
  sites: PickerSite[];
  /** The checkbox name the form reads (columnIds unless a form holds two pickers). */
  name?: string;
  legend: string;
  /** Checked when shown. */
  checked?: string[];
  /** Already placed: shown checked and not offered again. */
  placed?: string[];
  /** The id of the form the checkboxes belong to, when the picker sits outside it. */
  form?: string;
};

export function ColumnPicker({ sites, name = "columnIds", legend, checked = [], placed = [], form }: Props) {
  const id = useId();
  const [query, setQuery] = useState("");
  const placedSet = useMemo(() => new Set(placed), [placed]);
  const checkedSet = useMemo(() => new Set(checked), [checked]);
  const trimmed = query.trim();
  const visible = useMemo(() => columnsMatching(sites, query), [sites, query]);
  const shown = sites
    .map((site) => ({ ...site, columns: site.columns.filter((column) => !visible || visible.has(column.id)) }))
    .filter((site) => site.columns.length > 0);
  return (
    <fieldset className="column-picker">
      <legend>{legend}</legend>
      <div className="field">
        <label htmlFor={`${id}-q`}>查找栏目</label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="输入栏目或网站名称"
          onKeyDown={(event) => {
            // Enter filters; it must not submit the form the picker is in.
            if (event.key === "Enter") event.preventDefault();
          }}
        />
      </div>
      {shown.length === 0 ? <p className="empty">没有名称包含“{trimmed}”的栏目。</p> : null}
      {shown.map((site) => {
        const open = Boolean(trimmed) || site.columns.some((column) => column.placeable);
        return (
          <details key={site.siteId} open={open} className="column-picker-site">
            <summary>
              {site.siteName}
              <small className="muted">（{site.unitName}）</small>
            </summary>
            <ul className="column-tree" aria-label={`${site.siteName}的栏目`}>
              {site.columns.map((column) => {
                const isPlaced = placedSet.has(column.id);
                const reasonId = `${id}-${column.id}-reason`;
                return (
                  <li key={column.id}>
                    <label
                      className={column.placeable ? "inline" : "inline disabled"}
                      style={{ paddingLeft: `${column.depth * 1.25}rem` }}
                    >
                      <input
                        type="checkbox"
                        name={isPlaced ? undefined : name}
                        value={column.id}
                        form={form}
                        disabled={!column.placeable || isPlaced}
                        defaultChecked={isPlaced || checkedSet.has(column.id)}
                        aria-label={`${site.siteName} · ${column.name}`}
                        aria-describedby={column.reason ? reasonId : undefined}
                      />{" "}
                      {column.name}
                    </label>
                    {isPlaced ? <small className="muted">（已在此栏目）</small> : null}
                    {column.reason && !isPlaced ? (
                      <small id={reasonId} className="muted">
                        （{column.reason}）
                      </small>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </details>
        );
      })}
    </fieldset>
  );
}
