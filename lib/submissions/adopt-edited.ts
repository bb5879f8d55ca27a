import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { forbidden, notFound, unauthenticated } from "@/lib/errors";
import { emit } from "@/lib/events/bus";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { blocksToDoc, computeContentHash, type RichText } from "@/lib/library/content";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { openInstance } from "@/lib/review/open";
import { notifySubmittingUnit } from "@/lib/submissions/notify-unit";
import { actOnSide, assertTransition, lockSubmission } from "@/lib/submissions/access";
import { assertSiteColumns } from "@/lib/submissions/columns";
import { submissionMessages as t } from "@/lib/i18n/zh-CN-submissions";
import { recordSubmissionEvent } from "@/lib/submissions/record-event";
import { ZAdopt } from "@/lib/submissions/adopt";

// 编辑后采用: the desk adopts the submission with its own edits. The edited text is a new revision
// by the desk — revision 1 of the desk unit's own edition, linked from the submission — because a
// revision of the submitter's item would change the submitter's own pages and go through the
// submitter's review. The edition goes through the desk unit's review (its workflow, its signers)
// and is placed on the chosen columns only when that review approves it; the submission records
// when it went live (recordEditionPublication, on the outbox).

type Context = Partial<RequestContext>;

export const ZAdoptEdited = ZAdopt.extend({
  title: zText({ singleLine: true }).trim().min(1, "请填写标题").max(200, "标题不超过 200 字"),
  /** Plain paragraphs, one a line; empty keeps the submitted body as it is (images and tables included). */
  body: zText().trim().max(50_000, "正文过长").optional(),
});

function editedBody(original: unknown, text: string | undefined): RichText {
  if (!text) return original as RichText;
  return blocksToDoc(
    text
      .split(/\n+/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ type: "paragraph" as const, text: line })),
  );
}

/** The submitted metadata, with the submitting unit as the edition's 来源 (their text, our edits). */
function editionMetadata(original: unknown, fromOrgName: string) {
  const source = { type: "original" as const, name: fromOrgName.slice(0, 50) };
  const parsed = ZRevisionMetadata.safeParse({ ...(original as object), source });
  return parsed.success ? parsed.data : ZRevisionMetadata.parse({ source });
}

export async function adoptSubmissionEdited(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { submissionId, version, columnIds, remark, title, body } = parseInput(ZAdoptEdited, input);
  const db = getDb();
  const peek = await db.submission.findUnique({
    where: { id: submissionId },
    select: { toSite: { select: { orgId: true } } },
  });
  if (!peek) throw notFound();
  const { orgId: deskOrgId, role } = await actOnSide(actor, "submission.decide", peek.toSite.orgId);
  // The edition is the desk unit's own library item, submitted to its review.
  try {
    await assertCan(actor, "resource.create", { orgId: deskOrgId });
    await assertCan(actor, "review.submit", { orgId: deskOrgId });
  } catch {
    throw forbidden("编辑后采用须由本单位的采编人员办理（生成稿件并送审）。");
  }
  await emit("review.submitting", { db, actor, ownerOrgId: deskOrgId, columnIds, channelIds: [] });
  // Loaded here, outside the transaction: the subscribers' process starts without it (#21).
  const { renderBodyHtml } = await import("@/lib/library/render-body");
  return db.$transaction(async (tx: Tx) => {
    const submission = await lockSubmission(tx, submissionId);
    assertTransition(submission, "ADOPT_EDITED", version);
    const columns = await assertSiteColumns(tx, submission.toSite.id, columnIds);
    const now = new Date();
    const content = {
      title,
      body: editedBody(submission.revision.body, body),
      metadata: editionMetadata(submission.revision.metadata, submission.fromOrg.name),
    };
    const contentHash = computeContentHash(content);
    const resource = await tx.resource.create({
      data: { kind: submission.resource.kind, ownerOrgId: deskOrgId, createdById: actor.id, title, version: 1 },
    });
    const revision = await tx.revision.create({
      data: {
        resourceId: resource.id,
        number: 1,
        title,
        body: content.body,
        bodyHtml: renderBodyHtml(content.body),
        metadata: content.metadata,
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
        publishMode: "ON_APPROVAL",
        publishAt: null,
        columnIds: columns,
        correctionNote: null,
      },
      { role, ...context },
    );
    const updated = await tx.submission.update({
      where: { id: submission.id },
      data: {
        state: "ADOPTED_EDITED",
        reason: remark || null,
        columnIds: columns,
        adoptedResourceId: resource.id,
        adoptedAt: now,
        adoptedById: actor.id,
        updatedAt: now,
        version: { increment: 1 },
      },
    });
    await recordSubmissionEvent(tx, {
      submissionId: submission.id,
      kind: "ADOPT_EDITED",
      fromState: "SUBMITTED",
      toState: "ADOPTED_EDITED",
      userId: actor.id,
      orgId: deskOrgId,
      note: remark || null,
      columnIds: columns,
      at: now,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "submission.adopt_edited",
      subject: `submission:${submission.id}`,
      data: {
        title,
        site: submission.toSite.name,
        resourceId: submission.resourceId,
        adoptedResourceId: resource.id,
        reviewInstanceId: instance.id,
        workflow: instance.workflowName,
        columnIds: columns,
        ...(remark ? { note: remark } : {}),
      },
      ...context,
    });
    await notifySubmittingUnit(
      tx,
      submission,
      t.notices.adoptedEdited(submission.revision.title, submission.toSite.name),
    );
    return { submission: updated, resourceId: resource.id, instanceId: instance.id };
  });
}

/**
 * Publication → 上线: when an edition adopted edited is published (its review approved it), the
 * submission records the time (the subscriber runs in the publishing transaction, lib/subscribers.ts).
 */
export async function recordEditionPublication(tx: Tx, topic: string, payload: { resourceId: string }): Promise<void> {
  if (topic !== "publication.published") return;
  const waiting = await tx.submission.findMany({
    where: { adoptedResourceId: payload.resourceId, state: "ADOPTED_EDITED", publishedAt: null },
    select: {
      id: true,
      columnIds: true,
      fromOrgId: true,
      submittedById: true,
      revision: { select: { title: true } },
      toSite: { select: { name: true } },
    },
  });
  const now = new Date();
  for (const submission of waiting) {
    await tx.submission.update({ where: { id: submission.id }, data: { publishedAt: now, updatedAt: now } });
    await recordSubmissionEvent(tx, {
      submissionId: submission.id,
      kind: "PUBLISH",
      fromState: "ADOPTED_EDITED",
      toState: "ADOPTED_EDITED",
      userId: null,
      orgId: null,
      columnIds: submission.columnIds,
      at: now,
    });
    // 上线: the submitting unit hears that its text, as the desk edited it, is live.
    await notifySubmittingUnit(tx, submission, t.notices.live(submission.revision.title, submission.toSite.name));
  }
}
