import { messages } from "@/lib/i18n/zh-CN";
import { FieldError } from "./field-error";
import type { Audience, Choice, DisclosureDraft, FieldErrors, MetadataDraft, TDisclosureReason } from "./editor-types";

// The metadata every resource carries (统一元数据): summary, keywords, theme, audience, source
// (原创/转载) and disclosure (主动公开/依申请公开/不予公开 with its reason).

const labels = messages.metadata;
const REASON_LABELS: Record<TDisclosureReason, string> = labels.disclosureReasons;
const REASONS = Object.keys(REASON_LABELS) as TDisclosureReason[];
const DISCLOSURE_LABELS: Record<DisclosureDraft["type"], string> = labels.disclosure;
const DISCLOSURE_TYPES = Object.keys(DISCLOSURE_LABELS) as DisclosureDraft["type"][];
const SOURCE_LABELS: Record<NonNullable<MetadataDraft["source"]>["type"], string> = labels.sources;

type Props = {
  metadata: MetadataDraft;
  errors: FieldErrors;
  themes: Choice[];
  audiences: readonly Audience[];
  update: (patch: Partial<MetadataDraft>) => void;
};

export function MetadataFields({ metadata, errors, themes, audiences, update }: Props) {
  const source = metadata.source;
  const disclosure = metadata.disclosure;
  return (
    <>
      <div className="field">
        <label htmlFor="summary">摘要</label>
        <textarea
          id="summary"
          rows={2}
          value={metadata.summary ?? ""}
          onChange={(event) => update({ summary: event.target.value || undefined })}
        />
        <FieldError errors={errors} name="metadata.summary" />
      </div>
      <div className="field">
        <label htmlFor="keywords">关键词（以逗号分隔）</label>
        <input
          id="keywords"
          value={(metadata.keywords ?? []).join("，")}
          onChange={(event) => update({ keywords: event.target.value.split(/[,，、\s]+/).filter(Boolean) })}
        />
      </div>
      <div className="field">
        <label htmlFor="themeCode">主题分类</label>
        <select
          id="themeCode"
          value={metadata.themeCode ?? ""}
          onChange={(event) => update({ themeCode: event.target.value || undefined })}
        >
          <option value="">请选择</option>
          {themes.map((theme) => (
            <option key={theme.value} value={theme.value}>
              {theme.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audience">面向对象</label>
        <select
          id="audience"
          value={metadata.audience ?? ""}
          onChange={(event) => update({ audience: audiences.find((audience) => audience === event.target.value) })}
        >
          <option value="">请选择</option>
          {audiences.map((audience) => (
            <option key={audience}>{audience}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="source">来源</label>
        <select
          id="source"
          value={source?.type ?? "original"}
          onChange={(event) =>
            update({
              source: event.target.value === "reprint" ? { type: "reprint", originName: "" } : { type: "original" },
            })
          }
        >
          <option value="original">{SOURCE_LABELS.original}</option>
          <option value="reprint">{SOURCE_LABELS.reprint}</option>
        </select>
        {source?.type !== "reprint" ? (
          <>
            <label htmlFor="sourceName">{labels.fields.sourceName}</label>
            <input
              id="sourceName"
              placeholder="不填则为所属单位名称"
              value={source?.name ?? ""}
              onChange={(event) => update({ source: { type: "original", name: event.target.value || undefined } })}
            />
            <FieldError errors={errors} name="metadata.source.name" />
          </>
        ) : null}
        {source?.type === "reprint" ? (
          <>
            <label htmlFor="originName">转载来源名称</label>
            <input
              id="originName"
              value={source.originName}
              onChange={(event) => update({ source: { ...source, originName: event.target.value } })}
            />
            <FieldError errors={errors} name="metadata.source.originName" />
            <label htmlFor="originUrl">转载来源链接</label>
            <input
              id="originUrl"
              type="url"
              value={source.originUrl ?? ""}
              onChange={(event) => update({ source: { ...source, originUrl: event.target.value || undefined } })}
            />
            <FieldError errors={errors} name="metadata.source.originUrl" />
          </>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="disclosure">公开属性</label>
        <select
          id="disclosure"
          value={disclosure?.type ?? "proactive"}
          onChange={(event) => {
            const type = DISCLOSURE_TYPES.find((candidate) => candidate === event.target.value) ?? "proactive";
            update({ disclosure: type === "not_disclosed" ? { type, reason: "" } : { type } });
          }}
        >
          {DISCLOSURE_TYPES.map((type) => (
            <option key={type} value={type}>
              {DISCLOSURE_LABELS[type]}
            </option>
          ))}
        </select>
        {disclosure?.type === "not_disclosed" ? (
          <>
            <label htmlFor="disclosureReason">不予公开理由</label>
            <select
              id="disclosureReason"
              value={disclosure.reason}
              onChange={(event) =>
                update({
                  disclosure: {
                    type: "not_disclosed",
                    reason: REASONS.find((reason) => reason === event.target.value) ?? "",
                  },
                })
              }
            >
              <option value="">请选择</option>
              {REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {REASON_LABELS[reason]}
                </option>
              ))}
            </select>
            <FieldError errors={errors} name="metadata.disclosure.reason" />
          </>
        ) : null}
      </div>
    </>
  );
}
