import { formatChinaDateTime } from "@/lib/time/china";
import type { SaveConflictDetails } from "./editor-types";

// A save based on an outdated version is refused (nothing is silently overwritten): this shows what
// the other person changed, and saves again on top of their version once the editor has merged.

type Props = { conflict: SaveConflictDetails; pending: boolean; onSaveOver: (version: number) => void };

export function SaveConflict({ conflict, pending, onSaveOver }: Props) {
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">保存冲突</h2>
      <p>
        {conflict.theirs.author} 于 {formatChinaDateTime(new Date(conflict.theirs.at))} 保存了第{" "}
        {conflict.currentVersion} 版。对方的修改如下（绿色为新增，红色为删除）；您的内容仍在编辑器中，未丢失。
      </p>
      <p className="diff">
        {conflict.changes.map((segment, index) =>
          segment.type === "equal" ? (
            <span key={index}>{segment.text}</span>
          ) : segment.type === "added" ? (
            <ins key={index}>{segment.text}</ins>
          ) : (
            <del key={index}>{segment.text}</del>
          ),
        )}
      </p>
      <button
        type="button"
        className="button-inline"
        onClick={() => onSaveOver(conflict.currentVersion)}
        disabled={pending}
      >
        已对照合并，保存为新修订
      </button>
    </section>
  );
}

/** The conflict details of a refused save, or null when the refusal was something else. */
export function conflictOf(details: unknown): SaveConflictDetails | null {
  return details && (details as SaveConflictDetails).currentVersion ? (details as SaveConflictDetails) : null;
}
