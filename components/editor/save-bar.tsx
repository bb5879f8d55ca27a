import type { ActionResult } from "@/lib/errors";

// Under the editor: 保存 (a new revision), the save's answer and the autosave state, each in a
// live region; or, without edit permission, why nothing can be changed.

type Props = {
  canEdit: boolean;
  pending: boolean;
  result: ActionResult<unknown> | null;
  autosaved: string | null;
  onSave: () => void;
};

export function SaveBar({ canEdit, pending, result, autosaved, onSave }: Props) {
  if (!canEdit) return <p className="notice">您可以查看此稿件，但没有编辑权限。</p>;
  return (
    <div className="editor-actions">
      <button type="button" className="button-inline" onClick={onSave} disabled={pending}>
        {pending ? "正在保存…" : "保存"}
      </button>
      <output role="status" aria-live="polite" className={result && !result.ok ? "form-error" : "form-ok"}>
        {result?.message ?? ""}
      </output>
      <span className="autosave-state" aria-live="polite">
        {autosaved ?? ""}
      </span>
    </div>
  );
}
