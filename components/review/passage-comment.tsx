"use client";

import { useState } from "react";
import { ActionForm, Field } from "@/components/admin/action-form";
import type { ActionResult } from "@/lib/errors";

// Comment on a passage: select text in the revision shown above, then write the comment. The
// selection becomes offsets into that text, so the passage stays highlighted for everyone.

export function PassageComment({
  instanceId,
  action,
}: {
  instanceId: string;
  action: (state: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown> | null>;
}) {
  const [passage, setPassage] = useState<{ start: number; end: number; quote: string } | null>(null);
  const capture = () => {
    const container = document.getElementById("review-text");
    const selection = window.getSelection();
    if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) return setPassage(null);
    const range = selection.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return setPassage(null);
    const before = document.createRange();
    before.setStart(container, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const quote = range.toString();
    setPassage({ start, end: start + quote.length, quote });
  };
  return (
    <div>
      <button type="button" className="button-inline" onClick={capture}>
        引用所选段落
      </button>
      <p aria-live="polite">{passage ? `已选：“${passage.quote}”` : "先在上方正文中选中要评论的文字。"}</p>
      <ActionForm action={action} submitLabel="添加意见">
        <input type="hidden" name="instanceId" value={instanceId} />
        <input type="hidden" name="start" value={passage?.start ?? 0} />
        <input type="hidden" name="end" value={passage?.end ?? 0} />
        <Field name="text" label="意见" />
      </ActionForm>
    </div>
  );
}
