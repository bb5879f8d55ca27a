import { messages } from "@/lib/i18n/zh-CN";
import { FieldError } from "./field-error";
import type { FieldErrors, InstitutionDraft } from "./editor-types";

// 机构职能: the unit's particulars, each optional; the rich-text body above is the 主要职责.

const labels = messages.contentKinds.institution;
const FIELDS: { key: keyof InstitutionDraft; hint?: string; type?: "tel" }[] = [
  { key: "name" },
  { key: "head" },
  { key: "address" },
  { key: "phone", hint: "如 023-65368000，多个号码以顿号分隔", type: "tel" },
  { key: "hours", hint: "如 工作日 9:00—12:00，14:00—18:00" },
];

type Props = {
  institution: InstitutionDraft | undefined;
  errors: FieldErrors;
  update: (patch: Partial<InstitutionDraft>) => void;
};

export function InstitutionFields({ institution, errors, update }: Props) {
  return (
    <fieldset className="institution-fields">
      <legend>{labels.legend}</legend>
      {FIELDS.map(({ key, hint, type }) => (
        <div className="field" key={key}>
          <label htmlFor={`institution-${key}`}>{labels[key]}</label>
          <input
            id={`institution-${key}`}
            type={type ?? "text"}
            value={institution?.[key] ?? ""}
            aria-describedby={hint ? `institution-${key}-hint` : undefined}
            aria-invalid={Boolean(errors[`metadata.institution.${key}`])}
            onChange={(event) => update({ [key]: event.target.value || undefined })}
          />
          {hint ? (
            <span className="hint" id={`institution-${key}-hint`}>
              {hint}
            </span>
          ) : null}
          <FieldError errors={errors} name={`metadata.institution.${key}`} />
        </div>
      ))}
    </fieldset>
  );
}
