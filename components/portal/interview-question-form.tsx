"use client";

import { useState, type FormEvent } from "react";
import "./letter-form.css";
import "./interview.css";
import { messages } from "@/lib/i18n/zh-CN";
import { SpamGuard, useCaptcha } from "./spam-guard";

// A visitor's question to an interview: a nickname, the question, and the letter form's honeypot
// and proof of work (SpamGuard). The question waits for
// moderation; the form says so and clears.

const t = messages.interview.ask;
type Failure = { error: string; fieldErrors?: Record<string, string[]> };

export function InterviewQuestionForm({ interviewId }: { interviewId: string }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState(false);
  const { ready, widget, reset: resetCaptcha } = useCaptcha();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setFailure(null);
    setDone(false);
    try {
      const response = await fetch(`/api/interaction/interviews/${interviewId}/questions`, {
        method: "POST",
        body: new FormData(form),
      });
      const body = (await response.json().catch(() => ({ error: t.failed }))) as { ok?: boolean } & Partial<Failure>;
      if (response.ok) {
        setDone(true);
        form.reset();
      } else {
        setFailure({ error: body.error ?? t.failed, fieldErrors: body.fieldErrors });
      }
      resetCaptcha();
    } catch {
      setFailure({ error: t.failed });
    } finally {
      setBusy(false);
    }
  }

  const errors = failure?.fieldErrors ?? {};
  return (
    <section className="interview-ask" aria-labelledby="interview-ask-title">
      <h2 id="interview-ask-title">{t.title}</h2>
      <p>{t.intro}</p>
      <form className="letter-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="question-nickname">{t.nickname}</label>
          <input
            id="question-nickname"
            name="nickname"
            type="text"
            maxLength={20}
            aria-describedby="question-nickname-hint"
          />
          <span id="question-nickname-hint" className="hint">
            {t.nicknameHint}
          </span>
        </div>
        <div className="field">
          <label htmlFor="question-content">
            {t.content}
            <span className="required">{t.required}</span>
          </label>
          <textarea
            id="question-content"
            name="content"
            rows={4}
            maxLength={500}
            required
            aria-invalid={errors.content ? true : undefined}
            aria-describedby={errors.content ? "question-content-error" : undefined}
          />
          {errors.content ? (
            <span id="question-content-error" className="field-error">
              {errors.content.join("；")}
            </span>
          ) : null}
        </div>
        <SpamGuard idPrefix="question" labels={t} ready={ready} widgetRef={widget} />
        <p className="form-error" role="alert" aria-live="assertive">
          {failure?.error ?? ""}
        </p>
        <p className="form-ok" role="status" aria-live="polite">
          {done ? t.done : ""}
        </p>
        <button type="submit" className="button letter-submit" disabled={busy}>
          {busy ? t.submitting : t.submit}
        </button>
      </form>
    </section>
  );
}
