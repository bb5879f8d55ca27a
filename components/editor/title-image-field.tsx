"use client";

import type { JSONContent } from "@tiptap/react";
import { useState, type KeyboardEvent, type MouseEvent } from "react";
import { focalObjectPosition, focalPointFromClick } from "@/lib/library/focal-point";
import { messages } from "@/lib/i18n/zh-CN";
import { FieldError } from "./field-error";
import { uploadImage } from "./upload-image";
import { AssetPicker } from "./rich-text-editor";
import type { FieldErrors, MetadataDraft } from "./editor-types";

// 标题图片: an image of the asset library (uploaded here, or one of the body's images), and its
// focal point, set by clicking the subject (or with the arrow keys). The two frames beside it show
// how focus-image blocks and share cards will crop it.

type TitleImage = NonNullable<MetadataDraft["titleImage"]>;

const ASSET_SRC = /^\/api\/assets\/[0-9a-f-]{36}$/;
const KEY_STEP = 0.05;
const KEY_MOVES: Record<string, [number, number]> = {
  ArrowLeft: [-KEY_STEP, 0],
  ArrowRight: [KEY_STEP, 0],
  ArrowUp: [0, -KEY_STEP],
  ArrowDown: [0, KEY_STEP],
};

/** The asset images the body already shows, in order, once each. */
function bodyImages(body: JSONContent): string[] {
  const found: string[] = [];
  const walk = (node: JSONContent) => {
    const src = node.type === "image" ? node.attrs?.src : undefined;
    if (typeof src === "string" && ASSET_SRC.test(src) && !found.includes(src)) found.push(src);
    node.content?.forEach(walk);
  };
  walk(body);
  return found;
}

type Props = {
  image: MetadataDraft["titleImage"];
  body: JSONContent;
  errors: FieldErrors;
  onChange: (image: TitleImage | undefined) => void;
  /** Another image of the same shape (领导之窗's 照片): its legend, element ids and error path. */
  as?: { legend: string; id: string; errorPath: string };
};

const TITLE_IMAGE = { legend: messages.metadata.fields.titleImage, id: "titleImage", errorPath: "metadata.titleImage" };

export function TitleImageField({ image, body, errors, onChange, as = TITLE_IMAGE }: Props) {
  const [status, setStatus] = useState("");
  const [picking, setPicking] = useState(false);
  const focal = { focalX: image?.focalX ?? 0.5, focalY: image?.focalY ?? 0.5 };
  const choices = bodyImages(body);

  const onUpload = async (file: File | undefined) => {
    if (!file) return;
    setStatus("正在上传…");
    const uploaded = await uploadImage(file);
    if ("error" in uploaded) return setStatus(uploaded.error);
    setStatus("");
    onChange({ src: uploaded.url, focalX: 0.5, focalY: 0.5, alt: image?.alt });
  };
  const onPick = (event: MouseEvent<HTMLImageElement>) => {
    if (!image) return;
    onChange({
      ...image,
      ...focalPointFromClick(event.currentTarget.getBoundingClientRect(), event.clientX, event.clientY),
    });
  };
  const onKey = (event: KeyboardEvent<HTMLImageElement>) => {
    const move = KEY_MOVES[event.key];
    if (!image || !move) return;
    event.preventDefault();
    const clamp = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
    onChange({ ...image, focalX: clamp(focal.focalX + move[0]), focalY: clamp(focal.focalY + move[1]) });
  };

  return (
    <fieldset className="title-image">
      <legend>{as.legend}</legend>
      {image ? (
        <div className="title-image-editor">
          <div className="focal-picker">
            <img
              src={image.src}
              alt={image.alt ?? as.legend}
              tabIndex={0}
              aria-describedby={`${as.id}-focal-help`}
              onClick={onPick}
              onKeyDown={onKey}
            />
            <span
              className="focal-marker"
              aria-hidden="true"
              style={{ left: `${focal.focalX * 100}%`, top: `${focal.focalY * 100}%` }}
            />
          </div>
          <p id={`${as.id}-focal-help`} className="hint" aria-live="polite">
            点击图片中的主体设置焦点（或用方向键移动）。当前焦点：
            <output aria-label="焦点位置">
              横 {Math.round(focal.focalX * 100)}%，纵 {Math.round(focal.focalY * 100)}%
            </output>
          </p>
          <div className="focal-previews" aria-label="裁切预览">
            {["wide", "square"].map((shape) => (
              <img
                key={shape}
                className={`focal-preview focal-preview-${shape}`}
                src={image.src}
                alt=""
                style={{ objectPosition: focalObjectPosition(focal) }}
              />
            ))}
          </div>
          <label htmlFor={`${as.id}Alt`}>图片说明（替代文本）</label>
          <input
            id={`${as.id}Alt`}
            value={image.alt ?? ""}
            onChange={(event) => onChange({ ...image, alt: event.target.value || undefined })}
          />
          <FieldError errors={errors} name={`${as.errorPath}.alt`} />
          <button type="button" className="button-inline" onClick={() => onChange(undefined)}>
            移除{as.legend}
          </button>
        </div>
      ) : null}
      <label htmlFor={`${as.id}Upload`}>{image ? "更换：上传图片" : "上传图片"}</label>
      <input
        id={`${as.id}Upload`}
        type="file"
        accept="image/jpeg,image/png,image/gif,image/webp"
        onChange={(event) => void onUpload(event.target.files?.[0])}
      />
      <button type="button" className="button-inline" onClick={() => setPicking(true)}>
        从资源库选择{as.legend}
      </button>
      {picking ? (
        <AssetPicker
          onClose={() => setPicking(false)}
          onPick={(picked) => {
            setPicking(false);
            onChange({ src: picked.url, focalX: 0.5, focalY: 0.5, alt: image?.alt });
          }}
        />
      ) : null}
      {choices.length ? (
        <div className="title-image-choices" role="group" aria-label="使用正文中的图片">
          {choices.map((src, index) => (
            <button
              key={src}
              type="button"
              className="button-inline"
              aria-pressed={image?.src === src}
              onClick={() => onChange({ src, focalX: 0.5, focalY: 0.5, alt: image?.alt })}
            >
              使用正文第 {index + 1} 张图片
            </button>
          ))}
        </div>
      ) : null}
      <span role="status" aria-live="polite">
        {status}
      </span>
      <FieldError errors={errors} name={`${as.errorPath}.src`} />
      <FieldError errors={errors} name={`${as.errorPath}.focalX`} />
      <FieldError errors={errors} name={`${as.errorPath}.focalY`} />
    </fieldset>
  );
}
