import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { getOrgTree } from "@/lib/org/tree";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { interactionTypesTag } from "@/lib/interaction/types/cache-tag";

// What the message-type editor's steps share: the site, checked against the actor's right to
// manage it (site.manage in its host unit), the units its types may name, and the purge of the
// pages that list its types.

export async function loadManagedSite(actor: Principal | null, siteId: string) {
  if (!z.uuid().safeParse(siteId).success) throw notFound();
  const site = await getDb().site.findUnique({ where: { id: siteId }, select: { id: true, name: true, orgId: true } });
  if (!site) throw notFound();
  const role = await assertCan(actor, "site.manage", { orgId: site.orgId });
  return { site, role };
}

/** The units a site's types may be handled by: its host unit and the active units below it. */
export async function siteUnits(orgId: string) {
  const tree = await getOrgTree();
  return [orgId, ...tree.descendants(orgId)]
    .map((id) => tree.get(id)!)
    .filter((unit) => unit.active && (unit.kind === "HOST" || unit.kind === "SECTION"))
    .map((unit) => {
      const path = tree.path(unit.id);
      const fromSite = path.slice(path.findIndex((row) => row.id === orgId));
      return { id: unit.id, name: fromSite.map((row) => row.name).join(" / ") };
    });
}

/** The home page's 政民互动 block, the column entry and the letter form show the types. */
export function purgeTypePages(tx: Tx, siteId: string) {
  return announcePortalChange(tx, [interactionTypesTag(siteId)]);
}
