import { can, type Principal } from "@/lib/auth/permissions";
import type { OrgRow, OrgTree } from "@/lib/org/tree";
import { statisticsScope } from "@/lib/statistics/scope";

// The units in an actor's statistics: their own (lib/statistics/scope.ts) and every unit that
// submits to a site they receive submissions for.

export type VisibleUnits = {
  tree: OrgTree;
  units: OrgRow[];
  ownUnitIds: string[];
  /** Receiving sites whose submitting units the actor sees. */
  siteIds: string[];
  /** The supervising unit's view: every unit of the platform. */
  platform: boolean;
};

export async function visibleUnits(actor: Principal | null): Promise<VisibleUnits> {
  const scope = await statisticsScope(actor);
  const platform = await can(actor, "statistics.view", "platform");
  return { ...scope, siteIds: [], platform };
}
