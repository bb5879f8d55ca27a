"use client";

import { ActionForm } from "@/components/admin/action-form";

export function LexiconForm({
  sensitive,
  terms,
  action,
}: {
  sensitive: string;
  terms: string;
  action: Parameters<typeof ActionForm>[0]["action"];
}) {
  return (
    <ActionForm action={action} submitLabel="保存词库">
      <div className="field">
        <label htmlFor="lexicon-sensitive">敏感词（每行一个；默认“必须修改”，写作“词语|warn”为提示）</label>
        <textarea id="lexicon-sensitive" name="sensitive" rows={10} defaultValue={sensitive} />
      </div>
      <div className="field">
        <label htmlFor="lexicon-terms">规范用语（每行“错误写法|正确写法|说明”，说明可省略）</label>
        <textarea id="lexicon-terms" name="terms" rows={14} defaultValue={terms} />
      </div>
    </ActionForm>
  );
}
