import { assertCan, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { getOrgTree } from "@/lib/org/tree";
import { forbidden, notFound, unauthenticated } from "@/lib/errors";
import type { Role } from "@/lib/db/generated/enums";

// Who may work a site's 待转载 queue: staff of the site's unit, of a section below it (an editor
// of 政务公开科 reprints for the district portal), or of a unit above it. The unit acted in is the
// nearest such membership's unit: a reprint becomes a library item of that unit.

export type SiteActing = { orgId: string; role: Role };

/** The unit and role `actor` acts in for `action` on a site of unit `siteOrgId`; a site not visible is "not found". */
export async function actOnSite(actor: Principal | null, action: Action, siteOrgId: string): Promise<SiteActing> {
  if (!actor) throw unauthenticated();
  const tree = await getOrgTree();
  const above = tree.lineage(siteOrgId);
  const candidates = actor.memberships
    .map((membership) => membership.orgId)
    .filter((orgId) => above.includes(orgId) || tree.lineage(orgId).includes(siteOrgId));
  // The deepest unit first: a section editor's reprint belongs to the section.
  const ordered = [...new Set(candidates)].sort((a, b) => tree.lineage(b).length - tree.lineage(a).length);
  const mayView = await firstGranted(actor, "reprint.view", ordered, siteOrgId);
  if (!mayView) throw notFound();
  const acting = action === "reprint.view" ? mayView : await firstGranted(actor, action, ordered, siteOrgId);
  if (!acting) throw forbidden();
  return acting;
}

async function firstGranted(
  actor: Principal,
  action: Action,
  orgIds: string[],
  siteOrgId: string,
): Promise<SiteActing | null> {
  for (const orgId of orgIds) {
    // A unit above the site's acts on the site's own unit (its items belong there).
    const subject = (await getOrgTree()).lineage(orgId).includes(siteOrgId) ? orgId : siteOrgId;
    try {
      return { orgId: subject, role: await assertCan(actor, action, { orgId: subject }) };
    } catch {
      // not this membership
    }
  }
  return null;
}
