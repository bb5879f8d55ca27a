import { AsyncLocalStorage } from "node:async_hooks";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import type { OrgKind } from "@/lib/db/generated/enums";

// The organization tree (supervising unit → host units → sections), loaded in one query. Every
// question about it — a unit's ancestors (what permissions are scoped by), its descendants, its
// path for a label — is answered from this one object instead of another query.
//
// Within a request (a server action or a route handler, see withOrgTreeScope) the tree is loaded
// once and shared by every check; any change to an organization drops it. Outside a request
// scope (jobs, scripts, tests) each getOrgTree() loads a fresh one.

export type OrgRow = {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  code: string | null;
  active: boolean;
};

/** Deeper than any real government hierarchy; guards against a cycle written around the app. */
const MAX_DEPTH = 32;

export class OrgTree {
  /** Every unit, in display order (position, then creation). */
  readonly all: readonly OrgRow[];
  private readonly byId: Map<string, OrgRow>;
  private readonly children = new Map<string | null, OrgRow[]>();

  constructor(rows: readonly OrgRow[]) {
    this.all = rows;
    this.byId = new Map(rows.map((row) => [row.id, row]));
    for (const row of rows) this.children.set(row.parentId, [...(this.children.get(row.parentId) ?? []), row]);
  }

  get(orgId: string): OrgRow | undefined {
    return this.byId.get(orgId);
  }

  /** The direct children of a unit (of `null`: the roots), in display order. */
  childrenOf(orgId: string | null): readonly OrgRow[] {
    return this.children.get(orgId) ?? [];
  }

  /** The unit and all its ancestors, nearest first: the scope a role held above it reaches down from. */
  lineage(orgId: string): string[] {
    const lineage: string[] = [];
    for (let id: string | null | undefined = orgId; id && lineage.length < MAX_DEPTH; id = this.byId.get(id)?.parentId)
      lineage.push(id);
    return lineage;
  }

  /** The unit's ancestors, nearest first (the unit itself excluded). */
  ancestors(orgId: string): string[] {
    return this.lineage(orgId).slice(1);
  }

  /** The units below the unit, at any depth (the unit itself excluded), parents before children. */
  descendants(orgId: string): string[] {
    const found: string[] = [];
    const visit = (id: string, depth: number) => {
      if (depth >= MAX_DEPTH) return;
      for (const child of this.childrenOf(id)) {
        found.push(child.id);
        visit(child.id, depth + 1);
      }
    };
    visit(orgId, 0);
    return found;
  }

  /** From the root down to the unit (the unit included); empty for an unknown unit. */
  path(orgId: string): OrgRow[] {
    return this.lineage(orgId)
      .map((id) => this.byId.get(id))
      .filter((row): row is OrgRow => row !== undefined)
      .reverse();
  }
}

/** Loads the whole tree in one query: from `db` when the caller needs its transaction's view. */
export async function loadOrgTree(db: Db | Tx = getDb()): Promise<OrgTree> {
  const rows = await db.organization.findMany({
    select: { id: true, parentId: true, name: true, shortName: true, kind: true, code: true, active: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  return new OrgTree(rows);
}

type Scope = { tree: Promise<OrgTree> | null };
const requestScope = new AsyncLocalStorage<Scope>();

/** Runs `run` as one request: the org tree it asks for is loaded at most once (until an organization changes). */
export function withOrgTreeScope<T>(run: () => Promise<T>): Promise<T> {
  if (requestScope.getStore()) return run();
  return requestScope.run({ tree: null }, run);
}

/** The tree for this request: shared within a scope, fresh outside one. */
export function getOrgTree(): Promise<OrgTree> {
  const scope = requestScope.getStore();
  if (!scope) return loadOrgTree();
  if (!scope.tree) {
    const tree = loadOrgTree();
    scope.tree = tree;
    // A failed load is not kept: the next check tries again.
    tree.catch(() => {
      if (scope.tree === tree) scope.tree = null;
    });
  }
  return scope.tree;
}

/** Called after an organization is created, moved, renamed or (de)activated: the next check reloads. */
export function invalidateOrgTree(): void {
  const scope = requestScope.getStore();
  if (scope) scope.tree = null;
}
