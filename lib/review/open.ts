import type { Tx } from "@/lib/db/client";
import type { PublishMode, ResourceKind, Revision } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { notify } from "@/lib/org/notifications";
import { invalid } from "@/lib/errors";
import { checkRevision } from "@/lib/review/revision-checks";
import { loadBarredSigners, loadUnitFacts, signableFor, type UnitFacts } from "@/lib/review/eligibility";
import { currentStage, ZStages, type SignOffFact, type Stage } from "@/lib/review/stages";
import { closeReviewTasks, reviewTask } from "@/lib/review/tasks";

// Opening a review instance: the workflow that applies, a snapshot of its stages, the
// automated pre-checks of the revision, and a task for everyone who may sign the first stage.
// Used by submission and by every new revision of an item under review (its earlier instance
// is cancelled: sign-offs never carry over to different text).

/**
 * The workflow for a unit and kind: the nearest unit's own (kind first), else the platform default.
 * A 转载 (`reprint`) takes the nearest fast-track workflow marked for reprints when there is one,
 * else the ordinary one; ordinary items never take a reprint workflow.
 */
export async function resolveWorkflow(
  tx: Tx,
  lineage: string[],
  kind: ResourceKind,
  options: { reprint?: boolean } = {},
) {
  if (options.reprint) {
    const fastTrack = await findWorkflow(tx, lineage, kind, true);
    if (fastTrack) return fastTrack;
  }
  const workflow = await findWorkflow(tx, lineage, kind, false);
  if (!workflow) throw invalid("该单位尚未配置审核流程，请联系系统管理员。");
  return workflow;
}

async function findWorkflow(tx: Tx, lineage: string[], kind: ResourceKind, forReprint: boolean) {
  const candidates = await tx.workflow.findMany({
    where: {
      OR: [{ orgId: { in: lineage } }, { orgId: null }],
      AND: [{ OR: [{ kind }, { kind: null }] }],
      forReprint,
    },
    include: { stages: { orderBy: { position: "asc" } } },
  });
  const rank = (workflow: (typeof candidates)[number]) => {
    const depth = workflow.orgId === null ? lineage.length : lineage.indexOf(workflow.orgId);
    return depth * 2 + (workflow.kind === null ? 1 : 0);
  };
  const workflow = candidates.sort((a, b) => rank(a) - rank(b))[0];
  return workflow && workflow.stages.length > 0 ? workflow : null;
}

export type OpenInput = {
  resource: { id: string; kind: ResourceKind; ownerOrgId: string };
  revision: Pick<Revision, "id" | "number" | "title" | "body" | "metadata" | "contentHash" | "authorId">;
  submittedById: string;
  flagged: boolean;
  flagReason: string | null;
  publishMode: PublishMode;
  publishAt: Date | null;
  columnIds: string[];
  /** New-media channels to deliver to when published (validated by the caller). */
  channelIds?: string[];
  correctionNote: string | null;
  /** A 转载 of upper-level information: the unit's fast-track workflow applies if it has one. */
  reprint?: boolean;
};

export async function openInstance(
  tx: Tx,
  input: OpenInput,
  audit: { role: string; ip?: string | null; userAgent?: string | null },
) {
  const unit = await loadUnitFacts(tx, input.resource.ownerOrgId);
  const workflow = await resolveWorkflow(tx, unit.lineage, input.resource.kind, { reprint: input.reprint });
  const stages: Stage[] = ZStages.parse(
    workflow.stages.map((stage) => ({
      position: stage.position,
      name: stage.name,
      type: stage.type,
      role: stage.role,
      checks: stage.checks,
      condition: stage.condition,
    })),
  );
  const first = currentStage(stages, input.flagged, []);
  if (!first) throw invalid("审核流程没有适用的环节，请联系系统管理员。");
  const findings = await checkRevision(tx, input.revision, input.resource.kind);
  const barredUserIds = await loadBarredSigners(tx, {
    resourceId: input.resource.id,
    revision: input.revision,
    submittedById: input.submittedById,
  });
  const instance = await tx.reviewInstance.create({
    data: {
      resourceId: input.resource.id,
      revisionId: input.revision.id,
      contentHash: input.revision.contentHash,
      workflowId: workflow.id,
      workflowName: workflow.name,
      stages,
      allowSameSigner: workflow.allowSameSigner,
      flagged: input.flagged,
      flagReason: input.flagReason,
      currentStage: first.position,
      findings,
      publishMode: input.publishMode,
      publishAt: input.publishAt,
      columnIds: input.columnIds,
      channelIds: input.channelIds ?? [],
      correctionNote: input.correctionNote,
      submittedById: input.submittedById,
      barredUserIds,
    },
  });
  await tx.resource.update({ where: { id: input.resource.id }, data: { state: "IN_REVIEW" } });
  await recordAudit(tx, {
    actorId: input.submittedById,
    role: audit.role,
    action: "review.submit",
    subject: `review:${instance.id}`,
    data: {
      resourceId: input.resource.id,
      revision: input.revision.number,
      contentHash: input.revision.contentHash,
      workflow: workflow.name,
      flagged: input.flagged,
      findings: findings.length,
    },
    ip: audit.ip,
    userAgent: audit.userAgent,
  });
  await notifyStage(tx, instance.id, input.revision.title, unit, first, [], barredUserIds);
  return instance;
}

