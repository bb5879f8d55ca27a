"use client";

import { EditorContent, useEditor, type Editor, type JSONContent } from "@tiptap/react";
import { CharacterCount, Placeholder } from "@tiptap/extensions";
import { useEffect, useRef, useState, type RefObject } from "react";
import { editorBodyExtensions } from "@/components/editor/image-node-view";
import { applyGovernmentLayout } from "@/lib/library/layout";
import { cleanPastedHtml } from "@/lib/library/paste";

// The body editor (Tiptap 3) with the same schema the server renders with. Pasted Word/WPS
// HTML is cleaned first; 一键排版 applies Chinese government text conventions.

type Upload = (file: File) => Promise<{ url: string } | { error: string }>;
type Props = {
  initialContent: JSONContent;
  editable: boolean;
  onChange: (doc: JSONContent) => void;
  onUploadImage?: Upload;
  /** What the body is for this kind (领导之窗's 简历, 机构职能's 主要职责); 正文 otherwise. */
  label?: string;
};

function ToolbarButton({
  label,
  onClick,
  active,
  disabled,
}: {
  label: string;
  onClick: () => void;
  active?: boolean;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className={active ? "tool active" : "tool"}
      aria-pressed={active}
      onClick={onClick}
      disabled={disabled}
    >
      {label}
    </button>
  );
}

function HiddenFileInput({
  inputRef,
  accept,
  label,
  onFile,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  accept: string;
  label: string;
  onFile: (file: File) => Promise<void>;
}) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept={accept}
      hidden
      aria-label={label}
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = "";
        if (file) void onFile(file);
      }}
    />
  );
}

type LibraryImage = {
  id: string;
  fileName: string;
  url: string;
  thumbnailUrl: string | null;
  width: number | null;
  height: number | null;
};

