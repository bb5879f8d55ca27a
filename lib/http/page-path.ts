/**
 * The request's path and query as the visitor asked for it, set by the portal server
 * (scripts/server.ts) on every request it hands to Next.js, replacing any value the client sent
 * under this name. Portal pages read it to name their own address (the 找错 and 纠错 entries).
 */
export const PAGE_PATH_HEADER = "x-tongyuan-page-path";
