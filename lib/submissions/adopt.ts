import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { emitEvent } from "@/lib/events/outbox";
import { notifySubmittingUnit } from "@/lib/submissions/notify-unit";
import { withPortalSync } from "@/lib/cache/portal-sync";
import { publishInstance } from "@/lib/publish/publish";
import { submissionMessages as t } from "@/lib/i18n/zh-CN-submissions";
import { actOnSide, assertTransition, lockSubmission } from "@/lib/submissions/access";
import { assertSiteColumns } from "@/lib/submissions/columns";
import { recordSubmissionEvent } from "@/lib/submissions/record-event";
import { ZSubmissionStep } from "@/lib/submissions/withdraw";

// 采用 (资源同享): the desk places the SAME library item on columns of its own site; nothing is
// copied. What goes live is exactly what the submitting unit's review approved (DESIGN invariants
// 1 and 2): if the submitted revision is already public, the new placements show it at once; if it
// was approved but not yet published, it is published now through the one publishing function.
// If the item changed after it was submitted (a new revision, a withdrawal), adoption is refused.

type Context = Partial<RequestContext>;

export const ZAdopt = ZSubmissionStep.extend({
  columnIds: z.array(z.uuid(t.errors.columnsRequired)).min(1, t.errors.columnsRequired).max(20),
  remark: zText().trim().max(500, "采用说明不超过 500 字").optional(),
});

export async function adoptSubmission(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { submissionId, version, columnIds, remark } = parseInput(ZAdopt, input);
  const peek = await getDb().submission.findUnique({
    where: { id: submissionId },
    select: { toSite: { select: { orgId: true } } },
  });
  if (!peek) throw notFound();
  const { role } = await actOnSide(actor, "submission.decide", peek.toSite.orgId);
  return withPortalSync(() =>
    getDb().$transaction(async (tx) => {
      const submission = await lockSubmission(tx, submissionId);
      assertTransition(submission, "ADOPT", version);
      const columns = await assertSiteColumns(tx, submission.toSite.id, columnIds);
      await tx.$executeRaw`select 1 from "Resource" where id = ${submission.resourceId}::uuid for update`;
      const resource = await tx.resource.findUniqueOrThrow({ where: { id: submission.resourceId } });
      const unchanged =
        resource.version === submission.revision.number &&
        (resource.state === "APPROVED" || resource.state === "PUBLISHED") &&
        !resource.trashedAt;
      if (!unchanged) throw conflict(t.errors.changedSince);
      const live = await tx.publication.findFirst({
        where: { resourceId: resource.id, withdrawnAt: null, supersededAt: null },
        select: { id: true, revisionId: true },
      });
      const now = new Date();
      await tx.placement.createMany({
        data: columns.map((columnId) => ({ columnId, resourceId: resource.id })),
        skipDuplicates: true,
      });
      let publicationId: string;
      if (live) {
        if (live.revisionId !== submission.revisionId) throw conflict(t.errors.changedSince);
        publicationId = live.id;
        await emitEvent(tx, "placement.changed", `resource:${resource.id}`, {
          publicationId: live.id,
          resourceId: resource.id,
          added: columns,
        });
      } else {
        const approved = await tx.reviewInstance.findFirst({
          where: {
            revisionId: submission.revisionId,
            status: "APPROVED",
            contentHash: submission.revision.contentHash,
            publication: { is: null },
          },
          select: { id: true },
        });
        if (!approved) throw conflict(t.errors.changedSince);
        const publication = await publishInstance(tx, approved.id, {
          actorId: actor.id,
          role,
          via: "manual",
          ...context,
        });
        publicationId = publication.id;
      }
      const updated = await tx.submission.update({
        where: { id: submission.id },
        data: {
          state: "ADOPTED",
          reason: remark || null,
          columnIds: columns,
          adoptedAt: now,
          adoptedById: actor.id,
          publishedAt: now,
          updatedAt: now,
          version: { increment: 1 },
        },
      });
      const side = { userId: actor.id, orgId: submission.toSite.orgId, columnIds: columns, at: now };
      await recordSubmissionEvent(tx, {
        submissionId: submission.id,
        kind: "ADOPT",
        fromState: "SUBMITTED",
        toState: "ADOPTED",
        note: remark || null,
        ...side,
      });
      await recordSubmissionEvent(tx, {
        submissionId: submission.id,
        kind: "PUBLISH",
        fromState: "ADOPTED",
        toState: "ADOPTED",
        ...side,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        role,
        action: "submission.adopt",
        subject: `submission:${submission.id}`,
        data: {
          title: submission.revision.title,
          site: submission.toSite.name,
          resourceId: resource.id,
          revision: submission.revision.number,
          columnIds: columns,
          publicationId,
          ...(remark ? { note: remark } : {}),
        },
        ...context,
      });
      await notifySubmittingUnit(tx, submission, t.notices.adopted(submission.revision.title, submission.toSite.name));
      return updated;
    }),
  );
}
