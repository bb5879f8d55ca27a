import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { notFound, unauthenticated } from "@/lib/errors";
import { bodyText, type RichText } from "@/lib/library/content";
import { diffText } from "@/lib/library/diff";
import { workingHoursBetween } from "@/lib/calendar/working-hours";
import { loadCalendar } from "@/lib/calendar/load";
import { describeChannels } from "@/lib/review/chosen-channels";
import { loadSignerFacts, loadUnitFacts, signableFor, type Signature } from "@/lib/review/eligibility";
import type { Finding } from "@/lib/review/prechecks";
import { revisionText } from "@/lib/review/revision-checks";
import { blockingFindings, currentStage, personalBar, ZStages, type Stage } from "@/lib/review/stages";
import { messages } from "@/lib/i18n/zh-CN";

// Reads of the review area: the reviewer inbox, one review with everything a reviewer needs
// (text with highlighted findings, diff against the live version, stages, what I may sign).
// The accountability record (责任追溯) is in lib/review/accountability.ts.

export async function checkNames(): Promise<Map<string, string>> {
  const checks = await getDb().reviewCheck.findMany();
  return new Map(checks.map((check) => [check.code, check.name]));
}

export type InboxItem = {
  instanceId: string;
  resourceId: string;
  title: string;
  kind: string;
  unit: string;
  stage: string;
  signable: Signature[];
  flagged: boolean;
  blocking: number;
  submittedBy: string;
  waitingSince: Date;
  workingHours: number;
};

/** 待我审核: running reviews whose current stage the actor may sign, oldest first. */
export async function listInbox(actor: Principal | null, now = new Date()): Promise<InboxItem[]> {
  if (!actor) throw unauthenticated();
  const db = getDb();
  const signer = await loadSignerFacts(db, actor.id);
  if (signer.memberships.length === 0) return [];
  const open = await db.reviewInstance.findMany({
    // Reviews this person wrote or submitted are never offered (personalBar below says the same).
    where: { status: "IN_PROGRESS", resource: { trashedAt: null }, NOT: { barredUserIds: { has: actor.id } } },
    orderBy: { stageSince: "asc" },
    include: {
      signOffs: true,
      revision: { select: { title: true, authorId: true } },
      resource: { select: { kind: true, ownerOrgId: true, ownerOrg: { select: { name: true } } } },
      submittedBy: { select: { displayName: true } },
    },
    take: 500,
  });
  const calendar = await loadCalendar(db);
  const units = new Map<string, Awaited<ReturnType<typeof loadUnitFacts>>>();
  const items: InboxItem[] = [];
  for (const instance of open) {
    const orgId = instance.resource.ownerOrgId;
    if (!units.has(orgId)) units.set(orgId, await loadUnitFacts(db, orgId));
    const unit = units.get(orgId)!;
    const stage = currentStage(ZStages.parse(instance.stages), instance.flagged, instance.signOffs);
    if (!stage) continue;
    if (
      personalBar({
        userId: actor.id,
        authorId: instance.revision.authorId,
        barredUserIds: instance.barredUserIds,
        allowSameSigner: instance.allowSameSigner,
        stage,
        signOffs: instance.signOffs,
      })
    )
      continue;
    const signable = signableFor(signer, unit, stage, instance.signOffs);
    if (signable.length === 0) continue;
    items.push({
      instanceId: instance.id,
      resourceId: instance.resourceId,
      title: instance.revision.title,
      kind: instance.resource.kind,
      unit: instance.resource.ownerOrg.name,
      stage: stage.name,
      signable,
      flagged: instance.flagged,
      blocking: blockingFindings(instance.findings as Finding[]).length,
      submittedBy: instance.submittedBy.displayName,
      waitingSince: instance.stageSince,
      workingHours: workingHoursBetween(instance.stageSince, now, calendar),
    });
  }
  return items;
}

/** My submissions and their state, newest first. */
export async function listMySubmissions(actor: Principal | null, take = 30) {
  if (!actor) throw unauthenticated();
  return getDb().reviewInstance.findMany({
    where: { submittedById: actor.id, resource: { trashedAt: null } },
    orderBy: { submittedAt: "desc" },
    take,
    select: {
      id: true,
      status: true,
      submittedAt: true,
      completedAt: true,
      resourceId: true,
      revision: { select: { title: true, number: true } },
      schedules: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, runAt: true, error: true } },
      publication: { select: { publishedAt: true, firstPublishedAt: true, withdrawnAt: true } },
    },
  });
}

export type StageView = Stage & {
  applies: boolean;
  state: "done" | "current" | "waiting" | "skipped";
  checkNames: Record<string, string>;
  signOffs: {
    id: string;
    check: string | null;
    user: string;
    role: string;
    decision: keyof typeof messages.decisions;
    reason: string | null;
    at: Date;
    contentHash: string;
  }[];
};

function stageViews(
  stages: Stage[],
  flagged: boolean,
  current: Stage | null,
  signOffs: { stagePosition: number }[],
  names: Map<string, string>,
  render: (stagePosition: number) => StageView["signOffs"],
): StageView[] {
  return stages.map((stage) => {
    const applies = stage.condition === "ALWAYS" || flagged;
    const state = !applies
      ? "skipped"
      : current?.position === stage.position
        ? "current"
        : current && stage.position > current.position
          ? "waiting"
          : signOffs.some((signOff) => signOff.stagePosition === stage.position)
            ? "done"
            : current
              ? "waiting"
              : "done";
    return {
      ...stage,
      applies,
      state,
      checkNames: Object.fromEntries(stage.checks.map((check) => [check, names.get(check) ?? check])),
      signOffs: render(stage.position),
    };
  });
}

