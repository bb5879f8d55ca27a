"use client";

import type { JSONContent } from "@tiptap/react";
import { useCallback, useLayoutEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
import { RichTextEditor } from "./rich-text-editor";
import { FieldError } from "./field-error";
import { MetadataFields } from "./metadata-fields";
import { ArticleFields } from "./article-fields";
import { TitleImageField } from "./title-image-field";
import { EMPTY_POLICY, PolicyFields } from "./policy-fields";
import { RelationFields } from "./relation-fields";
import { EMPTY_LEADER, LeaderFields } from "./leader-fields";
import { InstitutionFields } from "./institution-fields";
import { QaFields } from "./qa-fields";
import { bodyLabel } from "@/lib/library/kinds";
import { SaveBar } from "./save-bar";
import { SaveConflict, conflictOf } from "./save-conflict";
import { uploadImage } from "./upload-image";
import { useAutosave } from "./use-autosave";
import type {
  Audience,
  Choice,
  FieldErrors,
  InstitutionDraft,
  LeaderDraft,
  MetadataDraft,
  PolicyDraft,
  QaDraft,
  SaveConflictDetails,
} from "./editor-types";

// The resource editor: title, body, metadata. The working copy is autosaved (use-autosave.ts);
// saving makes a new revision, and a save based on an outdated version comes back as a conflict
// showing what the other person changed (save-conflict.tsx). 领导之窗 and 机构职能 add their own
// fields, and their body is the 简历 or the 主要职责.

export type { MetadataDraft } from "./editor-types";

type Props = {
  resourceId: string;
  kind: string;
  baseVersion: number;
  title: string;
  body: JSONContent;
  metadata: MetadataDraft;
  canEdit: boolean;
  restoredAt: string | null;
  themes: Choice[];
  genres: readonly string[];
  audiences: readonly Audience[];
  policyChoices: Choice[];
  /** 问答 only: 答问主题, linkable policies and interpretations, 答复单位. */
  qaChoices?: { themes: Choice[]; policies: Choice[]; units: Choice[] };
  save: (payload: unknown) => Promise<ActionResult<unknown>>;
};

export function ResourceEditor(props: Props) {
  const [title, setTitle] = useState(props.title);
  const [body, setBody] = useState<JSONContent>(props.body);
  const [metadata, setMetadata] = useState<MetadataDraft>({
    source: { type: "original" },
    disclosure: { type: "proactive" },
    relations: [],
    keywords: [],
    ...props.metadata,
  });
  const [baseVersion, setBaseVersion] = useState(props.baseVersion);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [conflict, setConflict] = useState<SaveConflictDetails | null>(null);
  const [pending, startTransition] = useTransition();
  // What autosave and save send: the latest committed state, kept current after each render.
  const latest = useRef({ title, body, metadata, baseVersion });
  useLayoutEffect(() => {
    latest.current = { title, body, metadata, baseVersion };
  }, [title, body, metadata, baseVersion]);

  const payload = useCallback(() => ({ resourceId: props.resourceId, ...latest.current }), [props.resourceId]);
  const autosave = useAutosave({ payload, enabled: props.canEdit, restoredAt: props.restoredAt });

  const touch = () => {
    autosave.markDirty();
    setResult(null);
  };
  const update = (patch: Partial<MetadataDraft>) => {
    setMetadata((current) => ({ ...current, ...patch }));
    touch();
  };
  const updatePolicy = (patch: Partial<PolicyDraft>) =>
    update({ policy: { ...EMPTY_POLICY, ...metadata.policy, ...patch } });
  // The title of a leader's item is the name (the page's heading; the post is shown under it), filled
  // in from the name until the editor writes a title of their own.
  const updateLeader = (patch: Partial<LeaderDraft>) => {
    const current = { ...EMPTY_LEADER, ...metadata.leader };
    if (patch.name !== undefined && (title.trim() === "" || title === current.name)) setTitle(patch.name);
    update({ leader: { ...current, ...patch } });
  };
  const updateInstitution = (patch: Partial<InstitutionDraft>) =>
    update({ institution: { ...metadata.institution, ...patch } });
  const updateQa = (patch: Partial<QaDraft>) => update({ qa: { ...metadata.qa, ...patch } });

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
        autosave.markSaved();
      } else {
        const details = conflictOf(outcome.details);
        if (details) setConflict(details);
      }
    });
  };

  const errors: FieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const hasRelations = props.kind === "POLICY" || props.kind === "INTERPRETATION";
  const isLeader = props.kind === "LEADER";
  const bodyLabelText = bodyLabel(props.kind);

  return (
    <div className="resource-editor">
      <div className="field">
        <label htmlFor="title">标题</label>
        <input
          id="title"
          value={title}
          readOnly={!props.canEdit}
          onChange={(event) => {
            setTitle(event.target.value);
            touch();
          }}
          aria-invalid={Boolean(errors.title)}
        />
        <FieldError errors={errors} name="title" />
      </div>
      {isLeader ? (
        <LeaderFields
          leader={metadata.leader}
          body={body}
          errors={errors}
          update={updateLeader}
          disabled={!props.canEdit}
        />
      ) : null}
      {bodyLabelText ? <p className="body-label">{bodyLabelText}</p> : null}
      <RichTextEditor
        label={bodyLabelText}
        initialContent={props.body}
        editable={props.canEdit}
        onChange={(doc) => {
          setBody(doc);
          touch();
        }}
        onUploadImage={uploadImage}
      />

      <fieldset className="metadata" disabled={!props.canEdit}>
        <legend>元数据</legend>
        {isLeader ? null : (
          <>
            <ArticleFields metadata={metadata} errors={errors} update={update} />
            <TitleImageField
              image={metadata.titleImage}
              body={body}
              errors={errors}
              onChange={(titleImage) => update({ titleImage })}
            />
          </>
        )}
        <MetadataFields
          metadata={metadata}
          errors={errors}
          themes={props.themes}
          audiences={props.audiences}
          update={update}
        />
        {props.kind === "POLICY" ? (
          <PolicyFields policy={metadata.policy} genres={props.genres} errors={errors} update={updatePolicy} />
        ) : null}
        {props.kind === "INSTITUTION" ? (
          <InstitutionFields institution={metadata.institution} errors={errors} update={updateInstitution} />
        ) : null}
        {props.kind === "QA" && props.qaChoices ? (
          <QaFields
            qa={metadata.qa}
            themes={props.qaChoices.themes}
            policies={props.qaChoices.policies}
            units={props.qaChoices.units}
            errors={errors}
            update={updateQa}
          />
        ) : null}
        {hasRelations ? (
          <RelationFields
            kind={props.kind}
            relations={metadata.relations ?? []}
            choices={props.policyChoices}
            errors={errors}
            onChange={(relations) => update({ relations })}
          />
        ) : null}
      </fieldset>

      {conflict ? <SaveConflict conflict={conflict} pending={pending} onSaveOver={onSave} /> : null}
      <SaveBar
        canEdit={props.canEdit}
        pending={pending}
        result={result}
        autosaved={autosave.status}
        onSave={() => onSave()}
      />
    </div>
  );
}
