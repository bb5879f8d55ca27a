import type { Tx } from "@/lib/db/client";
import type { ResourceKind } from "@/lib/db/generated/enums";
import type { RequestContext } from "@/lib/auth/authenticate";
import { computeContentHash, type RichText } from "@/lib/library/content";
import { renderBodyHtml } from "@/lib/library/render-body";
import type { TRevisionMetadata } from "@/lib/library/metadata";
import { openInstance } from "@/lib/review/open";

// Store first (先入库，后使用) for what 政民互动 makes from its records — the public copy of a letter
// (留言答复), a 征集结果反馈, an interview's 文字实录: the text becomes a library item of its kind (a new
// revision of the same item when its review sent it back), submitted to the owning unit's review
// and published on approval to one column, like any other content. A record that goes to one
// person rather than to a site (the 告知书 of 依申请公开) names no column: it is reviewed the same
// way and, once approved, waits (publish mode MANUAL) instead of being placed anywhere.

export type RecordDraft = {
  kind: ResourceKind;
  ownerOrgId: string;
  /** The item made from this record before, if any: the draft becomes its next revision. */
  previousId: string | null;
  title: string;
  body: RichText;
  metadata: TRevisionMetadata;
  /** The column it is published to on approval; null: reviewed, never placed on a site. */
  columnId: string | null;
};

export async function submitRecordForReview(
  tx: Tx,
  draft: RecordDraft,
  actor: { id: string; role: string },
  context: Partial<RequestContext>,
) {
  const { title, body, metadata } = draft;
  const contentHash = computeContentHash({ title, body, metadata });
  const previous = draft.previousId ? await tx.resource.findUniqueOrThrow({ where: { id: draft.previousId } }) : null;
  const number = (previous?.version ?? 0) + 1;
  const resource = previous
    ? await tx.resource.update({
        where: { id: previous.id },
        data: { version: number, title, state: "DRAFT", updatedAt: new Date() },
      })
    : await tx.resource.create({
        data: { kind: draft.kind, ownerOrgId: draft.ownerOrgId, createdById: actor.id, title, version: 1 },
      });
  const revision = await tx.revision.create({
    data: {
      resourceId: resource.id,
      number,
      title,
      body,
      bodyHtml: renderBodyHtml(body),
      metadata,
      contentHash,
      authorId: actor.id,
    },
  });
  const instance = await openInstance(
    tx,
    {
      resource,
      revision,
      submittedById: actor.id,
      flagged: false,
      flagReason: null,
      publishMode: draft.columnId ? "ON_APPROVAL" : "MANUAL",
      publishAt: null,
      columnIds: draft.columnId ? [draft.columnId] : [],
      correctionNote: null,
    },
    { role: actor.role, ...context },
  );
  return { resource, number, contentHash, instance };
}