const byName = { user: { select: { displayName: true } } } as const;
/** What a review page and its accountability record read of an instance. */
export const REVIEW_RECORD = {
  revision: { include: { author: { select: { displayName: true } } } },
  resource: { include: { ownerOrg: { select: { name: true } } } },
  signOffs: { orderBy: { at: "asc" }, include: byName },
  overrides: { orderBy: { at: "asc" }, include: byName },
  submittedBy: { select: { displayName: true } },
  publication: true,
} as const;

/** One review, as its reviewer (or anyone who may read its record) sees it. */
export async function getReview(actor: Principal | null, instanceId: string) {
  if (!actor) throw unauthenticated();
  if (!z.uuid().safeParse(instanceId).success) throw notFound();
  const db = getDb();
  const instance = await db.reviewInstance.findUnique({
    where: { id: instanceId },
    include: {
      ...REVIEW_RECORD,
      comments: { orderBy: { at: "asc" }, include: byName },
      schedules: { orderBy: { createdAt: "desc" } },
    },
  });
  if (!instance) throw notFound();
  const can = await createPermissionChecker(actor);
  const [unit, signer, names] = await Promise.all([
    loadUnitFacts(db, instance.resource.ownerOrgId),
    loadSignerFacts(db, actor.id),
    checkNames(),
  ]);
  const stages = ZStages.parse(instance.stages);
  const current = instance.status === "IN_PROGRESS" ? currentStage(stages, instance.flagged, instance.signOffs) : null;
  // What the reader could sign by role; a personal bar (author, submitter, one stage per person)
  // concerns only someone who holds part of the current stage: everyone else has nothing to sign
  // here and is told nothing.
  const held = current ? signableFor(signer, unit, current, instance.signOffs) : [];
  const barred = held.length
    ? personalBar({
        userId: actor.id,
        authorId: instance.revision.authorId,
        barredUserIds: instance.barredUserIds,
        allowSameSigner: instance.allowSameSigner,
        stage: current!,
        signOffs: instance.signOffs,
      })
    : null;
  const mine = instance.signOffs.filter((signOff) => signOff.userId === actor.id);
  // Having signed another stage is not an error: it is what the workflow asked of this person.
  const bar = barred && mine.length === 0 ? barred : null;
  const signable = !barred && !actor.pendingObligation ? held : [];
  if (!can("review.record.view", { orgId: instance.resource.ownerOrgId }) && signable.length === 0) throw notFound();

  const { text } = revisionText(
    instance.revision.title,
    instance.revision.body as RichText,
    instance.revision.metadata,
  );
  // The diff a reviewer reads: this revision against the one the public sees now.
  const live = await db.publication.findFirst({
    where: {
      resourceId: instance.resourceId,
      withdrawnAt: null,
      supersededAt: null,
      revisionId: { not: instance.revisionId },
    },
    include: { revision: true },
  });
  const diff = live
    ? diffText(
        `${live.revision.title}\n\n${bodyText(live.revision.body as RichText)}`,
        `${instance.revision.title}\n\n${bodyText(instance.revision.body as RichText)}`,
      )
    : null;
  const findings = instance.findings as Finding[];
  const channels = await describeChannels(db, instance.channelIds);
  return {
    instance,
    channels,
    text,
    findings,
    blocking: blockingFindings(findings),
    stages: stageViews(stages, instance.flagged, current, instance.signOffs, names, (position) =>
      instance.signOffs
        .filter((signOff) => signOff.stagePosition === position)
        .map((signOff) => ({
          id: signOff.id,
          check: signOff.check,
          user: signOff.user.displayName,
          role: signOff.role,
          decision: signOff.decision,
          reason: signOff.reason,
          at: signOff.at,
          contentHash: signOff.contentHash,
        })),
    ),
    current,
    signable,
    bar,
    /** What the reader has signed of this review (stage, check), shown as a plain note. */
    mySignOffs: mine.map((signOff) => ({
      stageName: signOff.stageName,
      check: signOff.check ? (names.get(signOff.check) ?? signOff.check) : null,
      decision: signOff.decision,
      at: signOff.at,
    })),
    canOverride:
      instance.status === "IN_PROGRESS" &&
      unit.first === actor.id &&
      instance.revision.authorId !== actor.id &&
      !instance.barredUserIds.includes(actor.id) &&
      blockingFindings(findings).length > 0 &&
      instance.overrides.length === 0,
    canPublish:
      instance.status === "APPROVED" &&
      !instance.publication &&
      can("publication.publish", { orgId: instance.resource.ownerOrgId }),
    canCancel:
      instance.status === "IN_PROGRESS" &&
      (instance.submittedById === actor.id || can("resource.edit", { orgId: instance.resource.ownerOrgId })),
    live: live ? { revisionNumber: live.revision.number, publishedAt: live.publishedAt } : null,
    diff,
  };
}

/** One review as getReview returned it: what renderings of the review page are derived from. */
export type ReviewView = Awaited<ReturnType<typeof getReview>>;

/** Reviews of one resource, newest first (the editor page's review history). */
export async function listResourceReviews(actor: Principal | null, resourceId: string) {
  if (!actor) throw unauthenticated();
  return getDb().reviewInstance.findMany({
    where: { resourceId },
    orderBy: { submittedAt: "desc" },
    select: {
      id: true,
      status: true,
      submittedAt: true,
      revision: { select: { number: true } },
      publication: { select: { id: true, publishedAt: true, withdrawnAt: true, supersededAt: true } },
      schedules: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, runAt: true, error: true } },
    },
  });
}
