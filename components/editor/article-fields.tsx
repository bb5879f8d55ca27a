import { messages } from "@/lib/i18n/zh-CN";
import { FieldError } from "./field-error";
import type { FieldErrors, MetadataDraft } from "./editor-types";

// The fields portal pages show around an article (引题 above the title, 副标题 below it, 作者 and
// 责任编辑 in the meta line) and 外链, for an item that links to a page elsewhere.

const labels = messages.metadata.fields;

type TextKey = "leadTitle" | "subtitle" | "author" | "editor" | "externalUrl";

const FIELDS: { key: TextKey; hint?: string; type?: "url" }[] = [
  { key: "leadTitle", hint: "标题上方的一行，可不填" },
  { key: "subtitle", hint: "标题下方的一行，可不填" },
  { key: "author" },
  { key: "editor" },
  { key: "externalUrl", hint: "填写后，此稿件在网站上链接到该网址（非政府网站先经离站提示）", type: "url" },
];

type Props = {
  metadata: MetadataDraft;
  errors: FieldErrors;
  update: (patch: Partial<MetadataDraft>) => void;
};

export function ArticleFields({ metadata, errors, update }: Props) {
  return (
    <div className="article-fields">
      {FIELDS.map(({ key, hint, type }) => (
        <div className="field" key={key}>
          <label htmlFor={key}>{labels[key]}</label>
          <input
            id={key}
            type={type ?? "text"}
            value={metadata[key] ?? ""}
            placeholder={type === "url" ? "https://" : undefined}
            aria-describedby={hint ? `${key}-hint` : undefined}
            aria-invalid={Boolean(errors[`metadata.${key}`])}
            onChange={(event) => update({ [key]: event.target.value || undefined })}
          />
          {hint ? (
            <span className="hint" id={`${key}-hint`}>
              {hint}
            </span>
          ) : null}
          <FieldError errors={errors} name={`metadata.${key}`} />
        </div>
      ))}
    </div>
  );
}
