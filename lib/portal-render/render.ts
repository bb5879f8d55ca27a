import type { IncomingMessage, ServerResponse } from "node:http";
import { Writable } from "node:stream";
import type { ReactElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import type { Metadata } from "next";
import { withRequestHeaders } from "@/lib/http/request-headers";
import { escapeHtml, metadataHead } from "./head";
import { matchPortalRoute, type PortalRouteMatch } from "./routes";
import { routeStylesheets } from "./assets";

// The portal server's own renderer of public pages (issue #21's load goals). Next.js renders an
// App Router page as a React Server Components payload, serializes it, decodes it again to render
// the HTML and inlines the payload into the page for hydration: about 10 ms of CPU per page before
// any content, and more than half of each page's bytes (docs/benchmarks.md, "Where the CPU goes").
// Public pages need none of it: they use plain links and a few small client islands. For the
// routes it owns (./routes.ts) this renders the same page components with React's HTML renderer
// straight to a complete document, with the head Next.js would write (./head.ts), the stylesheets
// of Next's build (./assets.ts) and one island script that hydrates the islands
// (components/portal/islands). It runs where Next.js's render would, inside the page cache's
// render scope and the render admission queue, so caching, purges and refusals are unchanged.
// Anything it does not own or declines (a 404, a redirect, an error, metadata it cannot write) is
// handed to Next.js, which answers exactly as before.

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** One page the renderer can answer: its metadata and its element, for the route's parameters. */
export type PortalPage = {
  /** The built Next.js route whose stylesheets the page links, e.g. "/(portal)/content/[id]/page". */
  manifestPage: string;
  metadata: () => Promise<Metadata>;
  element: () => ReactElement;
};

export type PortalPages = (match: PortalRouteMatch) => PortalPage | null;

export type PortalRendererOptions = {
  /** Next.js's build folder (.next). */
  distDir: string;
  pages: PortalPages;
  /** The island script's address (lib/portal-render/islands.ts). */
  islandScript: string;
  /** The root layout's metadata every page inherits (its icon). */
  rootMetadata: Metadata;
  /** The stylesheets of a built route; by default from Next.js's build in `distDir` (./assets.ts). */
  stylesheets?: (manifestPage: string) => string[];
  /** Told of an unexpected failure (not a 404, a redirect or a decline), which Next.js then renders. */
  log?: (message: string) => void;
};

const VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1"/>';
// What Next.js varies a page on; the same, so a cache between the visitor and the portal keys alike.
const VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";

/** Declines: the page is handed to Next.js. */
class Declined extends Error {}

/** notFound() and redirect() throw errors whose digest starts with NEXT_; so does a decline of ours. */
function expected(error: unknown): boolean {
  if (error instanceof Declined) return true;
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_");
}

function renderBody(element: ReactElement): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    sink.on("finish", () => resolve(Buffer.concat(chunks).toString("utf8")));
    let failed = false;
    const stream = renderToPipeableStream(element, {
      onAllReady: () => stream.pipe(sink),
      onShellError: (error) => {
        failed = true;
        reject(error);
      },
      onError: (error) => {
        if (!failed) {
          failed = true;
          reject(error);
        }
        stream.abort();
      },
    });
  });
}

function requestHeadersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

/** The document around a rendered body. */
export function documentHtml(input: { head: string; stylesheets: string[]; islandScript: string; body: string }) {
  const styles = input.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}"/>`).join("");
  return (
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"/>${VIEWPORT}${styles}` +
    `<script type="module" src="${escapeHtml(input.islandScript)}"></script>${input.head}</head>` +
    `<body>${input.body}</body></html>`
  );
}

export function createPortalRenderer(options: PortalRendererOptions) {
  const stylesheets = new Map<string, string[]>();
  const stylesOf = (page: string) => {
    let files = stylesheets.get(page);
    if (!files) stylesheets.set(page, (files = options.stylesheets?.(page) ?? routeStylesheets(options.distDir, page)));
    return files;
  };

  async function render(req: IncomingMessage, page: PortalPage): Promise<Buffer> {
    return withRequestHeaders(requestHeadersOf(req), async () => {
      const [metadata, body] = await Promise.all([page.metadata(), renderBody(page.element())]);
      const head = metadataHead({ ...options.rootMetadata, ...metadata });
      if (head === null) throw new Declined("metadata");
      return Buffer.from(
        documentHtml({ head, stylesheets: stylesOf(page.manifestPage), islandScript: options.islandScript, body }),
        "utf8",
      );
    });
  }

  /** Wraps Next.js's handler: the routes this renderer owns are answered here unless it declines. */
  return function withPortalRenderer(next: Handler): Handler {
    return async (req, res) => {
      const headers = req.headers;
      const plain =
        (req.method === "GET" || req.method === "HEAD") &&
        !headers.rsc &&
        !headers["next-action"] &&
        !headers["next-router-prefetch"] &&
        !headers["next-router-state-tree"];
      const match = plain ? matchPortalRoute(req.url ?? "/") : null;
      const page = match ? options.pages(match) : null;
      if (!page) return next(req, res);
      let html: Buffer;
      try {
        html = await render(req, page);
      } catch (error) {
        // notFound(), redirect(), an error or metadata this renderer does not write: Next.js
        // renders the same page and answers as it always has (its 404 page, its redirect, its log).
        // A failure of another kind is told, so a broken fast path cannot hide behind the fallback.
        if (!expected(error)) options.log?.(`门户快速渲染失败，改由 Next.js 渲染 ${req.url ?? "/"}: ${String(error)}`);
        return next(req, res);
      }
      const styles = stylesOf(page.manifestPage);
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
        vary: VARY,
        link: styles.map((href) => `<${href}>; rel=preload; as="style"`).join(", "),
        "content-length": String(html.length),
      });
      res.end(req.method === "HEAD" ? undefined : html);
    };
  };
}
