import { AsyncLocalStorage } from "node:async_hooks";
import type { headers } from "next/headers";

// The headers of the request being rendered, for code that both Next.js and the portal's own
// renderer (lib/portal-render, outside Next's request scope) run: the site by Host, the page
// address, the CSP nonce. Inside the portal renderer they come from its request; elsewhere from
// Next.js. One object per request either way, so perRequest (lib/sites/current-site.ts) can key on it.

type ReadonlyHeaders = Awaited<ReturnType<typeof headers>>;

const outsideNext = new AsyncLocalStorage<Headers>();

/** Runs `render` with `requestHeaders` as the request's headers (the portal renderer's requests). */
export function withRequestHeaders<T>(requestHeaders: Headers, render: () => T): T {
  return outsideNext.run(requestHeaders, render);
}

/** This request's headers: the portal renderer's request, else Next.js's. */
export async function requestHeaders(): Promise<ReadonlyHeaders | Headers> {
  const own = outsideNext.getStore();
  if (own) return own;
  // Loaded when first asked for: next/headers needs Next.js's server runtime, which the portal
  // renderer's process loads only after this module.
  const { headers: nextHeaders } = await import("next/headers");
  return nextHeaders();
}
