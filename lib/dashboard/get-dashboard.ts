import type { Principal } from "@/lib/auth/permissions";
import { PERMISSIONS } from "@/lib/auth/permission-table";
import { unauthenticated } from "@/lib/errors";
import { getEditorDesk } from "@/lib/dashboard/editor-desk";
import { listMyTodo, mayHaveTodo } from "@/lib/dashboard/my-todo";
import { countPerSite, countPerUnit } from "@/lib/dashboard/unit-overview";

// The back-office start page by role: what each person needs first. Editors get their desk,
// reviewers and approvers what waits for them, site administrators and the supervising unit
// counts per site and unit. A person with several roles gets every part that applies.

function holds(actor: Principal, roles: readonly string[]): boolean {
  return actor.memberships.some((membership) => roles.includes(membership.role));
}

export async function getRoleDashboard(actor: Principal | null) {
  if (!actor) throw unauthenticated();
  if (actor.pendingObligation) return { desk: null, todo: null, units: null, sites: null };
  const isWriter = holds(actor, PERMISSIONS["resource.edit"].roles);
  const isOverseer = holds(actor, ["SITE_ADMIN", "SUPERVISOR"]);
  const [desk, waiting, units, sites] = await Promise.all([
    isWriter ? getEditorDesk(actor) : null,
    listMyTodo(actor),
    isOverseer && holds(actor, PERMISSIONS["resource.view"].roles) ? countPerUnit(actor) : null,
    isOverseer ? countPerSite(actor) : null,
  ]);
  // Shown to those whose role decides things, and to anyone a workflow gives a stage (信息员审核).
  const todo = mayHaveTodo(actor) || waiting.length > 0 ? waiting : null;
  return { desk, todo, units, sites };
}
