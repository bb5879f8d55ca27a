"use client";

import { useRef, useState, useTransition } from "react";
import type { THomeBlockKind as HomeBlockKind } from "@/lib/sites/home-blocks";
import type { ActionResult } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { HomeBlockForm, defaultConfig, type ComposerBlock, type ComposerColumn } from "./home-block-form";

// 首页区块 composer: the site administrator adds, removes and configures blocks and puts them in
// order by drag and drop or with 上移/下移 (keyboard), saves the draft, previews it in the
// portal's template and publishes it. Every move is announced in a live region.

const h = messages.homeBlocks;
const t = h.composer;
const KINDS = Object.keys(h.kinds) as HomeBlockKind[];

let counter = 0;
const newUid = () => `blk-${(counter += 1)}`;

export function HomeComposer({
  siteId,
  version: initialVersion,
  previewPath: initialPreviewPath,
  columns,
  blocks: initialBlocks,
  saveDraftAction,
  publishAction,
}: {
  siteId: string;
  version: number;
  /** The signed preview link of the saved draft, if any. */
  previewPath: string | null;
  columns: ComposerColumn[];
  blocks: { kind: HomeBlockKind; title: string; config: unknown }[];
  /** Server actions of the route (components do not import route folders). */
  saveDraftAction: (input: unknown) => Promise<ActionResult<{ version: number; previewPath: string }>>;
  publishAction: (input: unknown) => Promise<ActionResult<{ version: number }>>;
}) {
  const [blocks, setBlocks] = useState<ComposerBlock[]>(() =>
    initialBlocks.map((block) => ({ ...block, uid: newUid(), config: block.config as Record<string, unknown> })),
  );
  const [version, setVersion] = useState(initialVersion);
  const [previewPath, setPreviewPath] = useState(initialPreviewPath);
  const [dirty, setDirty] = useState(false);
  const [addKind, setAddKind] = useState<HomeBlockKind>("FOCUS");
  const [announcement, setAnnouncement] = useState("");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const dragged = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const update = (next: ComposerBlock[]) => {
    setBlocks(next);
    setDirty(true);
  };

  const move = (from: number, to: number, focus?: "up" | "down") => {
    if (to < 0 || to >= blocks.length || from === to) return;
    const next = [...blocks];
    const [block] = next.splice(from, 1);
    next.splice(to, 0, block!);
    update(next);
    setAnnouncement(t.moved(block!.title, to + 1, next.length));
    // Keep the keyboard where it was: on the same button of the moved block.
    if (focus)
      requestAnimationFrame(() =>
        list.current?.querySelector<HTMLButtonElement>(`[data-uid="${block!.uid}"] [data-move="${focus}"]`)?.focus(),
      );
  };

  const payload = () => ({
    siteId,
    baseVersion: version,
    blocks: blocks.map(({ kind, title, config }) => ({ kind, title, config })),
  });

  const save = async (): Promise<number | null> => {
    const saved = await saveDraftAction(payload());
    setResult(saved);
    if (!saved.ok || !saved.data) return null;
    setVersion(saved.data.version);
    setPreviewPath(saved.data.previewPath);
    setDirty(false);
    return saved.data.version;
  };

  const publish = () =>
    startTransition(async () => {
      const saved = dirty || !previewPath ? await save() : version;
      if (saved === null) return;
      setResult(await publishAction({ siteId, version: saved }));
    });

  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const errorsOf = (index: number) =>
    Object.entries(fieldErrors)
      .filter(([key]) => key.startsWith(`blocks.${index}.`))
      .flatMap(([, list]) => list);

  return (
    <div className="home-composer">
      <h2>{t.blocks}</h2>
      {blocks.length === 0 ? <p className="empty">{t.empty}</p> : null}
      <ol className="home-composer-list" ref={list}>
        {blocks.map((block, index) => {
          const errors = errorsOf(index);
          return (
            <li
              key={block.uid}
              data-uid={block.uid}
              className="home-composer-item"
              draggable
              onDragStart={(event) => {
                dragged.current = index;
                event.dataTransfer.effectAllowed = "move";
                event.dataTransfer.setData("text/plain", block.uid);
              }}
              onDragOver={(event) => {
                event.preventDefault();
                event.dataTransfer.dropEffect = "move";
              }}
              onDrop={(event) => {
                event.preventDefault();
                if (dragged.current !== null) move(dragged.current, index);
                dragged.current = null;
              }}
            >
              <div className="home-composer-head">
                <span className="home-drag-handle" title={t.dragHandle} aria-hidden="true">
                  ⠿
                </span>
                <strong>
                  {index + 1}. {h.kinds[block.kind]}「{block.title}」
                </strong>
                <span className="home-composer-buttons">
                  <button
                    type="button"
                    data-move="up"
                    disabled={index === 0}
                    aria-label={`${t.moveUp}：${block.title}`}
                    onClick={() => move(index, index - 1, "up")}
                  >
                    {t.moveUp}
                  </button>
                  <button
                    type="button"
                    data-move="down"
                    disabled={index === blocks.length - 1}
                    aria-label={`${t.moveDown}：${block.title}`}
                    onClick={() => move(index, index + 1, "down")}
                  >
                    {t.moveDown}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`${t.remove}：${block.title}`}
                    onClick={() => {
                      update(blocks.filter((candidate) => candidate.uid !== block.uid));
                      setAnnouncement(t.removed(block.title));
                    }}
                  >
                    {t.remove}
                  </button>
                </span>
              </div>
              {errors.length ? (
                <ul className="field-error">
                  {errors.map((error) => (
                    <li key={error}>{error}</li>
                  ))}
                </ul>
              ) : null}
              <details open={errors.length > 0 || undefined}>
                <summary>
                  {t.configure}：{block.title}
                </summary>
                <HomeBlockForm
                  block={block}
                  columns={columns}
                  onChange={(changed) =>
                    update(blocks.map((candidate) => (candidate.uid === block.uid ? changed : candidate)))
                  }
                />
              </details>
            </li>
          );
        })}
      </ol>
      <div className="home-composer-add">
        <label htmlFor="home-add-kind">{t.addKind}</label>
        <select
          id="home-add-kind"
          value={addKind}
          onChange={(event) => setAddKind(event.target.value as HomeBlockKind)}
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {h.kinds[kind]}：{h.kindHints[kind]}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => {
            const block = {
              uid: newUid(),
              kind: addKind,
              title: h.kinds[addKind],
              config: defaultConfig(addKind, columns),
            };
            update([...blocks, block]);
            setAnnouncement(t.added(block.title));
          }}
        >
          {t.addButton}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <div className="home-composer-actions">
        <button type="button" disabled={pending} onClick={() => startTransition(async () => void (await save()))}>
          {t.saveDraft}
        </button>
        {previewPath && !dirty ? (
          <a className="button-link secondary" href={previewPath} target="_blank" rel="noopener">
            {t.preview}
          </a>
        ) : (
          <span className="hint">{dirty ? t.unsaved : null}</span>
        )}
        <button type="button" disabled={pending} onClick={publish}>
          {t.publish}
        </button>
      </div>
      <output className={result?.ok ? "form-ok" : "form-error"} role="status" aria-live="polite">
        {result?.message ?? ""}
      </output>
    </div>
  );
}
