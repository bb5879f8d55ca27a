import { Field } from "@/components/admin/action-form";

// The 专题 fields of the column form: intro and banner (upload a new image, or pick one from the
// unit's images). Saved only for columns of kind 专题 (lib/sites/topic-settings.ts).

export type BannerChoice = { url: string; fileName: string };

export function TopicFields({
  idPrefix,
  intro,
  bannerSrc,
  images,
}: {
  idPrefix: string;
  intro?: string | null;
  bannerSrc?: string | null;
  images: BannerChoice[];
}) {
  const options = images.map((image) => ({ value: image.url, label: image.fileName }));
  if (bannerSrc && !options.some((option) => option.value === bannerSrc))
    options.unshift({ value: bannerSrc, label: "当前题图" });
  return (
    <fieldset className="topic-fields">
      <legend>专题设置（仅专题栏目）</legend>
      <Field
        id={`${idPrefix}-intro`}
        name="intro"
        label="专题简介（不超过 500 字）"
        type="textarea"
        defaultValue={intro ?? ""}
      />
      {bannerSrc ? <img className="topic-banner-preview" src={bannerSrc} alt="当前专题题图" /> : null}
      <Field
        id={`${idPrefix}-banner`}
        name="bannerSrc"
        label="专题题图（从图片库选择）"
        type="select"
        defaultValue={bannerSrc ?? ""}
        options={options}
      />
      <Field
        id={`${idPrefix}-banner-file`}
        name="bannerFile"
        label="或上传新题图（JPG、PNG、GIF、WebP，建议宽 1200 像素）"
        type="file"
        accept="image/jpeg,image/png,image/gif,image/webp"
      />
    </fieldset>
  );
}
