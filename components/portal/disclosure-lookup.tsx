"use client";

import { useState, type FormEvent } from "react";
import "./letter-form.css";
import { messages } from "@/lib/i18n/zh-CN";

// The applicant's page: tracking code and password open the request's status, its due date and
// how it was counted, the 补正 form while one is asked for, and the delivered 告知书 (HTML as
// reviewed, and its .docx).

const d = messages.disclosure;
const f = d.fields;

type Status = {
  trackingCode: string;
  unitName: string;
  infoTitle: string;
  state: string;
  receivedAt: string;
  dueAt: string | null;
  clockText: string;
  correction: { notice: string; dueAt: string | null } | null;
  extensions: { workingDays: number; notifiedAt: string | null }[];
  answerType: string | null;
  concludedAt: string | null;
  notice: { title: string; documentNumber: string; html: string; signer: string; date: string } | null;
};

export function DisclosureLookup() {
  const [credentials, setCredentials] = useState<{ trackingCode: string; password: string } | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function load(body: FormData) {
    const response = await fetch("/api/disclosure/lookup", { method: "POST", body });
    const json = (await response.json().catch(() => ({ error: "查询未成功，请稍后重试。" }))) as
      Status | { error: string };
    if (response.ok && "trackingCode" in json) {
      setStatus(json);
      setError("");
    } else setError("error" in json ? json.error : "查询未成功，请稍后重试。");
  }

  async function lookup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const form = new FormData(event.currentTarget);
    setCredentials({ trackingCode: String(form.get("trackingCode")), password: String(form.get("password")) });
    await load(form).finally(() => setBusy(false));
  }

  async function correct(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!credentials) return;
    setBusy(true);
    const form = new FormData(event.currentTarget);
    form.set("trackingCode", credentials.trackingCode);
    form.set("password", credentials.password);
    const response = await fetch("/api/disclosure/correct", { method: "POST", body: form });
    if (!response.ok) {
      const json = (await response.json().catch(() => ({}))) as { error?: string };
      setError(json.error ?? "提交未成功，请检查后重试。");
    } else {
      const again = new FormData();
      again.set("trackingCode", credentials.trackingCode);
      again.set("password", credentials.password);
      await load(again);
    }
    setBusy(false);
  }

  return (
    <div className="letter-form">
      <form onSubmit={lookup} noValidate>
        <div className="field">
          <label htmlFor="disclosure-code">{f.trackingCode}</label>
          <input id="disclosure-code" name="trackingCode" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="disclosure-password">{f.password}</label>
          <input id="disclosure-password" name="password" type="password" autoComplete="off" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {d.form.lookup}
        </button>
      </form>
      <p className="form-error" role="alert" aria-live="assertive">
        {error}
      </p>
      {status ? (
        <section aria-labelledby="disclosure-status-title">
          <h2 id="disclosure-status-title">{status.infoTitle}</h2>
          <dl>
            <dt>{f.trackingCode}</dt>
            <dd>{status.trackingCode}</dd>
            <dt>{f.unit}</dt>
            <dd>{status.unitName}</dd>
            <dt>{f.state}</dt>
            <dd data-testid="disclosure-state">{status.state}</dd>
            <dt>{f.receivedAt}</dt>
            <dd>{status.receivedAt}</dd>
            {status.dueAt ? (
              <>
                <dt>{f.dueAt}</dt>
                <dd data-testid="disclosure-due">{status.dueAt}</dd>
              </>
            ) : null}
            {status.answerType ? (
              <>
                <dt>答复类型</dt>
                <dd>{status.answerType}</dd>
              </>
            ) : null}
          </dl>
          <p className="hint">{status.clockText}</p>
          {status.extensions.map((extension, index) => (
            <p key={index}>
              经批准延期 {extension.workingDays} 个工作日（{extension.notifiedAt} 告知）。
            </p>
          ))}
          {status.correction ? (
            <form onSubmit={correct} noValidate>
              <h3>{d.form.correctTitle}</h3>
              <p>补正事项：{status.correction.notice}</p>
              <p>补正期限：{status.correction.dueAt}</p>
              <div className="field">
                <label htmlFor="disclosure-correction">补正内容</label>
                <textarea id="disclosure-correction" name="correctionText" rows={5} maxLength={2000} />
              </div>
              <button type="submit" className="button" disabled={busy}>
                {d.form.correct}
              </button>
            </form>
          ) : null}
          {status.notice && credentials ? (
            <article aria-labelledby="disclosure-notice-title">
              <h3 id="disclosure-notice-title">{d.form.notice}</h3>
              <p>{status.notice.documentNumber}</p>
              <div className="article-body" dangerouslySetInnerHTML={{ __html: status.notice.html }} />
              <p style={{ textAlign: "right" }}>
                {status.notice.signer}
                <br />
                {status.notice.date}
              </p>
              <form method="post" action="/api/disclosure/notice">
                <input type="hidden" name="trackingCode" value={credentials.trackingCode} />
                <input type="hidden" name="password" value={credentials.password} />
                <button type="submit" className="button">
                  {d.form.download}
                </button>
              </form>
            </article>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
