import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createElement } from "react";
import { notFound } from "next/navigation";
import { afterEach, describe, expect, it } from "vitest";
import { matchPortalRoute } from "@/lib/portal-render/routes";
import { metadataHead } from "@/lib/portal-render/head";
import { createPortalRenderer, type PortalPages } from "@/lib/portal-render/render";
import { requestHeaders } from "@/lib/http/request-headers";
import { buildIslands } from "@/lib/portal-render/islands";
import { portalMetadata, ROOT_METADATA } from "@/lib/sites/meta";

// The portal server's own renderer of article and search pages (lib/portal-render, issue #21's
// load goals): which addresses it owns, the head it writes (the same tags, in the same order, as
// Next.js writes for the same metadata), and that it hands everything else to Next.js.

const ID = "e55cb954-9c60-4859-9c21-e5e6299a153c";

describe("matchPortalRoute", () => {
  it("owns the home page, an article by its id and the search page, nothing else", () => {
    expect(matchPortalRoute("/")).toEqual({ name: "home" });
    expect(matchPortalRoute("/?from=weixin")).toEqual({ name: "home" });
    expect(matchPortalRoute(`/content/${ID}`)).toEqual({ name: "content", params: { id: ID } });
    expect(matchPortalRoute(`/content/${ID}?hl=政府`)).toEqual({ name: "content", params: { id: ID } });
    expect(matchPortalRoute(`/content/${ID.toUpperCase()}`)?.name).toBe("content");
    const search = matchPortalRoute("/search?q=%E6%94%BF%E5%BA%9C&q=second&scope=all");
    expect(search?.name).toBe("search");
    expect(search?.name === "search" && search.params.get("q")).toBe("政府");
    for (const other of [
      "//",
      "/index.html",
      "/content/not-a-uuid",
      `/content/${ID}/`,
      `/content/${ID}/x`,
      `/content/${ID}%00`,
      "/content/",
      "/search/",
      "/searchx",
      "/columns/news",
      "/admin/content",
      `/api/content/${ID}`,
    ])
      expect(matchPortalRoute(other), other).toBeNull();
  });
});

describe("metadataHead", () => {
  const site = { name: "重庆市沙坪坝区人民政府", siteCode: "5001060001" };
  const baseUrl = "http://127.0.0.1:21116";

  it("writes what Next.js wrote for the same article, byte for byte", () => {
    const metadata = portalMetadata({
      site,
      baseUrl,
      path: `/content/${ID}`,
      title: "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见",
      description:
        "为推动全市政府网站和政务新媒体健康有序发展，加强政务公开，优化政务服务，凝聚社会共识，创新社会治理，提升政府网上履职能力和服务水平，提出本实施意见。",
      column: { name: "上级文件", kind: "POLICY_LIBRARY" },
      article: {
        title: "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见",
        publishedAt: new Date("2019-11-10T16:17:00.000Z"),
        source: "重庆市人民政府办公厅",
      },
    });
    // Taken from a page Next.js 16 rendered (tests/unit/fixtures/next-article-head.txt).
    const expected = readFileSync(path.join(__dirname, "fixtures/next-article-head.txt"), "utf8").trim();
    expect(metadataHead({ ...ROOT_METADATA, ...metadata })).toBe(expected);
  });

  it("writes robots, the share image and Twitter's large card, escaping what it writes", () => {
    const head = metadataHead(
      portalMetadata({
        site,
        baseUrl,
        path: "/search",
        title: '搜索 "<b>"',
        column: { name: "搜索", kind: "SEARCH" },
        image: { url: `${baseUrl}/api/assets/x?w=1&h=2`, alt: "图" },
        noIndex: true,
      }),
    )!;
    expect(head).toContain('<meta name="robots" content="noindex, follow"/>');
    expect(head).toContain("<title>搜索 &quot;&lt;b&gt;&quot; - 重庆市沙坪坝区人民政府</title>");
    expect(head).toContain(
      '<meta property="og:image" content="http://127.0.0.1:21116/api/assets/x?w=1&amp;h=2"/><meta property="og:image:width" content="1200"/>',
    );
    expect(head).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(head.indexOf('name="robots"')).toBeLessThan(head.indexOf('name="SiteName"'));
    expect(head.indexOf('property="og:image"')).toBeLessThan(head.indexOf('property="og:type"'));
  });

  it("writes the home page's feed link after the canonical address, as Next.js does", () => {
    const head = metadataHead({
      alternates: {
        canonical: `${baseUrl}/`,
        types: { "application/atom+xml": [{ url: `${baseUrl}/feed.xml`, title: "站 最新信息" }] },
      },
    });
    expect(head).toBe(
      `<link rel="canonical" href="${baseUrl}/"/><link rel="alternate" type="application/atom+xml" href="${baseUrl}/feed.xml" title="站 最新信息"/>`,
    );
  });

  it("declines metadata it does not write, so Next.js renders that page", () => {
    expect(metadataHead({ title: "x", keywords: ["a"] })).toBeNull();
    expect(metadataHead({ title: { absolute: "x" } })).toBeNull();
    expect(metadataHead({ robots: { index: false, googleBot: { index: false } } })).toBeNull();
    expect(metadataHead({ openGraph: { title: "x", videos: [] } })).toBeNull();
    expect(metadataHead({ alternates: { canonical: "/x", languages: { en: "/en" } } })).toBeNull();
    expect(metadataHead({ alternates: { media: { print: "/p" } } })).toBeNull();
  });
});

