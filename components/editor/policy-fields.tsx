import { FieldError } from "./field-error";
import type { FieldErrors, PolicyDraft } from "./editor-types";

// The 发文 fields of a policy document (政策文件): 文号, issuer, genre and its dates.

/** 文件类别: 规章 and 行政规范性文件 are counted in the 政府信息公开工作年度报告 (table 二). */
const POLICY_CATEGORY_CHOICES = [
  { value: "rule", label: "规章" },
  { value: "normative", label: "行政规范性文件" },
] as const;

const DATES = [
  ["writtenOn", "成文日期"],
  ["effectiveOn", "实施日期"],
  ["expiresOn", "废止/失效日期"],
] as const;

export const EMPTY_POLICY: PolicyDraft = { docNumber: null, issuer: "", writtenOn: null, genre: "通知" };

type Props = {
  policy: PolicyDraft | undefined;
  genres: readonly string[];
  errors: FieldErrors;
  update: (patch: Partial<PolicyDraft>) => void;
};

export function PolicyFields({ policy, genres, errors, update }: Props) {
  return (
    <div className="policy-fields">
      <div className="field">
        <label htmlFor="docNumber">文号</label>
        <input
          id="docNumber"
          placeholder="如 沙府办发〔2026〕12号"
          value={policy?.docNumber ?? ""}
          onChange={(event) => update({ docNumber: event.target.value || null })}
        />
        <FieldError errors={errors} name="metadata.policy.docNumber" />
      </div>
      <div className="field">
        <label htmlFor="issuer">发文机关</label>
        <input id="issuer" value={policy?.issuer ?? ""} onChange={(event) => update({ issuer: event.target.value })} />
        <FieldError errors={errors} name="metadata.policy.issuer" />
      </div>
      <div className="field">
        <label htmlFor="genre">体裁</label>
        <select
          id="genre"
          value={policy?.genre ?? EMPTY_POLICY.genre}
          onChange={(event) => update({ genre: event.target.value })}
        >
          {genres.map((genre) => (
            <option key={genre}>{genre}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="policyCategory">文件类别</label>
        <select
          id="policyCategory"
          value={policy?.category ?? ""}
          onChange={(event) => update({ category: (event.target.value || undefined) as PolicyDraft["category"] })}
        >
          <option value="">其他文件</option>
          {POLICY_CATEGORY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <FieldError errors={errors} name="metadata.policy.category" />
      </div>
      {DATES.map(([key, label]) => (
        <div className="field" key={key}>
          <label htmlFor={key}>{label}</label>
          <input
            id={key}
            type="date"
            value={policy?.[key] ?? ""}
            onChange={(event) => update({ [key]: event.target.value || null })}
          />
          <FieldError errors={errors} name={`metadata.policy.${key}`} />
        </div>
      ))}
      <FieldError errors={errors} name="metadata.policy" />
    </div>
  );
}
