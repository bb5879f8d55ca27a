"use client";

import type { JSONContent } from "@tiptap/react";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
import type { DiffSegment } from "@/lib/library/diff";
import { formatChinaDateTime, formatChinaTime } from "@/lib/time/china";
import { RichTextEditor } from "./rich-text-editor";

// The resource editor: title, body, metadata. Every few seconds the working copy is autosaved
// to the server (and once more when the tab is closed), so a closed tab or crashed browser loses
// seconds at most. Saving makes a new revision; a save based on an outdated version comes back
// as a conflict showing what the other person changed.

export type Metadata = {
  summary?: string;
  keywords?: string[];
  themeCode?: string;
  audience?: string;
  source?: { type: "original" } | { type: "reprint"; originName: string; originUrl?: string };
  disclosure?: { type: "proactive" } | { type: "on_request" } | { type: "not_disclosed"; reason: string };
  relations?: { kind: string; targetId: string }[];
  policy?: {
    docNumber: string | null;
    issuer: string;
    writtenOn: string | null;
    effectiveOn?: string | null;
    expiresOn?: string | null;
    genre: string;
  };
};

type Choice = { value: string; label: string };
type ConflictDetails = { currentVersion: number; theirs: { author: string; at: string; title: string }; changes: DiffSegment[] };

type Props = {
  resourceId: string;
  kind: string;
  baseVersion: number;
  title: string;
  body: JSONContent;
  metadata: Metadata;
  canEdit: boolean;
  restoredAt: string | null;
  themes: Choice[];
  genres: string[];
  policyChoices: Choice[];
  save: (payload: unknown) => Promise<ActionResult<unknown>>;
};

const AUTOSAVE_MS = 4000;

function timeOf(date: Date) {
  return formatChinaTime(date);
}

