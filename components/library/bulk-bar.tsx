"use client";

import { useActionState, useEffect, useState, type MouseEvent } from "react";
import type { ActionResult } from "@/lib/errors";
import type { BulkReport } from "@/lib/library/bulk";
import type { PickerSite } from "@/lib/publish/column-tree";
import { messages } from "@/lib/i18n/zh-CN";
import { ColumnPicker } from "@/components/library/column-picker";

// The library list's bulk actions. The row checkboxes live in the server-rendered table and join
// this form by its id (form="…"); every action reports, per item, what was done and what was
// refused and why.

type BulkAction = (state: ActionResult<BulkReport> | null, formData: FormData) => Promise<ActionResult<BulkReport>>;
const LABELS = messages.libraryBulk;
const SELECTION_EVENT = "library-selection";

function selectedBoxes(formId: string): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name=ids][form="${formId}"]`)];
}

/** The header checkbox: selects or clears every row of this page. */
export function SelectAll({ formId }: { formId: string }) {
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    const update = () => {
      const boxes = selectedBoxes(formId);
      setChecked(boxes.length > 0 && boxes.every((box) => box.checked));
    };
    document.addEventListener("change", update);
    document.addEventListener(SELECTION_EVENT, update);
    return () => {
      document.removeEventListener("change", update);
      document.removeEventListener(SELECTION_EVENT, update);
    };
  }, [formId]);
  return (
    <input
      type="checkbox"
      aria-label="全选本页稿件"
      checked={checked}
      onChange={(event) => {
        for (const box of selectedBoxes(formId)) box.checked = event.target.checked;
        setChecked(event.target.checked);
        document.dispatchEvent(new Event(SELECTION_EVENT));
      }}
    />
  );
}

function Report({ state }: { state: ActionResult<BulkReport> | null }) {
  if (!state) return null;
  if (!state.ok) return <p className="form-error">{state.message}</p>;
  const report = state.data;
  return (
    <div className="bulk-report">
      <p className="form-success">{state.message}</p>
      {report && report.items.length ? (
        <ul>
          {report.items.map((item) => (
            <li key={item.id} className={item.ok ? "done" : "refused"}>
              <strong>{item.title}</strong>：{item.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type Props = {
  formId: string;
  action: BulkAction;
  /** Which actions this list offers (the 回收站 offers restore and purge). */
  operations: ("submit" | "trash" | "restore" | "export" | "place" | "purge")[];
  columns?: PickerSite[];
  exportHref?: string;
};

export function BulkBar({ formId, action, operations, columns = [], exportHref }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const [count, setCount] = useState(0);
  const [hint, setHint] = useState("");
  useEffect(() => {
    const update = () => {
      setCount(selectedBoxes(formId).filter((box) => box.checked).length);
      setHint("");
    };
    update();
    document.addEventListener("change", update);
    document.addEventListener(SELECTION_EVENT, update);
    return () => {
      document.removeEventListener("change", update);
      document.removeEventListener(SELECTION_EVENT, update);
    };
  }, [formId, state]);
  const requireSelection = (event: MouseEvent<HTMLButtonElement>) => {
    if (selectedBoxes(formId).some((box) => box.checked)) return;
    event.preventDefault();
    setHint("请先勾选稿件。");
  };
  const has = (operation: Props["operations"][number]) => operations.includes(operation);
  const button = (operation: "submit" | "trash" | "restore" | "place" | "purge", confirmText?: string) => (
    <button
      className="button-inline"
      type="submit"
      name="op"
      value={operation}
      disabled={pending}
      onClick={(event) => {
        requireSelection(event);
        if (!event.defaultPrevented && confirmText && !window.confirm(confirmText)) event.preventDefault();
      }}
    >
      {LABELS[operation]}
    </button>
  );
  return (
    <form id={formId} action={formAction} className="bulk-bar" aria-label="批量操作">
      <p className="bulk-count" aria-live="polite">
        已选 {count} 篇
      </p>
      <div className="bulk-buttons">
        {has("trash") ? button("trash") : null}
        {has("restore") ? button("restore") : null}
        {has("purge") ? button("purge", "彻底删除后不能恢复（审计记录保留），确定删除所选稿件？") : null}
        {has("export") && exportHref ? (
          <button
            className="button-inline"
            type="submit"
            formAction={exportHref}
            formMethod="get"
            onClick={requireSelection}
          >
            {LABELS.export}
          </button>
        ) : null}
      </div>
      {has("submit") ? (
        <details className="bulk-panel">
          <summary>{LABELS.submit}…</summary>
          <ColumnPicker sites={columns} name="submitColumnIds" legend="发布栏目（已有栏目的稿件可不选）" />
          <div className="field">
            <label htmlFor={`${formId}-mode`}>发布方式</label>
            <select id={`${formId}-mode`} name="publishMode" defaultValue="ON_APPROVAL">
              <option value="ON_APPROVAL">审核通过后立即发布</option>
              <option value="MANUAL">审核通过后由我手动发布</option>
            </select>
          </div>
          {button("submit")}
        </details>
      ) : null}
      {has("place") ? (
        <details className="bulk-panel">
          <summary>{LABELS.place}…</summary>
          <p className="muted">审核通过或已发布的稿件可增加发布栏目；草稿请在送审时选择栏目。</p>
          <ColumnPicker sites={columns} name="placeColumnIds" legend="增加发布栏目" />
          {button("place")}
        </details>
      ) : null}
      <div aria-live="polite">
        {hint ? <p className="form-error">{hint}</p> : null}
        <Report state={state} />
      </div>
    </form>
  );
}
