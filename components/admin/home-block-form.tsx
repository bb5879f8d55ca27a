"use client";

import { useState } from "react";
import type { THomeBlockKind as HomeBlockKind } from "@/lib/sites/home-blocks";
import { uploadImage } from "@/components/editor/upload-image";
import { messages } from "@/lib/i18n/zh-CN";

// The settings of one block in the home-page composer, per kind. Values are kept as the composer
// holds them; lib/sites/home-blocks.ts validates them when the layout is saved.

const t = messages.homeBlocks.composer;

export type ComposerColumn = { id: string; parentId: string | null; name: string; kind: string };
export type ComposerConfig = Record<string, unknown>;
export type ComposerBlock = { uid: string; kind: HomeBlockKind; title: string; config: ComposerConfig };

/** Columns in tree order, each with its depth, for the pickers. */
export function orderColumns(columns: ComposerColumn[]): (ComposerColumn & { depth: number })[] {
  const out: (ComposerColumn & { depth: number })[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const column of columns.filter((candidate) => candidate.parentId === parentId)) {
      out.push({ ...column, depth });
      walk(column.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** What a newly added block starts with. */
export function defaultConfig(kind: HomeBlockKind, columns: ComposerColumn[]): ComposerConfig {
  const list = columns.find((column) => column.kind === "LIST")?.id ?? "";
  const named = (word: string) => columns.find((column) => column.name.includes(word))?.id ?? list;
  switch (kind) {
    case "FOCUS":
      return { columnIds: list ? [list] : [], count: 5 };
    case "HEADLINES":
      return { columnIds: [], count: 8, withImage: true };
    case "COLUMN":
      return { columnId: list, count: 6, showSummary: false, showImage: false };
    case "NOTICES":
      return { columnId: named("通知"), count: 6 };
    case "POLICIES":
    case "INTERPRETATIONS":
      return { columnIds: [], count: 6 };
    case "SERVICES":
      return { columnId: "", count: 12 };
    case "INTERACTION":
      return { columnId: "" };
    case "TOPICS":
      return { columnId: "", count: 4 };
    case "LEADERS":
      return { columnId: named("领导"), count: 8 };
    case "IMAGE_BANNER":
      return { src: "", href: "", alt: "" };
    case "LINKS":
      return { links: [{ name: "中国政府网", url: "https://www.gov.cn/" }] };
  }
}

const MULTI: HomeBlockKind[] = ["FOCUS", "HEADLINES", "POLICIES", "INTERPRETATIONS"];
const SINGLE_REQUIRED: HomeBlockKind[] = ["COLUMN", "NOTICES", "LEADERS"];
const SINGLE_OPTIONAL: HomeBlockKind[] = ["SERVICES", "INTERACTION", "TOPICS"];
const COUNTED: HomeBlockKind[] = [
  "FOCUS",
  "HEADLINES",
  "COLUMN",
  "NOTICES",
  "POLICIES",
  "INTERPRETATIONS",
  "SERVICES",
  "TOPICS",
  "LEADERS",
];

export function HomeBlockForm({
  block,
  columns,
  onChange,
}: {
  block: ComposerBlock;
  columns: ComposerColumn[];
  onChange: (block: ComposerBlock) => void;
}) {
  const id = (name: string) => `${block.uid}-${name}`;
  const config = block.config;
  const set = (patch: ComposerConfig) => onChange({ ...block, config: { ...config, ...patch } });
  const ordered = orderColumns(columns);
  const label = (column: { name: string; depth: number }) => `${"　".repeat(column.depth)}${column.name}`;
  return (
    <div className="home-block-form">
      <label htmlFor={id("title")}>{t.blockTitle}</label>
      <input
        id={id("title")}
        value={block.title}
        maxLength={20}
        onChange={(event) => onChange({ ...block, title: event.target.value })}
      />
      {MULTI.includes(block.kind) ? (
        <fieldset>
          <legend>
            {t.columns}
            {block.kind === "FOCUS" ? null : `（${t.columnsWholeSite}）`}
          </legend>
          <div className="home-column-choices">
            {ordered.map((column) => {
              const chosen = ((config.columnIds as string[] | undefined) ?? []).includes(column.id);
              return (
                <label key={column.id}>
                  <input
                    type="checkbox"
                    checked={chosen}
                    onChange={() => {
                      const current = (config.columnIds as string[] | undefined) ?? [];
                      set({ columnIds: chosen ? current.filter((c) => c !== column.id) : [...current, column.id] });
                    }}
                  />
                  {label(column)}
                </label>
              );
            })}
          </div>
        </fieldset>
      ) : null}
      {SINGLE_REQUIRED.includes(block.kind) || SINGLE_OPTIONAL.includes(block.kind) ? (
        <>
          <label htmlFor={id("column")}>{t.column}</label>
          <select
            id={id("column")}
            value={(config.columnId as string) ?? ""}
            onChange={(event) => set({ columnId: event.target.value })}
          >
            <option value="">{SINGLE_OPTIONAL.includes(block.kind) ? t.columnAny : "请选择"}</option>
            {ordered.map((column) => (
              <option key={column.id} value={column.id}>
                {label(column)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {COUNTED.includes(block.kind) ? (
        <>
          <label htmlFor={id("count")}>{t.count}</label>
          <input
            id={id("count")}
            type="number"
            min={1}
            max={24}
            value={String(config.count ?? "")}
            onChange={(event) => set({ count: event.target.value === "" ? "" : Number(event.target.value) })}
          />
        </>
      ) : null}
      {block.kind === "HEADLINES" ? (
        <Check
          id={id("withImage")}
          label={t.withImage}
          value={config.withImage}
          onChange={(withImage) => set({ withImage })}
        />
      ) : null}
      {block.kind === "COLUMN" ? (
        <>
          <Check
            id={id("summary")}
            label={t.showSummary}
            value={config.showSummary}
            onChange={(showSummary) => set({ showSummary })}
          />
          <Check
            id={id("image")}
            label={t.showImage}
            value={config.showImage}
            onChange={(showImage) => set({ showImage })}
          />
        </>
      ) : null}
      {block.kind === "IMAGE_BANNER" ? <ImageBannerFields id={id} config={config} set={set} /> : null}
      {block.kind === "LINKS" ? <LinksField id={id("links")} config={config} set={set} /> : null}
    </div>
  );
}

function Check({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: boolean) => void;
}) {
  return (
    <label htmlFor={id} className="checkbox">
      <input id={id} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}

function ImageBannerFields({
  id,
  config,
  set,
}: {
  id: (name: string) => string;
  config: ComposerConfig;
  set: (patch: ComposerConfig) => void;
}) {
  const [status, setStatus] = useState("");
  return (
    <>
      <label htmlFor={id("src")}>{t.imageSrc}</label>
      <input id={id("src")} value={String(config.src ?? "")} onChange={(event) => set({ src: event.target.value })} />
      <label htmlFor={id("upload")}>{t.upload}</label>
      <input
        id={id("upload")}
        type="file"
        accept="image/png,image/jpeg,image/webp,image/gif"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          setStatus(t.uploading);
          const result = await uploadImage(file);
          if ("url" in result) {
            set({ src: result.url });
            setStatus("");
          } else setStatus(result.error);
        }}
      />
      <output aria-live="polite" className="form-error">
        {status}
      </output>
      {config.src ? <img className="home-banner-thumb" src={String(config.src)} alt="" /> : null}
      <label htmlFor={id("alt")}>{t.alt}</label>
      <input
        id={id("alt")}
        value={String(config.alt ?? "")}
        maxLength={100}
        onChange={(event) => set({ alt: event.target.value })}
      />
      <label htmlFor={id("href")}>{t.href}</label>
      <input
        id={id("href")}
        value={String(config.href ?? "")}
        onChange={(event) => set({ href: event.target.value })}
      />
    </>
  );
}

/** Links as lines of "名称 网址": the last space-separated part is the address. */
export function parseLinkLines(text: string): { name: string; url: string }[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.search(/\s\S+$/);
      return at < 0 ? { name: line, url: "" } : { name: line.slice(0, at).trim(), url: line.slice(at).trim() };
    });
}

function LinksField({ id, config, set }: { id: string; config: ComposerConfig; set: (patch: ComposerConfig) => void }) {
  const links = (config.links as { name: string; url: string }[] | undefined) ?? [];
  const [text, setText] = useState(links.map((link) => `${link.name} ${link.url}`).join("\n"));
  return (
    <>
      <label htmlFor={id}>{t.links}</label>
      <textarea
        id={id}
        rows={Math.max(3, links.length + 1)}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          set({ links: parseLinkLines(event.target.value) });
        }}
      />
    </>
  );
}
