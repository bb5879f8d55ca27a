"use client";

import { createContext, startTransition, useActionState, useContext, type ReactNode } from "react";
import type { ActionResult } from "@/lib/errors";

// A form bound to a server action that answers with ActionResult: the message goes to an
// aria-live region, field errors next to their fields (STYLE.md 8).

type State = ActionResult<unknown> | null;
const FieldErrors = createContext<Record<string, string[]>>({});
/** For forms that answer with more than a message (the .docx import) but show field errors alike. */
export const FieldErrorsProvider = FieldErrors.Provider;

export function ActionForm({
  action,
  submitLabel,
  children,
  className,
  confirm,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  /** Asks before submitting (for destructive actions). */
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form
      className={className ?? "admin-form"}
      noValidate
      onSubmit={(event) => {
        // Dispatched by hand rather than through the action prop, so React does not reset the
        // form afterwards: after a refused submission the user corrects, and loses nothing.
        event.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const formData = new FormData(event.currentTarget);
        startTransition(() => formAction(formData));
      }}
    >
      <FieldErrors.Provider value={fieldErrors}>{children}</FieldErrors.Provider>
      <button className="button-inline" type="submit" disabled={pending}>
        {pending ? "处理中…" : submitLabel}
      </button>
      <output className={state?.ok ? "form-ok" : "form-error"} role="status" aria-live="polite">
        {state?.message ?? ""}
      </output>
    </form>
  );
}

export function Field({
  name,
  label,
  type = "text",
  defaultValue,
  required,
  autoComplete,
  options,
  accept,
  id: givenId,
}: {
  name: string;
  label: string;
  /** For forms repeated on one page: element ids must stay unique. */
  id?: string;
  type?: "text" | "password" | "number" | "date" | "datetime-local" | "select" | "textarea" | "file";
  /** For a file field: the types the picker offers (the server checks the bytes). */
  accept?: string;
  defaultValue?: string | number;
  required?: boolean;
  autoComplete?: string;
  options?: { value: string; label: string }[];
}) {
  const errors = useContext(FieldErrors)[name];
  const id = givenId ?? `field-${name}`;
  const describedBy = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {type === "select" ? (
        <select
          id={id}
          name={name}
          defaultValue={defaultValue}
          required={required}
          aria-invalid={Boolean(errors)}
          aria-describedby={describedBy}
        >
          <option value="">请选择</option>
          {options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : type === "textarea" ? (
        <textarea
          id={id}
          name={name}
          rows={4}
          defaultValue={defaultValue}
          required={required}
          aria-invalid={Boolean(errors)}
          aria-describedby={describedBy}
        />
      ) : (
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue}
          required={required}
          autoComplete={autoComplete}
          accept={accept}
          aria-invalid={Boolean(errors)}
          aria-describedby={describedBy}
        />
      )}
      {errors?.length ? (
        <span id={`${id}-error`} className="field-error">
          {errors.join(" ")}
        </span>
      ) : null}
    </div>
  );
}

export function CheckboxGroup({
  name,
  legend,
  options,
  checked = [],
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked?: string[];
}) {
  const errors = useContext(FieldErrors)[name];
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="inline">
          <input type="checkbox" name={name} value={option.value} defaultChecked={checked.includes(option.value)} />{" "}
          {option.label}
        </label>
      ))}
      {errors?.length ? <span className="field-error">{errors.join(" ")}</span> : null}
    </fieldset>
  );
}
