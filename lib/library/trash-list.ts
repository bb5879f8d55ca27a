import { getDb } from "@/lib/db/client";
import { getOrgTree } from "@/lib/org/tree";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { getSecuritySettings } from "@/lib/auth/security-settings";
import { unauthenticated } from "@/lib/errors";
import { purgeableFrom } from "@/lib/library/purge";

// The 回收站 view: what is there, who moved it when, and what this person may do with each item.
// Editors see their units' items (restore); the system administrator sees every unit's (purge,
// once the retention period has passed).

const TRASH_PAGE = 200;

export async function listTrash(actor: Principal | null) {
  if (!actor) throw unauthenticated();
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const mayPurge = can("resource.purge", "platform");
  if (!mayPurge) assertHoldsRoleFor(actor, "resource.view");
  const orgIds = mayPurge ? null : tree.all.filter((org) => can("resource.view", { orgId: org.id })).map((o) => o.id);
  const { trashRetentionDays } = await getSecuritySettings();
  const db = getDb();
  const where = { trashedAt: { not: null }, ...(orgIds ? { ownerOrgId: { in: orgIds } } : {}) };
  const [rows, total] = await Promise.all([
    db.resource.findMany({
      where,
      orderBy: [{ trashedAt: "desc" }, { id: "desc" }],
      take: TRASH_PAGE,
      select: {
        id: true,
        kind: true,
        state: true,
        title: true,
        ownerOrgId: true,
        trashedAt: true,
        trashedById: true,
        ownerOrg: { select: { name: true } },
      },
    }),
    db.resource.count({ where }),
  ]);
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.trashedById).filter((id): id is string => Boolean(id)))] } },
    select: { id: true, displayName: true },
  });
  const names = new Map(people.map((person) => [person.id, person.displayName]));
  const now = new Date();
  return {
    retentionDays: trashRetentionDays,
    mayPurge,
    total,
    items: rows.map((row) => {
      const from = purgeableFrom(row.trashedAt!, trashRetentionDays);
      return {
        id: row.id,
        kind: row.kind,
        state: row.state,
        title: row.title,
        ownerName: row.ownerOrg.name,
        trashedAt: row.trashedAt!,
        trashedBy: (row.trashedById && names.get(row.trashedById)) ?? "—",
        purgeableFrom: from,
        canRestore: can("resource.trash", { orgId: row.ownerOrgId }),
        canPurge: mayPurge && from <= now,
      };
    }),
  };
}