/** Everyone who may sign `stage` now, except the barred (authors since the last publication, the submitter). */
export async function eligibleUsers(
  tx: Tx,
  unit: UnitFacts,
  stage: Stage,
  signOffs: SignOffFact[],
  barred: string[],
): Promise<string[]> {
  if (stage.type === "DIRECT_RESPONSIBLE") return unit.direct && !barred.includes(unit.direct) ? [unit.direct] : [];
  if (stage.type === "FIRST_RESPONSIBLE") return unit.first && !barred.includes(unit.first) ? [unit.first] : [];
  const role = stage.type === "CHECKS" ? "CHECK_REVIEWER" : stage.role;
  if (!role) return [];
  const memberships = await tx.membership.findMany({
    where: { orgId: { in: unit.lineage }, role, user: { active: true } },
    select: { userId: true, orgId: true, role: true, checks: true },
  });
  return [...new Set(memberships.map((membership) => membership.userId))].filter(
    (userId) =>
      !barred.includes(userId) &&
      signableFor(
        { userId, memberships: memberships.filter((membership) => membership.userId === userId) },
        unit,
        stage,
        signOffs,
      ).length > 0,
  );
}

export async function notifyStage(
  tx: Tx,
  instanceId: string,
  title: string,
  unit: UnitFacts,
  stage: Stage,
  signOffs: SignOffFact[],
  barred: string[],
) {
  const users = await eligibleUsers(tx, unit, stage, signOffs, barred);
  await notify(
    tx,
    users,
    `待审核（${stage.name}）：${title}`,
    `/admin/review/${instanceId}`,
    reviewTask(instanceId, stage.position),
  );
}

/**
 * Called by saveRevision inside its transaction: a new revision of an item under review cancels
 * the running instance (its sign-offs stay in the history) and opens a new one for the new text.
 */
export async function reopenAfterEdit(
  tx: Tx,
  resourceId: string,
  revision: OpenInput["revision"],
  role: string,
  context: { ip?: string | null; userAgent?: string | null } = {},
) {
  const open = await tx.reviewInstance.findFirst({
    where: { resourceId, status: "IN_PROGRESS" },
    include: { resource: true, workflow: { select: { forReprint: true } } },
  });
  if (!open) return null;
  await tx.reviewInstance.update({
    where: { id: open.id },
    data: { status: "CANCELLED", completedAt: new Date(), currentStage: -1 },
  });
  await closeReviewTasks(tx, [open.id]);
  await recordAudit(tx, {
    actorId: revision.authorId,
    role,
    action: "review.supersede",
    subject: `review:${open.id}`,
    data: { byRevision: revision.number },
    ...context,
  });
  return openInstance(
    tx,
    {
      resource: open.resource,
      revision,
      submittedById: open.submittedById,
      flagged: open.flagged,
      flagReason: open.flagReason,
      publishMode: open.publishMode,
      publishAt: open.publishAt && open.publishAt > new Date() ? open.publishAt : null,
      columnIds: open.columnIds,
      channelIds: open.channelIds,
      correctionNote: open.correctionNote,
      reprint: open.workflow.forReprint,
    },
    { role, ...context },
  );
}
