"use client";

import { startTransition, useActionState } from "react";
import Link from "next/link";
import type { ActionResult } from "@/lib/errors";
import { Field, FieldErrorsProvider } from "@/components/admin/action-form";

// The .docx import form. An import without remarks opens the new draft; one with remarks stays
// here and lists them, each on its own line, with a link to the draft to check them against.

export type ImportOutcome = { resourceId: string; title: string; warnings: string[] };
type State = ActionResult<ImportOutcome> | null;
type Choice = { value: string; label: string };

export function ImportWarnings({ outcome }: { outcome: ImportOutcome }) {
  return (
    <section className="import-warnings" aria-labelledby="import-warnings-heading">
      <h2 id="import-warnings-heading">导入提示（{outcome.warnings.length} 条）</h2>
      <p>《{outcome.title || "未命名稿件"}》已导入为草稿。以下内容未能按原样导入或需要补充，请在稿件中逐条核对：</p>
      <ol>
        {outcome.warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ol>
      <Link className="button-inline" href={`/admin/library/${outcome.resourceId}`}>
        打开导入的稿件
      </Link>
    </section>
  );
}

export function ImportForm({
  action,
  kinds,
  orgs,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  kinds: Choice[];
  orgs: Choice[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const outcome = state?.ok ? state.data : undefined;
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <>
      <form
        className="admin-form"
        noValidate
        onSubmit={(event) => {
          // Dispatched by hand so that React keeps the chosen file after a refusal.
          event.preventDefault();
          const formData = new FormData(event.currentTarget);
          startTransition(() => formAction(formData));
        }}
      >
        <FieldErrorsProvider value={fieldErrors}>
          <div className="field">
            <label htmlFor="file">Word 文档</label>
            <input
              id="file"
              name="file"
              type="file"
              accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              required
            />
          </div>
          <Field name="kind" label="类型" type="select" options={kinds} defaultValue="ARTICLE" required />
          <Field
            name="ownerOrgId"
            label="所属单位"
            type="select"
            options={orgs}
            defaultValue={orgs.length === 1 ? orgs[0]!.value : undefined}
            required
          />
        </FieldErrorsProvider>
        <button className="button-inline" type="submit" disabled={pending}>
          {pending ? "正在导入…" : "导入"}
        </button>
        <output className={state?.ok ? "form-ok" : "form-error"} role="status" aria-live="polite">
          {state?.message ?? ""}
        </output>
      </form>
      {outcome?.warnings.length ? <ImportWarnings outcome={outcome} /> : null}
    </>
  );
}
