import { z } from "zod";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, fromPrismaError, invalid, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { loadVisibleResource } from "@/lib/library/resources";
import { notify } from "@/lib/org/notifications";
import { submissionMessages as t } from "@/lib/i18n/zh-CN-submissions";
import { actOnSide, submittingUnitOf } from "@/lib/submissions/access";
import { recordSubmissionEvent } from "@/lib/submissions/record-event";

// 报送 (seed 004: 供稿科室 → 信息员 → 信息主管 → 报送): the unit's 信息员 or 信息主管 offers an item
// its own review approved to another site that takes submissions. What is offered is the
// approved revision itself; the desk adopts that text or nothing. A resource is pending at most
// once per site (custom_Submission_one_pending keeps it under concurrency too).

type Context = Partial<RequestContext>;

export const ZSubmit = z.object({
  resourceId: z.uuid("稿件不正确"),
  siteId: z.uuid(t.errors.siteRequired),
  note: zText().trim().max(500, "报送说明不超过 500 字").optional(),
});
export type TSubmit = z.input<typeof ZSubmit>;

/** The approved revision of a resource (its latest, reviewed on this text), or null. */
export async function findApprovedRevision(tx: Tx | Db, resource: { id: string; version: number; state: string }) {
  if (resource.state !== "APPROVED" && resource.state !== "PUBLISHED") return null;
  const revision = await tx.revision.findUnique({
    where: { resourceId_number: { resourceId: resource.id, number: resource.version } },
    select: { id: true, number: true, title: true, contentHash: true },
  });
  if (!revision) return null;
  const reviewed = await tx.reviewInstance.findFirst({
    where: { revisionId: revision.id, status: "APPROVED", contentHash: revision.contentHash },
    select: { id: true },
  });
  const imported = await tx.publication.findFirst({
    where: { revisionId: revision.id, origin: "IMPORTED", withdrawnAt: null, supersededAt: null },
    select: { id: true },
  });
  return reviewed || imported ? revision : null;
}

export async function submitToSite(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { resourceId, siteId, note } = parseInput(ZSubmit, input);
  const resource = await loadVisibleResource(actor, resourceId);
  const { role } = await actOnSide(actor, "submission.submit", resource.ownerOrgId);
  const fromOrgId = await submittingUnitOf(resource.ownerOrgId);
  const db = getDb();
  const site = await db.site.findUnique({
    where: { id: siteId },
    select: { id: true, name: true, orgId: true, acceptsSubmissions: true },
  });
  if (!site) throw invalid(t.errors.siteRequired, { siteId: [t.errors.siteRequired] });
  if (!site.acceptsSubmissions) throw conflict(t.errors.notAccepting);
  if (site.orgId === fromOrgId || site.orgId === resource.ownerOrgId) throw conflict(t.errors.ownSite);
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRaw`select 1 from "Resource" where id = ${resource.id}::uuid for update`;
      const current = await tx.resource.findUniqueOrThrow({ where: { id: resource.id } });
      const revision = await findApprovedRevision(tx, current);
      if (!revision || current.trashedAt) throw conflict(t.errors.notApproved);
      const pending = await tx.submission.findFirst({
        where: { resourceId: resource.id, toSiteId: site.id, state: "SUBMITTED" },
        select: { id: true },
      });
      if (pending) throw conflict(t.errors.alreadyPending);
      const now = new Date();
      const submission = await tx.submission.create({
        data: {
          resourceId: resource.id,
          revisionId: revision.id,
          fromOrgId,
          submittedById: actor.id,
          toSiteId: site.id,
          note: note || null,
          submittedAt: now,
          updatedAt: now,
        },
      });
      await recordSubmissionEvent(tx, {
        submissionId: submission.id,
        kind: "SUBMIT",
        fromState: null,
        toState: "SUBMITTED",
        userId: actor.id,
        orgId: fromOrgId,
        note: note || null,
        at: now,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        role,
        action: "submission.submit",
        subject: `submission:${submission.id}`,
        data: { title: revision.title, resourceId: resource.id, revision: revision.number, site: site.name },
        ...context,
      });
      const desk = await tx.membership.findMany({
        where: { orgId: site.orgId, role: { in: ["EDITOR", "INFO_OFFICER", "SITE_ADMIN"] }, user: { active: true } },
        select: { userId: true },
      });
      await notify(
        tx,
        desk.map((member) => member.userId),
        `新来稿：${revision.title}`,
        `/admin/submissions/${submission.id}`,
      );
      return submission;
    });
  } catch (error) {
    // Two submits racing past the check above meet the partial unique index.
    if ((error as { code?: string }).code === "P2002") fromPrismaError(error, { conflict: t.errors.alreadyPending });
    throw error;
  }
}
