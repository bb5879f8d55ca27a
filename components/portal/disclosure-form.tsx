"use client";

import { useState, type FormEvent } from "react";
import "./letter-form.css";
import { messages } from "@/lib/i18n/zh-CN";
import { SpamGuard, useCaptcha } from "./spam-guard";

// The 政府信息公开申请 form (依申请公开, 条例第二十九条): applicant, identity document (kept private),
// contact, the information wanted and how to receive it; the honeypot and captcha of SpamGuard.

const d = messages.disclosure;
const f = d.fields;
const w = messages.interaction.write;

type Receipt = { trackingCode: string; password: string; receivedAt: string; dueAt: string };
type Failure = { error: string; fieldErrors?: Record<string, string[]> };

export function DisclosureForm({ units }: { units: { id: string; name: string }[] }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [applicantType, setApplicantType] = useState("NATURAL_PERSON");
  const { ready, widget, reset } = useCaptcha();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const response = await fetch("/api/disclosure/apply", {
        method: "POST",
        body: new FormData(event.currentTarget),
      });
      const body = (await response.json().catch(() => ({ error: w.failed }))) as Receipt | Failure;
      if (response.ok && "trackingCode" in body) setReceipt(body);
      else {
        setFailure("error" in body ? body : { error: w.failed });
        reset();
      }
    } catch {
      setFailure({ error: w.failed });
    } finally {
      setBusy(false);
    }
  }

  if (receipt)
    return (
      <section className="letter-receipt" aria-labelledby="disclosure-receipt-title" role="status">
        <h2 id="disclosure-receipt-title">{d.form.receiptTitle}</h2>
        <p>{d.form.receiptBody}</p>
        <dl>
          <dt>{f.trackingCode}</dt>
          <dd className="letter-secret" data-testid="tracking-code">
            {receipt.trackingCode}
          </dd>
          <dt>{f.password}</dt>
          <dd className="letter-secret" data-testid="tracking-password">
            {receipt.password}
          </dd>
          <dt>{f.receivedAt}</dt>
          <dd>{receipt.receivedAt}</dd>
          <dt>{f.dueAt}</dt>
          <dd>{receipt.dueAt}</dd>
        </dl>
        <p>
          <a href="/disclosure/lookup">{d.form.lookupTitle}</a>
        </p>
      </section>
    );

  const errors = failure?.fieldErrors ?? {};
  const isPerson = applicantType === "NATURAL_PERSON";
  return (
    <form className="letter-form" onSubmit={submit} noValidate encType="multipart/form-data">
      <p>{d.form.intro}</p>
      <Select name="unitId" label={f.unit} errors={errors} options={units.map((unit) => [unit.id, unit.name])} />
      <div className="field">
        <label htmlFor="disclosure-applicantType">
          {f.applicantType}
          <span className="required">{w.required}</span>
        </label>
        <select
          id="disclosure-applicantType"
          name="applicantType"
          value={applicantType}
          onChange={(event) => setApplicantType(event.target.value)}
        >
          <option value="NATURAL_PERSON">{d.applicantTypes.NATURAL_PERSON}</option>
          <optgroup label={d.form.organization}>
            {(["BUSINESS", "RESEARCH", "PUBLIC_WELFARE", "LEGAL_SERVICE", "OTHER_ORG"] as const).map((type) => (
              <option key={type} value={type}>
                {d.applicantTypes[type]}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <Text name="applicantName" label={f.applicantName} errors={errors} required />
      <Select
        name="idDocumentKind"
        label={f.idDocumentKind}
        errors={errors}
        options={(isPerson
          ? d.idDocumentKinds.filter((kind) => !kind.includes("信用"))
          : d.idDocumentKinds.slice(3)
        ).map((kind) => [kind, kind])}
      />
      <Text name="idNumber" label={f.idNumber} errors={errors} required />
      {isPerson ? null : <Text name="legalRepresentative" label={f.legalRepresentative} errors={errors} required />}
      {isPerson ? null : <Text name="contactName" label={f.contactName} errors={errors} />}
      <div className="field">
        <label htmlFor="disclosure-identity">
          {f.identity}
          <span className="required">{w.required}</span>
        </label>
        <input id="disclosure-identity" name="identity" type="file" accept=".jpg,.jpeg,.png,.pdf" />
        <span className="hint">{d.form.identityHint}</span>
        <FieldError errors={errors.identity} />
      </div>
      <Text name="phone" label={f.phone} errors={errors} required type="tel" />
      <Text name="email" label={f.email} errors={errors} type="email" />
      <Text name="address" label={f.address} errors={errors} />
      <Text name="postcode" label={f.postcode} errors={errors} />
      <Text name="infoTitle" label={f.infoTitle} errors={errors} required />
      <Text name="infoNumber" label={f.infoNumber} errors={errors} />
      <div className="field">
        <label htmlFor="disclosure-infoDescription">
          {f.infoDescription}
          <span className="required">{w.required}</span>
        </label>
        <textarea id="disclosure-infoDescription" name="infoDescription" rows={6} maxLength={2000} />
        <FieldError errors={errors.infoDescription} />
      </div>
      <Select name="mediumWanted" label={f.mediumWanted} errors={errors} options={d.media.map((m) => [m, m])} />
      <Select
        name="deliveryWanted"
        label={f.deliveryWanted}
        errors={errors}
        options={d.deliveries.map((m) => [m, m])}
      />
      <label>
        <input type="checkbox" name="privacyAccepted" value="yes" /> {d.form.privacy}
      </label>
      <FieldError errors={errors.privacyAccepted} />
      <SpamGuard idPrefix="disclosure" labels={w} ready={ready} widgetRef={widget}>
        <FieldError errors={errors.captcha} />
      </SpamGuard>
      <p className="form-error" role="alert" aria-live="assertive">
        {failure?.error ?? ""}
      </p>
      <button type="submit" className="button letter-submit" disabled={busy}>
        {busy ? w.submitting : d.form.submit}
      </button>
    </form>
  );
}

function FieldError({ errors }: { errors?: string[] }) {
  return errors?.length ? <span className="field-error">{errors.join("；")}</span> : null;
}

function Text({
  name,
  label,
  errors,
  required,
  type = "text",
}: {
  name: string;
  label: string;
  errors: Record<string, string[]>;
  required?: boolean;
  type?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={`disclosure-${name}`}>
        {label}
        {required ? <span className="required">{w.required}</span> : null}
      </label>
      <input id={`disclosure-${name}`} name={name} type={type} aria-invalid={errors[name] ? true : undefined} />
      <FieldError errors={errors[name]} />
    </div>
  );
}

function Select({
  name,
  label,
  errors,
  options,
}: {
  name: string;
  label: string;
  errors: Record<string, string[]>;
  options: [string, string][];
}) {
  return (
    <div className="field">
      <label htmlFor={`disclosure-${name}`}>
        {label}
        <span className="required">{w.required}</span>
      </label>
      <select id={`disclosure-${name}`} name={name}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <FieldError errors={errors[name]} />
    </div>
  );
}
