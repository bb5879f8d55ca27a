import { getDb, type Db, type Tx } from "@/lib/db/client";
import { findGrantingRole, type Action, type Principal } from "@/lib/auth/permissions";

// The registry decides visibility per unit over the whole organization tree (the ledger, the
// matrix and the approver lists all walk it), so it loads the tree once per use case.

export type OrgTree = {
  lineage: (orgId: string) => string[];
  names: Map<string, string>;
  all: { id: string; name: string; parentId: string | null; position: number }[];
};

export async function loadOrgTree(db: Db | Tx = getDb()): Promise<OrgTree> {
  const all = await db.organization.findMany({
    select: { id: true, name: true, parentId: true, position: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  });
  const parents = new Map(all.map((org) => [org.id, org.parentId]));
  return {
    all,
    names: new Map(all.map((org) => [org.id, org.name])),
    lineage: (orgId) => {
      const lineage: string[] = [];
      for (let id: string | null | undefined = orgId; id && lineage.length < 32; id = parents.get(id)) lineage.push(id);
      return lineage;
    },
  };
}

export function allows(actor: Principal | null, action: Action, orgId: string, tree: OrgTree): boolean {
  return (
    actor !== null &&
    !actor.pendingObligation &&
    findGrantingRole(actor, action, { orgId }, tree.lineage(orgId)) !== null
  );
}
