import { messages } from "@/lib/i18n/zh-CN";
import { FieldError } from "./field-error";
import type { Choice, FieldErrors, QaDraft } from "./editor-types";

// 问答 (答问库): the title above is the question and the body the 答复口径; here the themes, the
// policies the answer rests on (a change to one flags the entry 待复核), the 有效期 and the 答复单位.

const labels = messages.qa.fields;
const hints = messages.qa.hints;

type Props = {
  qa: QaDraft | undefined;
  themes: Choice[];
  policies: Choice[];
  units: Choice[];
  errors: FieldErrors;
  update: (patch: Partial<QaDraft>) => void;
};

const selected = (select: HTMLSelectElement) => Array.from(select.selectedOptions, (option) => option.value);

export function QaFields({ qa, themes, policies, units, errors, update }: Props) {
  return (
    <fieldset className="qa-fields">
      <legend>{labels.legend}</legend>
      <div className="field">
        <label htmlFor="qa-themes">{labels.themes}</label>
        <select
          id="qa-themes"
          multiple
          size={Math.min(6, Math.max(themes.length, 2))}
          value={qa?.themes ?? []}
          aria-describedby="qa-themes-hint"
          onChange={(event) => update({ themes: selected(event.target) })}
        >
          {themes.map((theme) => (
            <option key={theme.value} value={theme.value}>
              {theme.label}
            </option>
          ))}
        </select>
        <span className="hint" id="qa-themes-hint">
          {hints.themes}
        </span>
        <FieldError errors={errors} name="metadata.qa.themes" />
      </div>
      <div className="field">
        <label htmlFor="qa-policies">{labels.policies}</label>
        <select
          id="qa-policies"
          multiple
          size={Math.min(6, Math.max(policies.length, 2))}
          value={qa?.policyIds ?? []}
          aria-describedby="qa-policies-hint"
          onChange={(event) => update({ policyIds: selected(event.target) })}
        >
          {policies.map((policy) => (
            <option key={policy.value} value={policy.value}>
              {policy.label}
            </option>
          ))}
        </select>
        <span className="hint" id="qa-policies-hint">
          {hints.policies}
        </span>
        <FieldError errors={errors} name="metadata.qa.policyIds" />
      </div>
      <div className="field">
        <label htmlFor="qa-validFrom">{labels.validFrom}</label>
        <input
          id="qa-validFrom"
          type="date"
          value={qa?.validFrom ?? ""}
          aria-describedby="qa-validity-hint"
          onChange={(event) => update({ validFrom: event.target.value || undefined })}
        />
        <label htmlFor="qa-validTo">{labels.validTo}</label>
        <input
          id="qa-validTo"
          type="date"
          value={qa?.validTo ?? ""}
          aria-describedby="qa-validity-hint"
          onChange={(event) => update({ validTo: event.target.value || undefined })}
        />
        <span className="hint" id="qa-validity-hint">
          {hints.validity}
        </span>
        <FieldError errors={errors} name="metadata.qa.validFrom" />
        <FieldError errors={errors} name="metadata.qa.validTo" />
      </div>
      <div className="field">
        <label htmlFor="qa-unit">{labels.unit}</label>
        <select
          id="qa-unit"
          value={qa?.unitId ?? ""}
          onChange={(event) => update({ unitId: event.target.value || undefined })}
        >
          <option value="">所属单位</option>
          {units.map((unit) => (
            <option key={unit.value} value={unit.value}>
              {unit.label}
            </option>
          ))}
        </select>
        <FieldError errors={errors} name="metadata.qa.unitId" />
      </div>
    </fieldset>
  );
}
