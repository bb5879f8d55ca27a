import type { Db, Tx } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { pendingChecks, type SignOffFact, type Stage } from "@/lib/review/stages";

// Who may sign a stage. Roles count within the unit that owns the resource and its ancestors
// (a role held in another unit does not); the responsible persons are the current holders of
// the unit's responsibility (lib/org), the nearest unit in the lineage that names one.

export type SignerFacts = {
  userId: string;
  memberships: { orgId: string; role: Role; checks: string[] }[];
};

export type UnitFacts = {
  /** The owning organization and its ancestors, nearest first. */
  lineage: string[];
  /** The current 直接/第一责任人 for the owning unit (nearest in the lineage that names one). */
  direct: string | null;
  first: string | null;
};

export type Signature = { check: string | null; role: string };

/** What `signer` may sign of `stage` now: one entry per check for a check stage, else one. */
export function signableFor(signer: SignerFacts, unit: UnitFacts, stage: Stage, signOffs: SignOffFact[]): Signature[] {
  const inUnit = signer.memberships.filter((membership) => unit.lineage.includes(membership.orgId));
  switch (stage.type) {
    case "ROLE_APPROVAL":
      return stage.role && inUnit.some((membership) => membership.role === stage.role) ? [{ check: null, role: stage.role }] : [];
    case "CHECKS": {
      const granted = new Set(inUnit.filter((membership) => membership.role === "CHECK_REVIEWER").flatMap((membership) => membership.checks));
      return pendingChecks(stage, signOffs)
        .filter((check) => granted.has(check))
        .map((check) => ({ check, role: "CHECK_REVIEWER" }));
    }
    case "DIRECT_RESPONSIBLE":
      return unit.direct === signer.userId ? [{ check: null, role: "DIRECT_RESPONSIBLE" }] : [];
    case "FIRST_RESPONSIBLE":
      return unit.first === signer.userId ? [{ check: null, role: "FIRST_RESPONSIBLE" }] : [];
  }
}

export async function loadSignerFacts(db: Db | Tx, userId: string): Promise<SignerFacts> {
  const memberships = await db.membership.findMany({ where: { userId }, select: { orgId: true, role: true, checks: true } });
  return { userId, memberships };
}

export async function loadUnitFacts(db: Db | Tx, orgId: string): Promise<UnitFacts> {
  const lineage: string[] = [];
  const parents = new Map((await db.organization.findMany({ select: { id: true, parentId: true } })).map((org) => [org.id, org.parentId]));
  for (let id: string | null | undefined = orgId; id && lineage.length < 32; id = parents.get(id)) lineage.push(id);
  const current = await db.responsibility.findMany({ where: { orgId: { in: lineage }, endedAt: null }, select: { orgId: true, kind: true, userId: true } });
  const nearest = (kind: "FIRST" | "DIRECT") => {
    for (const id of lineage) {
      const holder = current.find((row) => row.orgId === id && row.kind === kind);
      if (holder) return holder.userId;
    }
    return null;
  };
  return { lineage, direct: nearest("DIRECT"), first: nearest("FIRST") };
}