export function ResourceEditor(props: Props) {
  const [title, setTitle] = useState(props.title);
  const [body, setBody] = useState<JSONContent>(props.body);
  const [metadata, setMetadata] = useState<Metadata>({ source: { type: "original" }, disclosure: { type: "proactive" }, relations: [], keywords: [], ...props.metadata });
  const [baseVersion, setBaseVersion] = useState(props.baseVersion);
  const [autosaved, setAutosaved] = useState<string | null>(props.restoredAt ? `已恢复 ${timeOf(new Date(props.restoredAt))} 自动保存的内容（尚未保存为修订）` : null);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [conflict, setConflict] = useState<ConflictDetails | null>(null);
  const [pending, startTransition] = useTransition();
  const dirty = useRef(false);
  const latest = useRef({ title, body, metadata, baseVersion });
  latest.current = { title, body, metadata, baseVersion };

  const payload = useCallback(() => ({ resourceId: props.resourceId, ...latest.current }), [props.resourceId]);
  const autosave = useCallback(
    async (keepalive = false) => {
      if (!dirty.current || !props.canEdit) return;
      dirty.current = false;
      try {
        const response = await fetch("/api/library/autosave", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(payload()),
          keepalive,
        });
        if (response.ok) setAutosaved(`已自动保存 ${timeOf(new Date())}`);
        else dirty.current = true;
      } catch {
        dirty.current = true;
      }
    },
    [payload, props.canEdit],
  );

  useEffect(() => {
    const timer = setInterval(() => void autosave(), AUTOSAVE_MS);
    const onHide = () => void autosave(true);
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onHide);
    };
  }, [autosave]);

  const touch = () => {
    dirty.current = true;
    setResult(null);
  };
  const update = (patch: Partial<Metadata>) => {
    setMetadata((current) => ({ ...current, ...patch }));
    touch();
  };
  const updatePolicy = (patch: Partial<NonNullable<Metadata["policy"]>>) =>
    update({ policy: { docNumber: null, issuer: "", writtenOn: null, genre: "通知", ...metadata.policy, ...patch } });

  const onSave = (base = baseVersion) => {
    startTransition(async () => {
      // ProseMirror builds attrs objects without a prototype, which React would pass to the
      // server action as opaque references; a JSON round trip makes them plain data.
      const outcome = await props.save(JSON.parse(JSON.stringify({ ...payload(), baseVersion: base })));
      setResult(outcome);
      if (outcome.ok) {
        const saved = outcome.data as { number: number };
        setBaseVersion(saved.number);
        setConflict(null);
        dirty.current = false;
        setAutosaved(null);
      } else if (outcome.details && (outcome.details as ConflictDetails).currentVersion) {
        setConflict(outcome.details as ConflictDetails);
      }
    });
  };

  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const errorOf = (key: string) => (errors[key]?.length ? <span className="field-error">{errors[key]!.join(" ")}</span> : null);
  const policy = metadata.policy;
  const relations = metadata.relations ?? [];

  return (
    <div className="resource-editor">
      <div className="field">
        <label htmlFor="title">标题</label>
        <input id="title" value={title} readOnly={!props.canEdit} onChange={(event) => { setTitle(event.target.value); touch(); }} aria-invalid={Boolean(errors.title)} />
        {errorOf("title")}
      </div>
      <RichTextEditor initialContent={props.body} editable={props.canEdit} onChange={(doc) => { setBody(doc); touch(); }} onUploadImage={uploadImage} />

      <fieldset className="metadata" disabled={!props.canEdit}>
        <legend>元数据</legend>
        <div className="field">
          <label htmlFor="summary">摘要</label>
          <textarea id="summary" rows={2} value={metadata.summary ?? ""} onChange={(event) => update({ summary: event.target.value || undefined })} />
          {errorOf("metadata.summary")}
        </div>
        <div className="field">
          <label htmlFor="keywords">关键词（以逗号分隔）</label>
          <input id="keywords" value={(metadata.keywords ?? []).join("，")} onChange={(event) => update({ keywords: event.target.value.split(/[,，、\s]+/).filter(Boolean) })} />
        </div>
        <div className="field">
          <label htmlFor="themeCode">主题分类</label>
          <select id="themeCode" value={metadata.themeCode ?? ""} onChange={(event) => update({ themeCode: event.target.value || undefined })}>
            <option value="">请选择</option>
            {props.themes.map((theme) => (
              <option key={theme.value} value={theme.value}>{theme.label}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audience">面向对象</label>
          <select id="audience" value={metadata.audience ?? ""} onChange={(event) => update({ audience: event.target.value || undefined })}>
            <option value="">请选择</option>
            {["公众", "企业", "政府部门", "其他"].map((audience) => (
              <option key={audience}>{audience}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="source">来源</label>
          <select id="source" value={metadata.source?.type ?? "original"} onChange={(event) => update({ source: event.target.value === "reprint" ? { type: "reprint", originName: "" } : { type: "original" } })}>
            <option value="original">原创</option>
            <option value="reprint">转载</option>
          </select>
          {metadata.source?.type === "reprint" ? (
            <>
              <label htmlFor="originName">转载来源名称</label>
              <input id="originName" value={metadata.source.originName} onChange={(event) => update({ source: { ...(metadata.source as { type: "reprint"; originName: string }), originName: event.target.value } })} />
              {errorOf("metadata.source.originName")}
              <label htmlFor="originUrl">转载来源链接</label>
              <input
                id="originUrl"
                type="url"
                value={metadata.source.originUrl ?? ""}
                onChange={(event) => update({ source: { ...(metadata.source as { type: "reprint"; originName: string }), originUrl: event.target.value || undefined } })}
              />
              {errorOf("metadata.source.originUrl")}
            </>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="disclosure">公开属性</label>
          <select
            id="disclosure"
            value={metadata.disclosure?.type ?? "proactive"}
            onChange={(event) =>
              update({ disclosure: event.target.value === "not_disclosed" ? { type: "not_disclosed", reason: "" } : { type: event.target.value as "proactive" } })
            }
          >
            <option value="proactive">主动公开</option>
            <option value="on_request">依申请公开</option>
            <option value="not_disclosed">不予公开</option>
          </select>
          {metadata.disclosure?.type === "not_disclosed" ? (
            <>
              <label htmlFor="disclosureReason">不予公开理由</label>
              <select id="disclosureReason" value={metadata.disclosure.reason} onChange={(event) => update({ disclosure: { type: "not_disclosed", reason: event.target.value } })}>
                <option value="">请选择</option>
                <option value="state_secret">国家秘密</option>
                <option value="law_prohibited">法律、行政法规禁止公开</option>
                <option value="security_stability">危及国家安全、公共安全、经济安全、社会稳定</option>
                <option value="third_party">涉及商业秘密、个人隐私等第三方合法权益</option>
                <option value="internal_affairs">内部事务信息</option>
                <option value="process_information">过程性信息</option>
                <option value="administrative_enforcement">行政执法案卷信息</option>
              </select>
              {errorOf("metadata.disclosure.reason")}
            </>
          ) : null}
        </div>

        {props.kind === "POLICY" ? (
          <div className="policy-fields">
            <div className="field">
              <label htmlFor="docNumber">文号</label>
              <input id="docNumber" placeholder="如 沙府办发〔2026〕12号" value={policy?.docNumber ?? ""} onChange={(event) => updatePolicy({ docNumber: event.target.value || null })} />
              {errorOf("metadata.policy.docNumber")}
            </div>
            <div className="field">
              <label htmlFor="issuer">发文机关</label>
              <input id="issuer" value={policy?.issuer ?? ""} onChange={(event) => updatePolicy({ issuer: event.target.value })} />
              {errorOf("metadata.policy.issuer")}
            </div>
            <div className="field">
              <label htmlFor="genre">体裁</label>
              <select id="genre" value={policy?.genre ?? "通知"} onChange={(event) => updatePolicy({ genre: event.target.value })}>
                {props.genres.map((genre) => (
                  <option key={genre}>{genre}</option>
                ))}
              </select>
            </div>
            {(
              [
                ["writtenOn", "成文日期"],
                ["effectiveOn", "实施日期"],
                ["expiresOn", "废止/失效日期"],
              ] as const
            ).map(([key, label]) => (
              <div className="field" key={key}>
                <label htmlFor={key}>{label}</label>
                <input id={key} type="date" value={policy?.[key] ?? ""} onChange={(event) => updatePolicy({ [key]: event.target.value || null })} />
                {errorOf(`metadata.policy.${key}`)}
              </div>
            ))}
            {errorOf("metadata.policy")}
          </div>
        ) : null}

        {props.kind === "POLICY" || props.kind === "INTERPRETATION" ? (
          <div className="relations">
            <p>关联文件</p>
            <ul>
              {relations.map((relation, index) => (
                <li key={`${relation.kind}-${relation.targetId}`}>
                  {RELATION_LABELS[relation.kind]}：{props.policyChoices.find((choice) => choice.value === relation.targetId)?.label ?? relation.targetId}
                  <button type="button" className="link-button" onClick={() => update({ relations: relations.filter((_, i) => i !== index) })}>
                    移除
                  </button>
                </li>
              ))}
            </ul>
            <RelationPicker kind={props.kind} choices={props.policyChoices} onAdd={(relation) => update({ relations: [...relations, relation] })} />
            {errorOf("metadata.relations")}
          </div>
        ) : null}
      </fieldset>

      {conflict ? (
        <section className="conflict" role="alert" aria-labelledby="conflict-title">
          <h2 id="conflict-title">保存冲突</h2>
          <p>
            {conflict.theirs.author} 于 {formatChinaDateTime(new Date(conflict.theirs.at))} 保存了第 {conflict.currentVersion} 版。对方的修改如下（绿色为新增，红色为删除）；您的内容仍在编辑器中，未丢失。
          </p>
          <p className="diff">
            {conflict.changes.map((segment, index) =>
              segment.type === "equal" ? <span key={index}>{segment.text}</span> : segment.type === "added" ? <ins key={index}>{segment.text}</ins> : <del key={index}>{segment.text}</del>,
            )}
          </p>
          <button type="button" className="button-inline" onClick={() => onSave(conflict.currentVersion)} disabled={pending}>
            已对照合并，保存为新修订
          </button>
        </section>
      ) : null}

      {props.canEdit ? (
        <div className="editor-actions">
          <button type="button" className="button-inline" onClick={() => onSave()} disabled={pending}>
            {pending ? "正在保存…" : "保存"}
          </button>
          <output role="status" aria-live="polite" className={result && !result.ok ? "form-error" : "form-ok"}>
            {result?.message ?? ""}
          </output>
          <span className="autosave-state" aria-live="polite">{autosaved ?? ""}</span>
        </div>
      ) : (
        <p className="notice">您可以查看此稿件，但没有编辑权限。</p>
      )}
    </div>
  );
}

const RELATION_LABELS: Record<string, string> = { REVISES: "修订", REPEALS: "废止", INTERPRETS: "解读", BASED_ON: "依据" };

function RelationPicker({ kind, choices, onAdd }: { kind: string; choices: Choice[]; onAdd: (relation: { kind: string; targetId: string }) => void }) {
  const kinds = kind === "INTERPRETATION" ? ["INTERPRETS", "BASED_ON"] : ["REVISES", "REPEALS", "BASED_ON"];
  const [relationKind, setRelationKind] = useState(kinds[0]!);
  const [targetId, setTargetId] = useState("");
  return (
    <div className="relation-picker">
      <label htmlFor="relationKind">关系</label>
      <select id="relationKind" value={relationKind} onChange={(event) => setRelationKind(event.target.value)}>
        {kinds.map((value) => (
          <option key={value} value={value}>{RELATION_LABELS[value]}</option>
        ))}
      </select>
      <label htmlFor="relationTarget">政策文件</label>
      <select id="relationTarget" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
        <option value="">请选择</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>{choice.label}</option>
        ))}
      </select>
      <button type="button" className="button-inline" disabled={!targetId} onClick={() => { onAdd({ kind: relationKind, targetId }); setTargetId(""); }}>
        添加关联
      </button>
    </div>
  );
}

async function uploadImage(file: File): Promise<{ url: string } | { error: string }> {
  const form = new FormData();
  form.append("file", file);
  const response = await fetch("/api/assets", { method: "POST", body: form });
  const data = (await response.json().catch(() => ({}))) as { url?: string; error?: string };
  return response.ok && data.url ? { url: data.url } : { error: data.error ?? "图片上传失败，请稍后再试。" };
}
