"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/errors";
import { ActionForm, Field } from "./action-form";

type Enrollment = { secret: string; uri: string; qrSvg: string };
type Action = (state: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown> | null>;

export function TotpEnrollment({ begin, confirm }: { begin: Action; confirm: Action }) {
  const [state, beginAction, pending] = useActionState(begin, null);
  const enrollment = state?.ok ? (state.data as Enrollment) : null;
  return (
    <div>
      <form action={beginAction}>
        <button className="button-inline" type="submit" disabled={pending}>
          {enrollment ? "重新生成二维码" : "生成绑定二维码"}
        </button>
        <output role="status" aria-live="polite" className={state && !state.ok ? "form-error" : undefined}>
          {state?.message ?? ""}
        </output>
      </form>
      {enrollment ? (
        <>
          {/* The SVG is generated on our own server from the otpauth URI (qrcode package). */}
          <div
            className="qr"
            aria-label="动态口令绑定二维码"
            role="img"
            dangerouslySetInnerHTML={{ __html: enrollment.qrSvg }}
          />
          <p>
            密钥（手动输入）：<code data-testid="totp-secret">{enrollment.secret}</code>
          </p>
          <ActionForm action={confirm} submitLabel="验证并开启">
            <Field name="code" label="动态口令" autoComplete="one-time-code" required />
          </ActionForm>
        </>
      ) : null}
    </div>
  );
}
