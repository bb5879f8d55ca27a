"use client";

import type { CSSProperties } from "react";
import { NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from "@tiptap/react";
import { BodyImage, IMAGE_ALIGNMENTS, bodyExtensions, type ImageAlign } from "@/lib/library/extensions";

// Images in the editor: the same node as on the portal (lib/library/extensions.ts), shown with
// a field for their alt text. An image without one — a Word import from LibreOffice or WPS, say —
// is marked 缺少替代文本 until the editor types it; the mark lives only here, never in the
// stored content, so the portal cannot show it.

const ALIGN_STYLE: Record<ImageAlign, CSSProperties> = {
  center: { display: "block", marginLeft: "auto", marginRight: "auto" },
  right: { display: "block", marginLeft: "auto", marginRight: 0 },
};

function ImageView({ node, editor, selected, updateAttributes }: ReactNodeViewProps) {
  const alt = String(node.attrs.alt ?? "");
  const isMissingAlt = alt.trim() === "";
  const align = IMAGE_ALIGNMENTS.find((known) => known === node.attrs.align);
  const width = typeof node.attrs.width === "number" ? node.attrs.width : undefined;
  return (
    <NodeViewWrapper
      className={["editor-image", isMissingAlt ? "alt-missing" : "", selected ? "selected" : ""].join(" ").trim()}
      data-align={align}
    >
      {/* The image is the stored asset itself, as the portal shows it. */}
      <img src={String(node.attrs.src ?? "")} alt={alt} width={width} style={align ? ALIGN_STYLE[align] : undefined} />
      {isMissingAlt ? <span className="alt-missing-badge">缺少替代文本</span> : null}
      {editor.isEditable ? (
        <label className="image-alt-field">
          <span>替代文本</span>
          <input
            type="text"
            value={alt}
            maxLength={200}
            placeholder="描述图片内容，供读屏软件朗读"
            aria-invalid={isMissingAlt}
            onChange={(event) => updateAttributes({ alt: event.target.value })}
          />
        </label>
      ) : null}
    </NodeViewWrapper>
  );
}

const EditorImage = BodyImage.extend({
  addNodeView() {
    return ReactNodeViewRenderer(ImageView);
  },
});

/** The body schema with the editor's own image view; the schema itself is unchanged. */
export const editorBodyExtensions = bodyExtensions.map((extension) =>
  extension === BodyImage ? EditorImage : extension,
);
