"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.admin;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);
  const [needsOtp, setNeedsOtp] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const otp = String(form.get("otp") ?? "").trim();
    if (!username || !password) {
      setError(t.fieldRequired(!username ? t.username : t.password));
      return;
    }
    setPending(true);
    setError("");
    try {
      const result = await signIn("credentials", { username, password, otp, redirect: false });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      if (result?.status === 429 || result?.error === "THROTTLED") {
        setError(t.signInThrottled);
      } else if (result?.error === "OTP_REQUIRED" || result?.error === "OTP_INVALID") {
        setNeedsOtp(true);
        setError(result.error === "OTP_REQUIRED" ? t.otpRequired : t.otpInvalid);
      } else {
        setError(result?.status === 401 || result?.error === "CredentialsSignin" ? t.signInFailed : t.signInError);
      }
    } catch {
      setError(t.signInError);
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <p className="form-error" role="alert" aria-live="assertive">
        {error}
      </p>
      <div className="field">
        <label htmlFor="username">{t.username}</label>
        <input id="username" name="username" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">{t.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {needsOtp ? (
        <div className="field">
          <label htmlFor="otp">{t.otp}</label>
          <input
            id="otp"
            name="otp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            autoFocus
            required
          />
        </div>
      ) : null}
      <button className="button" type="submit" disabled={pending}>
        {pending ? t.signingIn : t.signIn}
      </button>
    </form>
  );
}
