// Pure helpers of the column picker's tree: the columns of a site in tree order with their depth,
// and what a search keeps in view. No database and no React, so the picker can use them too.

export type PickerColumn = {
  id: string;
  name: string;
  depth: number;
  placeable: boolean;
  /** Why the column is closed to this item, in Chinese; null when placeable. */
  reason: string | null;
};
export type PickerSite = { siteId: string; siteName: string; unitName: string; columns: PickerColumn[] };

/** Sorted siblings → depth-first order with depths; a column whose parent is missing becomes a root. */
export function orderColumns<T extends { id: string; parentId: string | null }>(
  columns: readonly T[],
  maxDepth = 12,
): (T & { depth: number })[] {
  const ids = new Set(columns.map((column) => column.id));
  const children = new Map<string | null, T[]>();
  for (const column of columns) {
    const parent = column.parentId && ids.has(column.parentId) ? column.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), column]);
  }
  const ordered: (T & { depth: number })[] = [];
  const visit = (parentId: string | null, depth: number) => {
    if (depth > maxDepth) return;
    for (const column of children.get(parentId) ?? []) {
      ordered.push({ ...column, depth });
      visit(column.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/**
 * The ids of the columns a search shows: those whose name (or whose site's name) contains the
 * query, with their ancestors, so a match still says where it is. Null when there is no query.
 */
export function columnsMatching(sites: readonly PickerSite[], query: string): Set<string> | null {
  const needle = query.trim().toLowerCase();
  if (!needle) return null;
  const keep = new Set<string>();
  for (const site of sites) {
    const siteMatches = site.siteName.toLowerCase().includes(needle);
    const path: { id: string; depth: number }[] = [];
    for (const column of site.columns) {
      while (path.length && path[path.length - 1]!.depth >= column.depth) path.pop();
      path.push({ id: column.id, depth: column.depth });
      if (siteMatches || column.name.toLowerCase().includes(needle)) for (const step of path) keep.add(step.id);
    }
  }
  return keep;
}
