"use client";

import { useState } from "react";
import { messages } from "@/lib/i18n/zh-CN";

// "是否解决了您的问题": 是 or 否 on the answers shown, sent once with the answer's token (no cookie,
// nothing about the visitor); 否 sends the question to the site's curation list.

const t = messages.ask;

export function AskFeedback({ question, token }: { question: string; token: string }) {
  const [status, setStatus] = useState<{ message: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(helpful: "yes" | "no") {
    const form = new FormData();
    form.set("q", question);
    form.set("token", token);
    form.set("helpful", helpful);
    setBusy(true);
    try {
      const response = await fetch("/api/qa/feedback", { method: "POST", body: form });
      const body = (await response.json()) as { helpful?: boolean; error?: string };
      setStatus(
        response.ok
          ? { message: helpful === "yes" ? t.thanksYes : t.thanksNo, error: false }
          : { message: body.error ?? t.errors.badToken, error: true },
      );
    } catch {
      setStatus({ message: t.errors.badToken, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="ask-feedback">
      {status && !status.error ? null : (
        <fieldset disabled={busy}>
          <legend>{t.resolvedQuestion}</legend>
          <button type="button" onClick={() => send("yes")}>
            {t.resolvedYes}
          </button>
          <button type="button" onClick={() => send("no")}>
            {t.resolvedNo}
          </button>
        </fieldset>
      )}
      <p role="status" aria-live="polite" className={status?.error ? "form-error" : undefined}>
        {status?.message ?? ""}
      </p>
    </div>
  );
}
