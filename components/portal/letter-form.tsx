"use client";

import { useState, type FormEvent } from "react";
import "./letter-form.css";
import { messages } from "@/lib/i18n/zh-CN";
import { SpamGuard, useCaptcha } from "./spam-guard";

// The public letter form (政民互动): fields, the privacy notice, and the honeypot and proof-of-work
// captcha of SpamGuard.

const t = messages.interaction.write;
const r = messages.interaction.receipt;

export type LetterFormType = { code: string; name: string; category: string; description: string };
type Receipt = {
  queryCode: string;
  password: string;
  typeName: string;
  receivedAt: string;
  acceptDueAt: string;
  replyDueAt: string | null;
};
type Failure = { error: string; fieldErrors?: Record<string, string[]> };

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <span id={id} className="field-error">
      {errors.join("；")}
    </span>
  );
}

export function LetterForm({
  types,
  initialType,
  initialPageUrl,
}: {
  types: LetterFormType[];
  initialType?: string;
  initialPageUrl?: string;
}) {
  const [type, setType] = useState(initialType ?? "");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const { ready, widget, reset: resetCaptcha } = useCaptcha();
  const isCorrection = types.find((candidate) => candidate.code === type)?.category === "CORRECTION";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const response = await fetch("/api/interaction/letters", {
        method: "POST",
        body: new FormData(event.currentTarget),
      });
      const body = (await response.json().catch(() => ({ error: t.failed }))) as Receipt | Failure;
      if (response.ok && "queryCode" in body) setReceipt(body);
      else {
        setFailure("error" in body ? body : { error: t.failed });
        if ("fieldErrors" in body && body.fieldErrors?.captcha) resetCaptcha();
      }
    } catch {
      setFailure({ error: t.failed });
    } finally {
      setBusy(false);
    }
  }

  if (receipt) {
    return (
      <section className="letter-receipt" aria-labelledby="letter-receipt-title" role="status">
        <h2 id="letter-receipt-title">{r.title}</h2>
        <p>{r.intro}</p>
        <dl>
          <dt>{r.queryCode}</dt>
          <dd className="letter-secret" data-testid="query-code">
            {receipt.queryCode}
          </dd>
          <dt>{r.password}</dt>
          <dd className="letter-secret" data-testid="letter-password">
            {receipt.password}
          </dd>
          <dt>{r.type}</dt>
          <dd>{receipt.typeName}</dd>
          <dt>{r.receivedAt}</dt>
          <dd>{receipt.receivedAt}</dd>
          <dt>{r.acceptDueAt}</dt>
          <dd>{receipt.acceptDueAt}</dd>
          {receipt.replyDueAt ? (
            <>
              <dt>{r.replyDueAt}</dt>
              <dd>{receipt.replyDueAt}</dd>
            </>
          ) : null}
        </dl>
        <p>
          <a href="/interaction/lookup">{r.lookup}</a>
        </p>
      </section>
    );
  }

  const errors = failure?.fieldErrors ?? {};
  const describe = (field: string, hint?: string) =>
    [hint ? `${field}-hint` : null, errors[field]?.length ? `${field}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <form className="letter-form" onSubmit={submit} noValidate encType="multipart/form-data">
      <div className="field">
        <label htmlFor="letter-type">
          {t.type}
          <span className="required">{t.required}</span>
        </label>
        <select
          id="letter-type"
          name="type"
          value={type}
          onChange={(event) => setType(event.target.value)}
          required
          aria-invalid={errors.type ? true : undefined}
          aria-describedby={describe("type")}
        >
          <option value="">{t.chooseType}</option>
          {types.map((candidate) => (
            <option key={candidate.code} value={candidate.code}>
              {candidate.name}
            </option>
          ))}
        </select>
        <FieldError id="type-error" errors={errors.type} />
      </div>
      {isCorrection ? (
        <div className="field">
          <label htmlFor="letter-pageUrl">
            {t.pageUrl}
            <span className="required">{t.required}</span>
          </label>
          <input
            id="letter-pageUrl"
            name="pageUrl"
            type="url"
            maxLength={500}
            defaultValue={initialPageUrl}
            aria-invalid={errors.pageUrl ? true : undefined}
            aria-describedby={describe("pageUrl", t.pageUrlHint)}
          />
          <span id="pageUrl-hint" className="hint">
            {t.pageUrlHint}
          </span>
          <FieldError id="pageUrl-error" errors={errors.pageUrl} />
        </div>
      ) : null}
      <TextField name="title" label={t.subject} errors={errors} required maxLength={60} />
      <div className="field">
        <label htmlFor="letter-content">
          {t.content}
          <span className="required">{t.required}</span>
        </label>
        <textarea
          id="letter-content"
          name="content"
          rows={8}
          maxLength={3000}
          required
          aria-invalid={errors.content ? true : undefined}
          aria-describedby={describe("content", t.contentHint)}
        />
        <span id="content-hint" className="hint">
          {t.contentHint}
        </span>
        <FieldError id="content-error" errors={errors.content} />
      </div>
      <TextField name="writerName" label={t.name} errors={errors} required maxLength={30} autoComplete="name" />
      <TextField
        name="writerPhone"
        label={t.phone}
        errors={errors}
        required
        maxLength={20}
        type="tel"
        autoComplete="tel"
        hint={t.phoneHint}
      />
      <TextField name="writerIdNumber" label={t.idNumber} errors={errors} maxLength={18} autoComplete="off" />
      <TextField name="writerEmail" label={t.email} errors={errors} maxLength={100} type="email" autoComplete="email" />
      <div className="field">
        <label htmlFor="letter-attachments">{t.attachments}</label>
        <input
          id="letter-attachments"
          name="attachments"
          type="file"
          multiple
          accept=".jpg,.jpeg,.png,.gif,.webp,.pdf"
          aria-describedby={describe("attachments", t.attachmentsHint)}
        />
        <span id="attachments-hint" className="hint">
          {t.attachmentsHint}
        </span>
        <FieldError id="attachments-error" errors={errors.attachments} />
      </div>
      <fieldset className="field" aria-describedby={describe("consentToPublish")}>
        <legend>
          {t.consent}
          <span className="required">{t.required}</span>
        </legend>
        <label className="inline">
          <input type="radio" name="consentToPublish" value="yes" /> {t.consentYes}
        </label>
        <label className="inline">
          <input type="radio" name="consentToPublish" value="no" /> {t.consentNo}
        </label>
        <FieldError id="consentToPublish-error" errors={errors.consentToPublish} />
      </fieldset>
      <section className="letter-privacy" aria-labelledby="letter-privacy-title">
        <h2 id="letter-privacy-title">{t.privacyTitle}</h2>
        <ul>
          {t.privacy.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <label>
          <input type="checkbox" name="privacyAccepted" value="yes" aria-describedby={describe("privacyAccepted")} />{" "}
          {t.privacyAccept}
        </label>
        <FieldError id="privacyAccepted-error" errors={errors.privacyAccepted} />
      </section>
      <SpamGuard idPrefix="letter" labels={t} ready={ready} widgetRef={widget}>
        <FieldError id="captcha-error" errors={errors.captcha} />
      </SpamGuard>
      <p className="form-error" role="alert" aria-live="assertive">
        {failure?.error ?? ""}
      </p>
      <button type="submit" className="button letter-submit" disabled={busy}>
        {busy ? t.submitting : t.submit}
      </button>
    </form>
  );
}

function TextField({
  name,
  label,
  errors,
  required,
  hint,
  ...input
}: {
  name: string;
  label: string;
  errors: Record<string, string[]>;
  required?: boolean;
  hint?: string;
  maxLength?: number;
  type?: string;
  autoComplete?: string;
}) {
  const described = [hint ? `${name}-hint` : null, errors[name]?.length ? `${name}-error` : null].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={`letter-${name}`}>
        {label}
        {required ? <span className="required">{t.required}</span> : null}
      </label>
      <input
        id={`letter-${name}`}
        name={name}
        required={required}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={described.join(" ") || undefined}
        {...input}
      />
      {hint ? (
        <span id={`${name}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      <FieldError id={`${name}-error`} errors={errors[name]} />
    </div>
  );
}
