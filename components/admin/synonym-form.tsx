"use client";

import { ActionForm } from "@/components/admin/action-form";

export function SynonymForm({ text, action }: { text: string; action: Parameters<typeof ActionForm>[0]["action"] }) {
  return (
    <ActionForm action={action} submitLabel="保存同义词">
      <div className="field">
        <label htmlFor="synonyms-text">同义词组（每行一组，用“=”连接）</label>
        <textarea id="synonyms-text" name="text" rows={16} defaultValue={text} />
      </div>
    </ActionForm>
  );
}
