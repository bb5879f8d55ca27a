// Which public addresses the portal renderer (lib/portal-render/render.ts) answers itself. Only
// these; everything else, and anything these decline, is Next.js's.

export type PortalRouteMatch =
  { name: "home" } | { name: "content"; params: { id: string } } | { name: "search"; params: URLSearchParams };

const CONTENT = /^\/content\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

/** The route of a request target (path and query), or null when Next.js should answer it. */
export function matchPortalRoute(target: string): PortalRouteMatch | null {
  const queryAt = target.indexOf("?");
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? "" : target.slice(queryAt + 1);
  if (path === "/") return { name: "home" };
  const content = CONTENT.exec(path);
  if (content) return { name: "content", params: { id: content[1]! } };
  if (path === "/search") return { name: "search", params: new URLSearchParams(query) };
  return null;
}
