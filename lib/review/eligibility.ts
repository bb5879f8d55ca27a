import type { Db, Tx } from "@/lib/db/client";
import { getOrgTree } from "@/lib/org/tree";
import type { ResponsibilityKind, Role } from "@/lib/db/generated/client";
import { pendingChecks, type SignOffFact, type Stage } from "@/lib/review/stages";

// Who may sign a stage. Roles count within the unit that owns the resource and its ancestors
// (a role held in another unit does not); the responsible persons are the current holders of
// the unit's responsibility (lib/org), the nearest unit in the lineage that names one, and only
// while they also hold the matching role in that unit: a revoked role or an ended term each
// ends the right to sign. Who wrote or submitted the text is barred from every stage
// (loadBarredSigners, fixed on the instance at submission).

export type SignerFacts = {
  userId: string;
  memberships: { orgId: string; role: Role; checks: string[] }[];
};

export type UnitFacts = {
  /** The owning organization and its ancestors, nearest first. */
  lineage: string[];
  /**
   * The current 直接/第一责任人 for the owning unit: the holder named by the nearest unit in the
   * lineage that names one, or null when that holder no longer holds the matching role there.
   */
  direct: string | null;
  first: string | null;
};

/** The role a responsibility's holder must also hold in the same unit. */
export const RESPONSIBILITY_ROLE: Record<ResponsibilityKind, Role> = {
  FIRST: "FIRST_RESPONSIBLE",
  DIRECT: "DIRECT_RESPONSIBLE",
};

export type Signature = { check: string | null; role: string };

/** What `signer` may sign of `stage` now: one entry per check for a check stage, else one. */
export function signableFor(signer: SignerFacts, unit: UnitFacts, stage: Stage, signOffs: SignOffFact[]): Signature[] {
  const inUnit = signer.memberships.filter((membership) => unit.lineage.includes(membership.orgId));
  switch (stage.type) {
    case "ROLE_APPROVAL":
      return stage.role && inUnit.some((membership) => membership.role === stage.role)
        ? [{ check: null, role: stage.role }]
        : [];
    case "CHECKS": {
      const granted = new Set(
        inUnit.filter((membership) => membership.role === "CHECK_REVIEWER").flatMap((membership) => membership.checks),
      );
      return pendingChecks(stage, signOffs)
        .filter((check) => granted.has(check))
        .map((check) => ({ check, role: "CHECK_REVIEWER" }));
    }
    case "DIRECT_RESPONSIBLE":
      return unit.direct === signer.userId && inUnit.some((membership) => membership.role === "DIRECT_RESPONSIBLE")
        ? [{ check: null, role: "DIRECT_RESPONSIBLE" }]
        : [];
    case "FIRST_RESPONSIBLE":
      return unit.first === signer.userId && inUnit.some((membership) => membership.role === "FIRST_RESPONSIBLE")
        ? [{ check: null, role: "FIRST_RESPONSIBLE" }]
        : [];
  }
}

export async function loadSignerFacts(db: Db | Tx, userId: string): Promise<SignerFacts> {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { orgId: true, role: true, checks: true },
  });
  return { userId, memberships };
}

export async function loadUnitFacts(db: Db | Tx, orgId: string): Promise<UnitFacts> {
  const lineage = (await getOrgTree()).lineage(orgId);
  const current = await db.responsibility.findMany({
    where: { orgId: { in: lineage }, endedAt: null },
    select: { orgId: true, kind: true, userId: true },
  });
  const roles = current.length
    ? await db.membership.findMany({
        where: {
          OR: current.map((row) => ({ orgId: row.orgId, userId: row.userId, role: RESPONSIBILITY_ROLE[row.kind] })),
        },
        select: { orgId: true, userId: true, role: true },
      })
    : [];
  const nearest = (kind: ResponsibilityKind) => {
    for (const id of lineage) {
      const holder = current.find((row) => row.orgId === id && row.kind === kind);
      if (!holder) continue;
      // The unit names someone: nobody else signs in their place, even if they lost the role.
      const holdsRole = roles.some(
        (role) => role.orgId === id && role.userId === holder.userId && role.role === RESPONSIBILITY_ROLE[kind],
      );
      return holdsRole ? holder.userId : null;
    }
    return null;
  };
  return { lineage, direct: nearest("DIRECT"), first: nearest("FIRST") };
}

/**
 * Who may sign no stage of a review of `revision` (DESIGN invariant 3): its submitter and the
 * author of every revision since the resource's last publication up to this one (every revision
 * when it was never published). A colleague's small edit does not make the text anyone else's.
 */
export async function loadBarredSigners(
  db: Db | Tx,
  input: { resourceId: string; revision: { number: number; authorId: string }; submittedById: string },
): Promise<string[]> {
  const latest = await db.publication.findFirst({
    where: { resourceId: input.resourceId },
    orderBy: { publishedAt: "desc" },
    select: { revision: { select: { number: true } } },
  });
  const authors = await db.revision.findMany({
    where: { resourceId: input.resourceId, number: { gt: latest?.revision.number ?? 0, lte: input.revision.number } },
    select: { authorId: true },
    distinct: ["authorId"],
  });
  return [...new Set([input.submittedById, input.revision.authorId, ...authors.map((author) => author.authorId)])];
}