/** Images already in the asset library (of the units the editor may see). */
export function AssetPicker({ onPick, onClose }: { onPick: (image: LibraryImage) => void; onClose: () => void }) {
  const [images, setImages] = useState<LibraryImage[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    let cancelled = false;
    fetch("/api/assets?images=1")
      .then((response) => response.json())
      .then((data: { assets?: LibraryImage[]; error?: string }) => {
        if (cancelled) return;
        if (data.assets) setImages(data.assets);
        else setError(data.error ?? "无法读取资源库。");
      })
      .catch(() => !cancelled && setError("无法读取资源库。"));
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <div className="asset-picker" role="dialog" aria-label="从资源库选择图片">
      <button type="button" className="tool" onClick={onClose}>
        关闭
      </button>
      {error ? <p className="form-error">{error}</p> : null}
      {images?.length === 0 ? <p>资源库中还没有图片。</p> : null}
      <ul>
        {images?.map((image) => (
          <li key={image.id}>
            <button type="button" onClick={() => onPick(image)} aria-label={`插入 ${image.fileName}`}>
              {/* Thumbnails are our own derived files, served from /api/assets. */}
              <img src={image.thumbnailUrl ?? image.url} alt="" width={96} />
              <span>{image.fileName}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function askAlt(): string | null {
  const alt = window.prompt("请填写图片的替代文本（供读屏软件朗读，必填）", "");
  if (!alt?.trim()) {
    window.alert("图片须填写替代文本。");
    return null;
  }
  return alt.trim();
}

type Alignment = "left" | "center" | "right";

/** Paragraphs and headings align their text; a selected image aligns itself (left is the default). */
function align(editor: Editor, value: Alignment) {
  const chain = editor.chain().focus();
  if (editor.isActive("image")) chain.updateAttributes("image", { align: value === "left" ? null : value }).run();
  else chain.setTextAlign(value).run();
}

function isAligned(editor: Editor, value: Alignment): boolean {
  if (editor.isActive("image")) return (editor.getAttributes("image").align ?? "left") === value;
  return editor.isActive({ textAlign: value });
}

function Toolbar({ editor, onUploadImage }: { editor: Editor; onUploadImage?: Props["onUploadImage"] }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const attachmentInput = useRef<HTMLInputElement>(null);
  const chain = () => editor.chain().focus();
  const insertLink = () => {
    const previous = editor.getAttributes("link").href as string | undefined;
    const href = window.prompt("链接地址（http:// 或 https:// 开头）", previous ?? "https://");
    if (href === null) return;
    if (href === "") chain().unsetLink().run();
    else if (/^(https?:\/\/|mailto:)/.test(href)) chain().extendMarkRange("link").setLink({ href }).run();
    else window.alert("链接地址须以 http://、https:// 或 mailto: 开头。");
  };
  const [picking, setPicking] = useState(false);
  const insertImage = async (file: File) => {
    const alt = askAlt();
    if (!alt) return;
    const result = await onUploadImage!(file);
    if ("error" in result) window.alert(result.error);
    else chain().setImage({ src: result.url, alt }).run();
  };
  // Attachments (PDF, OFD, Word, Excel, WPS …) are links to the stored file, named as uploaded.
  const insertAttachment = async (file: File) => {
    const result = await onUploadImage!(file);
    if ("error" in result) window.alert(result.error);
    else
      chain()
        .insertContent([
          { type: "text", text: `附件：${file.name}`, marks: [{ type: "link", attrs: { href: result.url } }] },
          { type: "text", text: " " },
        ])
        .run();
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="编辑工具栏">
      <ToolbarButton label="撤销" onClick={() => chain().undo().run()} disabled={!editor.can().undo()} />
      <ToolbarButton label="重做" onClick={() => chain().redo().run()} disabled={!editor.can().redo()} />
      <ToolbarButton
        label="二级标题"
        active={editor.isActive("heading", { level: 2 })}
        onClick={() => chain().toggleHeading({ level: 2 }).run()}
      />
      <ToolbarButton
        label="三级标题"
        active={editor.isActive("heading", { level: 3 })}
        onClick={() => chain().toggleHeading({ level: 3 }).run()}
      />
      <ToolbarButton label="正文" onClick={() => chain().setParagraph().run()} />
      <ToolbarButton
        label="首行缩进"
        active={editor.isActive("paragraph", { indent: true })}
        onClick={() =>
          chain()
            .updateAttributes("paragraph", { indent: !editor.getAttributes("paragraph").indent })
            .run()
        }
      />
      <ToolbarButton label="加粗" active={editor.isActive("bold")} onClick={() => chain().toggleBold().run()} />
      <ToolbarButton label="倾斜" active={editor.isActive("italic")} onClick={() => chain().toggleItalic().run()} />
      <ToolbarButton
        label="下划线"
        active={editor.isActive("underline")}
        onClick={() => chain().toggleUnderline().run()}
      />
      <ToolbarButton
        label="项目列表"
        active={editor.isActive("bulletList")}
        onClick={() => chain().toggleBulletList().run()}
      />
      <ToolbarButton
        label="编号列表"
        active={editor.isActive("orderedList")}
        onClick={() => chain().toggleOrderedList().run()}
      />
      <ToolbarButton
        label="引用"
        active={editor.isActive("blockquote")}
        onClick={() => chain().toggleBlockquote().run()}
      />
      <ToolbarButton label="居左" active={isAligned(editor, "left")} onClick={() => align(editor, "left")} />
      <ToolbarButton label="居中" active={isAligned(editor, "center")} onClick={() => align(editor, "center")} />
      <ToolbarButton label="居右" active={isAligned(editor, "right")} onClick={() => align(editor, "right")} />
      <ToolbarButton
        label="插入表格"
        onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
      />
      <ToolbarButton
        label="合并单元格"
        onClick={() => chain().mergeCells().run()}
        disabled={!editor.can().mergeCells()}
      />
      <ToolbarButton
        label="拆分单元格"
        onClick={() => chain().splitCell().run()}
        disabled={!editor.can().splitCell()}
      />
      <ToolbarButton
        label="删除表格"
        onClick={() => chain().deleteTable().run()}
        disabled={!editor.can().deleteTable()}
      />
      <ToolbarButton label="链接" active={editor.isActive("link")} onClick={insertLink} />
      {onUploadImage ? (
        <>
          <ToolbarButton label="插入图片" onClick={() => fileInput.current?.click()} />
          <ToolbarButton label="从资源库选图" onClick={() => setPicking(true)} />
          {picking ? (
            <AssetPicker
              onClose={() => setPicking(false)}
              onPick={(image) => {
                const alt = askAlt();
                if (!alt) return;
                chain().setImage({ src: image.url, alt }).run();
                setPicking(false);
              }}
            />
          ) : null}
          <ToolbarButton label="插入附件" onClick={() => attachmentInput.current?.click()} />
          <HiddenFileInput
            inputRef={attachmentInput}
            accept=".pdf,.ofd,.doc,.docx,.xls,.xlsx,.wps,.et,.mp3,.mp4"
            label="选择附件文件"
            onFile={insertAttachment}
          />
          <HiddenFileInput
            inputRef={fileInput}
            accept="image/png,image/jpeg,image/gif,image/webp"
            label="选择图片文件"
            onFile={insertImage}
          />
        </>
      ) : null}
      <ToolbarButton
        label="一键排版"
        onClick={() => editor.commands.setContent(applyGovernmentLayout(editor.getJSON()), { emitUpdate: true })}
      />
    </div>
  );
}

export function RichTextEditor({ initialContent, editable, onChange, onUploadImage, label = "正文" }: Props) {
  const editor = useEditor({
    extensions: [
      ...editorBodyExtensions,
      CharacterCount,
      Placeholder.configure({ placeholder: `请输入${label}，或从 Word/WPS 粘贴……` }),
    ],
    content: initialContent,
    editable,
    immediatelyRender: false,
    // Its base styles are in app/globals.css: an injected <style> element would break the CSP.
    injectCSS: false,
    editorProps: {
      attributes: {
        class: "article-body editor-surface",
        "aria-label": label,
        role: "textbox",
        "aria-multiline": "true",
      },
      transformPastedHTML: (html) => cleanPastedHtml(html, new DOMParser()),
    },
    onUpdate: ({ editor: current }) => onChange(current.getJSON()),
  });
  if (!editor) return <div className="editor-surface" aria-busy="true" />;
  return (
    <div className="editor">
      {editable ? <Toolbar editor={editor} onUploadImage={onUploadImage} /> : null}
      <EditorContent editor={editor} />
      <p className="word-count" aria-live="off">
        字数：{editor.storage.characterCount.characters()}
      </p>
    </div>
  );
}
