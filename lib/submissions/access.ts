import type { Tx } from "@/lib/db/client";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { getOrgTree, type OrgTree } from "@/lib/org/tree";
import type { Role } from "@/lib/db/generated/enums";
import { conflict, forbidden, notFound, unauthenticated } from "@/lib/errors";
import { submissionMessages as t } from "@/lib/i18n/zh-CN-submissions";
import { canTransition, stateLabel, type SubmissionTransition } from "@/lib/submissions/states";

// Who stands on which side of a submission. The submitting side is the unit that offered it (its
// 信息员 and 信息主管, or those of a unit above it); the desk is the target site's unit (its editors
// and site administrator). Anyone else is told "not found": a submission's existence is the two
// sides' business.

/** The unit an organization works for: itself, or for a section (供稿科室) the nearest unit above it. */
export function unitOf(tree: OrgTree, orgId: string): string {
  return tree.lineage(orgId).find((id) => tree.get(id)?.kind !== "SECTION") ?? orgId;
}

/** The unit a submission is counted for: the owning unit, or the unit of the owning section. */
export async function submittingUnitOf(ownerOrgId: string): Promise<string> {
  return unitOf(await getOrgTree(), ownerOrgId);
}

export type LoadedSubmission = Awaited<ReturnType<typeof lockSubmission>>;

/** Locks the row for the transition (a concurrent decision waits, then sees the new state). */
export async function lockSubmission(tx: Tx, submissionId: string) {
  const locked = await tx.$executeRaw`select 1 from "Submission" where id = ${submissionId}::uuid for update`;
  if (locked === 0) throw notFound();
  return tx.submission.findUniqueOrThrow({
    where: { id: submissionId },
    include: {
      toSite: { select: { id: true, name: true, orgId: true } },
      fromOrg: { select: { id: true, name: true } },
      revision: { select: { id: true, number: true, title: true, body: true, metadata: true, contentHash: true } },
      resource: { select: { id: true, kind: true, version: true, state: true, ownerOrgId: true, trashedAt: true } },
    },
  });
}

/** Refuses a transition the state does not allow, or a form that saw an older version (a replay). */
export function assertTransition(
  submission: { state: Parameters<typeof canTransition>[0]; version: number },
  transition: SubmissionTransition,
  version: number,
) {
  if (!canTransition(submission.state, transition)) throw conflict(t.errors.notPending(stateLabel(submission.state)));
  if (submission.version !== version) throw conflict(t.errors.stale);
}

export type SideActing = { orgId: string; role: Role };

/**
 * The unit and role `actor` acts in for `action` on the side of unit `orgId`: the unit itself (or
 * a unit above it), else a section below it where the actor works (a 政务公开科 editor works the
 * district portal's desk; an edition they make belongs to that section). "Not found" when the
 * actor may not even see submissions there, "forbidden" when they may see but not act.
 */
export async function actOnSide(
  actor: Principal | null,
  action: "submission.submit" | "submission.decide",
  orgId: string,
): Promise<SideActing> {
  if (!actor) throw unauthenticated();
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const below = [...new Set(actor.memberships.map((membership) => membership.orgId))]
    .filter((id) => id !== orgId && unitOf(tree, id) === orgId)
    .sort((a, b) => tree.lineage(a).length - tree.lineage(b).length);
  const candidates = [orgId, ...below];
  const acting = candidates.find((id) => can(action, { orgId: id }));
  if (!acting) {
    if (candidates.some((id) => can("submission.view", { orgId: id }))) throw forbidden();
    throw notFound();
  }
  return { orgId: acting, role: await assertCan(actor, action, { orgId: acting }) };
}

/** Whether `actor` may see submissions of (or to a site of) unit `orgId`, from it, above it or a section below it. */
export async function canSeeSide(actor: Principal, orgId: string): Promise<boolean> {
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  return actor.memberships.some(
    (membership) =>
      can("submission.view", { orgId }) ||
      can("submission.decide", { orgId }) ||
      (unitOf(tree, membership.orgId) === orgId &&
        (can("submission.view", { orgId: membership.orgId }) || can("submission.decide", { orgId: membership.orgId }))),
  );
}

/** Whether `actor` may see the submission at all (either side). */
export async function canSeeSubmission(actor: Principal, submission: { fromOrgId: string; toSite: { orgId: string } }) {
  return (await canSeeSide(actor, submission.fromOrgId)) || (await canSeeSide(actor, submission.toSite.orgId));
}