describe("createPortalRenderer", () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  /** A build folder with the content route's stylesheet manifest, as Next.js writes it. */
  function distDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "portal-render-"));
    const folder = path.join(dir, "server", "app", "(portal)", "content", "[id]");
    mkdirSync(folder, { recursive: true });
    const page = "/(portal)/content/[id]/page";
    writeFileSync(
      path.join(folder, "page_client-reference-manifest.js"),
      `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(page)}] = ${JSON.stringify({ entryCSSFiles: { "[project]/app/layout": [{ path: "static/chunks/site.css", inlined: false }] } })};`,
    );
    return dir;
  }

  async function Title({ id }: { id: string }) {
    const headers = await requestHeaders();
    if (id.startsWith("0")) notFound();
    return createElement("main", null, createElement("h1", null, `条目 ${id}`), `host ${headers.get("host")}`);
  }

  const pages: PortalPages = (match) =>
    match.name === "content"
      ? {
          manifestPage: "/(portal)/content/[id]/page",
          metadata: async () => ({ title: `条目 - 站点`, alternates: { canonical: `/content/${match.params.id}` } }),
          element: () => createElement(Title, { id: match.params.id }),
        }
      : null;

  async function start() {
    const renderer = createPortalRenderer({
      distDir: distDir(),
      pages,
      islandScript: "/_next/static/islands/boot-X.js",
      rootMetadata: ROOT_METADATA,
    });
    const handle = renderer(async (req, res) => {
      res.writeHead(299, { "content-type": "text/plain" });
      res.end(`next ${req.url}`);
    });
    server = http.createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  it("answers its routes with a whole document: head, stylesheets, island script, no RSC payload", async () => {
    const base = await start();
    const response = await fetch(`${base}/content/${ID}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"\/>/);
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/site.css"/>');
    expect(html).toContain('<script type="module" src="/_next/static/islands/boot-X.js"></script>');
    expect(html).toContain(`<title>条目 - 站点</title>`);
    expect(html).toContain(`<link rel="canonical" href="/content/${ID}"/>`);
    expect(html).toContain('<link rel="icon" href="/favicon.ico" sizes="any"/>');
    expect(html).toContain(`<body><main><h1>条目 ${ID}</h1>host 127.0.0.1`);
    expect(html).not.toContain("__next_f");
    expect(Number(response.headers.get("content-length"))).toBe(Buffer.byteLength(html));
    const head = await fetch(`${base}/content/${ID}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("hands Next.js every other route, a page that is not found, and client-router requests", async () => {
    const base = await start();
    const missing = "0" + ID.slice(1);
    for (const [target, init] of [
      ["/columns/news", {}],
      [`/content/${missing}`, {}],
      [`/content/${ID}`, { headers: { rsc: "1" } }],
      [`/content/${ID}`, { headers: { "next-router-state-tree": "x" } }],
      [`/content/${ID}`, { method: "POST", body: "x" }],
      ["/search?q=政府", {}],
    ] as const) {
      const response = await fetch(`${base}${target}`, init as RequestInit);
      expect(response.status, target).toBe(299);
    }
  });
});

describe("buildIslands", () => {
  it("bundles the island script with its chunks into Next's static folder, the carousel apart", async () => {
    const dist = mkdtempSync(path.join(tmpdir(), "portal-islands-"));
    const entry = await buildIslands(dist, path.resolve("components/portal/islands/boot.tsx"));
    expect(entry).toMatch(/^\/_next\/static\/islands\/boot-[A-Z0-9]+\.js$/);
    const files = readdirSync(path.join(dist, "static", "islands"));
    const boot = readFileSync(path.join(dist, "static", "islands", path.basename(entry)), "utf8");
    expect(boot).toContain("data-island");
    // The carousel and the Traditional Chinese dictionaries are chunks of their own, loaded on demand.
    expect(files.filter((file) => file.startsWith("chunk-")).length).toBeGreaterThanOrEqual(2);
    expect(boot).not.toContain("homeBlocks");
    // A second server starting on the same build writes the same files.
    expect(await buildIslands(dist, path.resolve("components/portal/islands/boot.tsx"))).toBe(entry);
  }, 60_000);
});
