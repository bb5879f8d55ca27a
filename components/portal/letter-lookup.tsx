"use client";

import { useState, type FormEvent } from "react";
import type { PresentedLetterStatus } from "@/lib/interaction/present-status";
import { messages } from "@/lib/i18n/zh-CN";
import "./letter-form.css";

// The writer follows a letter: 查询码 and password in, its state, dates (the reply's due date with
// how it was computed and any approved 延期) and replies out, and the
// 满意度评价 once it is answered (不满意 may ask for 重办 once). Sent by POST, never in the address.

const t = messages.interaction.lookup;
const ratings = messages.interaction.ratings;

async function post(url: string, form: FormData): Promise<PresentedLetterStatus | { error: string }> {
  try {
    const response = await fetch(url, { method: "POST", body: form });
    return (await response.json()) as PresentedLetterStatus | { error: string };
  } catch {
    return { error: t.failed };
  }
}

export function LetterLookup() {
  const [status, setStatus] = useState<PresentedLetterStatus | null>(null);
  const [credentials, setCredentials] = useState<{ queryCode: string; password: string } | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function lookup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await post("/api/interaction/lookup", form);
    setBusy(false);
    if ("error" in result) {
      setError(result.error);
      setStatus(null);
      return;
    }
    setError("");
    setStatus(result);
    setCredentials({ queryCode: String(form.get("queryCode")), password: String(form.get("password")) });
  }

  async function rate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!credentials) return;
    const form = new FormData(event.currentTarget);
    form.set("queryCode", credentials.queryCode);
    form.set("password", credentials.password);
    setBusy(true);
    const result = await post("/api/interaction/rating", form);
    setBusy(false);
    if ("error" in result) setError(result.error);
    else {
      setError("");
      setStatus(result);
    }
  }

  return (
    <div className="letter-lookup">
      <form className="letter-form" onSubmit={lookup} noValidate>
        <div className="field">
          <label htmlFor="lookup-code">{t.queryCode}</label>
          <input id="lookup-code" name="queryCode" maxLength={20} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="lookup-password">{t.password}</label>
          <input id="lookup-password" name="password" type="password" maxLength={20} autoComplete="off" />
        </div>
        <button type="submit" className="button letter-submit" disabled={busy}>
          {t.submit}
        </button>
      </form>
      <p className="form-error" role="alert" aria-live="assertive">
        {error}
      </p>
      {status ? (
        <section className="letter-receipt" aria-labelledby="lookup-title">
          <h2 id="lookup-title">{status.title}</h2>
          <dl>
            <dt>{t.state}</dt>
            <dd data-testid="letter-state">{status.state}</dd>
            <dt>{t.type}</dt>
            <dd>{status.typeName}</dd>
            <dt>{t.receivedAt}</dt>
            <dd>{status.receivedAt}</dd>
            {status.acceptedAt ? (
              <>
                <dt>{t.acceptedAt}</dt>
                <dd>{status.acceptedAt}</dd>
              </>
            ) : null}
            {status.replyDue ? (
              <>
                <dt>{status.replyDue.label}</dt>
                <dd data-testid="reply-due">
                  {status.replyDue.at}
                  {status.replyDue.extensions.map((extension, index) => (
                    <span key={index} className="letter-extended">
                      {" "}
                      （{extension}）
                    </span>
                  ))}
                  {status.replyDue.derivation ? (
                    <span className="due-derivation">：{status.replyDue.derivation}</span>
                  ) : null}
                </dd>
              </>
            ) : null}
            {status.answeredAt ? (
              <>
                <dt>{t.answeredAt}</dt>
                <dd>{status.answeredAt}</dd>
              </>
            ) : null}
            {status.rejection ? (
              <>
                <dt>{t.rejection}</dt>
                <dd>{status.rejection}</dd>
              </>
            ) : null}
            {status.rating ? (
              <>
                <dt>{t.rating}</dt>
                <dd>{status.rating}</dd>
              </>
            ) : null}
          </dl>
          {status.replies.map((reply) => (
            <article key={reply.round} className="letter-reply" aria-label={t.replyOf(reply.round)}>
              <h3>
                {t.replyOf(reply.round)}（{reply.unitName}，{reply.repliedAt}）
              </h3>
              <p className="letter-body">{reply.body}</p>
            </article>
          ))}
          {status.canRate ? (
            <form className="letter-form" onSubmit={rate} noValidate>
              <fieldset className="field">
                <legend>{t.rateTitle}</legend>
                {Object.entries(ratings).map(([value, label]) => (
                  <label key={value} className="inline">
                    <input type="radio" name="rating" value={value} /> {label}
                  </label>
                ))}
              </fieldset>
              {status.canAskRework ? (
                <label>
                  <input type="checkbox" name="rework" value="yes" /> {t.rework}
                </label>
              ) : null}
              <button type="submit" className="button letter-submit" disabled={busy}>
                {t.rate}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
