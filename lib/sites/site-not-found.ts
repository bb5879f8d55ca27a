import { IncomingMessage, type ServerResponse } from "node:http";
import { pathKindOf } from "@/lib/http/csp";

// A portal 404 is the site's own page: its frame (header, navigation, footer) around the message,
// rendered on the server like every other portal page. Next.js renders a not-found boundary
// (app/not-found.tsx) into the payload of every page in case the page calls notFound(), and answers
// a notFound() with an empty HTML shell that the browser fills from that payload. So the boundary
// stays small (the message alone), and the portal server answers every HTML 404 of a public page
// with a render of SITE_NOT_FOUND_PATH instead, status 404, on the same request: what the first
// render recorded for the page cache (the tags of the missing item) is kept, the page is stored
// under the address asked for, and a publication that later fills the address purges it.

/** The route that renders the site's 404 page (app/(portal)/site-not-found/page.tsx). */
export const SITE_NOT_FOUND_PATH = "/site-not-found";
/** Set by the portal server on its own second render; whatever a client sends under it is dropped. */
export const SITE_NOT_FOUND_HEADER = "x-tongyuan-site-not-found";

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

type Write = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;
type End = (chunk?: unknown, encoding?: unknown, callback?: unknown) => ServerResponse;
type WriteHead = (status: number, ...rest: unknown[]) => ServerResponse;

function isPageRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const headers = req.headers;
  if (headers.rsc || headers["next-action"] || headers["next-router-prefetch"]) return false;
  return pathKindOf((req.url ?? "/").split("?")[0]!) === "portal";
}

/** Whether the answer is HTML, by the headers given to writeHead (an object or a raw list) or set before. */
function isHtml(res: ServerResponse, headers: unknown): boolean {
  let type: unknown;
  if (Array.isArray(headers)) {
    const flat = headers.flat() as unknown[];
    const at = flat.findIndex((item, index) => index % 2 === 0 && String(item).toLowerCase() === "content-type");
    type = at >= 0 ? flat[at + 1] : undefined;
  } else if (headers && typeof headers === "object") {
    type = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  }
  return /^text\/html\b/i.test(String(type ?? res.getHeader("content-type") ?? ""));
}

/**
 * The request for the second render: a new one (Next.js keeps what it made of the first on the
 * request object), for SITE_NOT_FOUND_PATH, with the first one's headers and the server's mark.
 * The first render's compression, if it set up any, still wraps the response: neither may compress
 * (the page cache compresses what it stores; an uncached 404 goes out plain).
 */
function notFoundRequest(req: IncomingMessage): IncomingMessage {
  const again = new IncomingMessage(req.socket);
  again.method = req.method;
  again.url = SITE_NOT_FOUND_PATH;
  again.httpVersion = req.httpVersion;
  again.httpVersionMajor = req.httpVersionMajor;
  again.httpVersionMinor = req.httpVersionMinor;
  again.headers = { ...req.headers, [SITE_NOT_FOUND_HEADER]: "1" };
  delete again.headers["accept-encoding"];
  again.rawHeaders = Object.entries(again.headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value ?? ""]).flatMap((item) => [name, item]),
  );
  again.push(null);
  return again;
}

/** The callback among a write's or end's arguments, called as the real one would be. */
function settle(args: unknown[]) {
  const callback = args.find((arg) => typeof arg === "function") as (() => void) | undefined;
  if (callback) process.nextTick(callback);
}

/**
 * Wraps the Next.js handler: a public page's HTML answer with status 404 is dropped before anything
 * of it is sent, and the same request is rendered again as SITE_NOT_FOUND_PATH, answered 404.
 * The response's methods are wrapped once and never put back: Next.js wraps them in turn (its
 * compression among others), and putting ours back would undo its wrappers.
 */
export function withSiteNotFound(handle: Handler): Handler {
  return (req, res) => {
    delete req.headers[SITE_NOT_FOUND_HEADER];
    if (!isPageRequest(req)) return handle(req, res);
    const real = { writeHead: res.writeHead, flushHeaders: res.flushHeaders, write: res.write, end: res.end };
    const headersBefore = new Set(res.getHeaderNames());
    /** Undecided until the first thing is sent; then the first render's answer is sent or dropped. */
    let state: "undecided" | "sending" | "dropping" | "again" = "undecided";
    const decide = (status: number, headers?: unknown) => {
      if (state === "undecided") state = status === 404 && isHtml(res, headers) ? "dropping" : "sending";
    };
    let second: Promise<void> | undefined;
    const renderAgain = () => {
      state = "again";
      // Headers the first render set are its own (its content type, caching, Vary); the security
      // headers set before it stay.
      for (const name of res.getHeaderNames()) if (!headersBefore.has(name)) res.removeHeader(name);
      // The second render listens on the response as the first did (both end with it).
      res.setMaxListeners(res.getMaxListeners() * 2);
      return handle(notFoundRequest(req), res);
    };
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      decide(
        status,
        rest.find((arg) => typeof arg === "object"),
      );
      if (state === "dropping") return res;
      const sent = state === "again" && status === 200 ? 404 : status;
      return (real.writeHead as WriteHead).call(res, sent, ...rest);
    }) as typeof res.writeHead;
    res.flushHeaders = () => {
      decide(res.statusCode);
      if (state !== "dropping") real.flushHeaders.call(res);
    };
    res.write = ((...args: unknown[]) => {
      decide(res.statusCode);
      if (state !== "dropping") return (real.write as Write).apply(res, args as Parameters<Write>);
      settle(args);
      return true;
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      decide(res.statusCode);
      if (state !== "dropping") return (real.end as End).apply(res, args as Parameters<End>);
      settle(args);
      // The first render may wait for the response to finish: the second one finishes it.
      second ??= renderAgain();
      return res;
    }) as typeof res.end;
    return handle(req, res).then(() => second);
  };
}
