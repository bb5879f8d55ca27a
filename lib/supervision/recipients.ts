import type { Db, Tx } from "@/lib/db/client";
import { loadUnitFacts } from "@/lib/review/eligibility";

// Who hears of a site's or account's problems: its unit's site administrators and 直接责任人; an
// overdue ticket also goes to the unit's 第一责任人 and to the supervising unit.

export async function unitRecipients(db: Db | Tx, orgId: string): Promise<string[]> {
  const [admins, facts] = await Promise.all([
    db.membership.findMany({ where: { orgId, role: "SITE_ADMIN", user: { active: true } }, select: { userId: true } }),
    loadUnitFacts(db, orgId),
  ]);
  return [...new Set([...admins.map((row) => row.userId), ...(facts.direct ? [facts.direct] : [])])];
}

export async function firstResponsible(db: Db | Tx, orgId: string): Promise<string[]> {
  const facts = await loadUnitFacts(db, orgId);
  return facts.first ? [facts.first] : [];
}

export async function supervisors(db: Db | Tx): Promise<string[]> {
  const rows = await db.membership.findMany({
    where: { role: "SUPERVISOR", org: { parentId: null }, user: { active: true } },
    select: { userId: true },
  });
  return [...new Set(rows.map((row) => row.userId))];
}
