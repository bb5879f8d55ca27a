import { FieldError } from "./field-error";
import type { FieldErrors, InstitutionDraft } from "./editor-types";

// 机构职能: the unit's particulars, each optional; the rich-text body above is the 主要职责.

const FIELDS: { key: keyof InstitutionDraft; label: string; hint?: string; type?: "tel" }[] = [
  { key: "name", label: "机构名称" },
  { key: "head", label: "负责人" },
  { key: "address", label: "办公地址" },
  { key: "phone", label: "办公电话", hint: "如 023-65368000，多个号码以顿号分隔", type: "tel" },
  { key: "hours", label: "办公时间", hint: "如 工作日 9:00—12:00，14:00—18:00" },
];

type Props = {
  institution: InstitutionDraft | undefined;
  errors: FieldErrors;
  update: (patch: Partial<InstitutionDraft>) => void;
};

export function InstitutionFields({ institution, errors, update }: Props) {
  return (
    <fieldset className="institution-fields">
      <legend>机构信息（可不填）</legend>
      {FIELDS.map(({ key, label, hint, type }) => (
        <div className="field" key={key}>
          <label htmlFor={`institution-${key}`}>{label}</label>
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
