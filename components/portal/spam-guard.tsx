"use client";

import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import type {} from "altcha/types/react";
import "altcha/altcha.css";
import { messages } from "@/lib/i18n/zh-CN";

// The abuse control of the public forms that take text from anyone (letters, interview
// questions): a honeypot field people never see and altcha's proof-of-work captcha. altcha's
// strict-CSP build is loaded in the browser only, with its PBKDF2 worker served from this origin
// (/api/interaction/captcha/worker), so the portal's Content-Security-Policy needs no blob: worker
// and no inline script or style element.

let altchaLoaded: Promise<void> | undefined;
function loadAltcha(): Promise<void> {
  altchaLoaded ??= import("altcha/external").then(() => {
    globalThis.$altcha.i18n.set("zh-cn", messages.interaction.captcha);
    const worker = () => new Worker("/api/interaction/captcha/worker");
    globalThis.$altcha.algorithms.set("PBKDF2/SHA-256", worker);
  });
  return altchaLoaded;
}

type Widget = HTMLElement & { reset?: () => void };

/** The captcha widget's state: shown once altcha has loaded; `reset` asks for a fresh proof. */
export function useCaptcha() {
  const [ready, setReady] = useState(false);
  const widget = useRef<Widget>(null);
  useEffect(() => {
    let live = true;
    void loadAltcha().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return { ready, widget, reset: () => widget.current?.reset?.() };
}

export function SpamGuard({
  idPrefix,
  labels,
  ready,
  widgetRef,
  children,
}: {
  idPrefix: string;
  labels: { honeypot: string; captcha: string };
  /** From useCaptcha: whether altcha has loaded, and the ref its widget takes. */
  ready: boolean;
  widgetRef: RefObject<Widget | null>;
  /** Shown under the captcha (its field error). */
  children?: ReactNode;
}) {
  return (
    <>
      <div className="letter-hp" aria-hidden="true">
        <label htmlFor={`${idPrefix}-website`}>{labels.honeypot}</label>
        <input id={`${idPrefix}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <div className="field" role="group" aria-label={labels.captcha}>
        {ready ? (
          <altcha-widget
            ref={widgetRef}
            challenge="/api/interaction/captcha"
            name="captcha"
            language="zh-cn"
            configuration={JSON.stringify({ hideFooter: true, hideLogo: true, humanInteractionSignature: false })}
          />
        ) : null}
        {children}
      </div>
    </>
  );
}
