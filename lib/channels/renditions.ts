import { createHash } from "node:crypto";
import { parseDocument } from "htmlparser2";
import { isTag, isText, type ChildNode, type Element } from "domhandler";
import type { Db, Tx } from "@/lib/db/client";
import type { ChannelKind, ResourceKind } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { formatChineseDate } from "@/lib/format";
import { canonicalJson } from "@/lib/json/canonical";
import { ZStoredRevisionMetadata, sourceLabel, type TRevisionMetadata } from "@/lib/library/metadata";
import { contentPath, extractAttachments, primaryHost } from "@/lib/publish/portal-links";

// Renditions (分发同时): each channel's version of a publication is derived from the published
// revision alone, deterministically — the same revision always gives the same rendition, so what
// a channel shows is provably the approved content (its contentHash travels with it).
//   WeChat: article HTML within what the 公众号 editor keeps — a fixed set of tags, every style
//           inline, no classes, ids, scripts or frames, no links out (WeChat drops them), images
//           listed for re-hosting through the media API;
//   Weibo:  one status within 140 characters as Weibo counts them, with the link back;
//   others: structured JSON (apps, webhooks, the 融媒体中心 relay, feeds).
// HTML is read with a real parser (htmlparser2) and written back from an allowlist: nothing the
// walker does not know is copied through.

export type RenditionSource = {
  resourceId: string;
  kind: ResourceKind;
  title: string;
  bodyHtml: string;
  metadata: TRevisionMetadata;
  contentHash: string;
  publishedAt: Date | null;
  /** 来源: the owning unit's name (or, for a reprint, where it was reprinted from). */
  sourceName: string;
  /** The item's page on the portal (absolute), null when it is not placed on any site yet. */
  portalUrl: string | null;
  correctionNote: string | null;
};

export type WechatArticleRendition = {
  format: "wechat-article";
  contentHash: string;
  /** ≤ 32 characters (draft/add) */
  title: string;
  /** ≤ 16 characters */
  author: string;
  /** ≤ 128 characters */
  digest: string;
  html: string;
  /** “阅读原文”: the portal page */
  contentSourceUrl: string | null;
  /** Absolute addresses of the images in `html`, in order: the adapter re-hosts each and rewrites src. */
  images: string[];
  /** What keeps this rendition from going out as it is (shown in the preview; the adapter refuses). */
  problems: string[];
};

export type WeiboStatusRendition = {
  format: "weibo-status";
  contentHash: string;
  text: string;
  /** As Weibo counts: a Chinese character 1, a half-width character ½, rounded up. */
  length: number;
  limit: number;
  portalUrl: string | null;
  problems: string[];
};

export type RenditionField = { label: string; value: string | string[] };

export type RenditionDocument = {
  schema: "tongyuan.rendition/v1";
  resourceId: string;
  kind: ResourceKind;
  kindLabel: string;
  title: string;
  summary: string;
  /** The revision's own sanitized HTML, unchanged (links relative to portalUrl's origin). */
  bodyHtml: string;
  /** Metadata under English names, each with its Chinese label. */
  metadata: Record<string, RenditionField>;
  source: string;
  publishedAt: string | null;
  portalUrl: string | null;
  attachments: { name: string; url: string }[];
  contentHash: string;
  correctionNote: string | null;
};

export type JsonRendition = { format: "json"; contentHash: string; document: RenditionDocument };

export type Rendition = WechatArticleRendition | WeiboStatusRendition | JsonRendition;

export const KIND_LABELS: Record<ResourceKind, string> = {
  ARTICLE: "政务动态",
  NOTICE: "通知公告",
  POLICY: "政策文件",
  INTERPRETATION: "政策解读",
  QA: "问答",
  MEDIA: "图片音视频",
};

/** Which rendition a channel kind carries. */
export function renditionFormatOf(kind: ChannelKind): Rendition["format"] {
  return kind === "WECHAT" ? "wechat-article" : kind === "WEIBO" ? "weibo-status" : "json";
}

/** Pure and deterministic: the rendition of `source` for a channel of this kind. */
export function renderForChannel(kind: ChannelKind, source: RenditionSource): Rendition {
  switch (renditionFormatOf(kind)) {
    case "wechat-article":
      return renderWechatArticle(source);
    case "weibo-status":
      return renderWeiboStatus(source);
    default:
      return renderJson(source);
  }
}

/** SHA-256 of a rendition's canonical JSON: equal renditions, equal hashes. */
export function renditionHash(rendition: Rendition): string {
  return createHash("sha256").update(canonicalJson(rendition)).digest("hex");
}

// ───────────────────────── shared helpers ─────────────────────────

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}

/** Truncates to `max` characters (code points), ending with “…” when cut. */
export function truncateChars(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join("") + "…";
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Plain text of an HTML fragment, blocks separated by spaces. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (isText(node)) parts.push(node.data);
      else if (isTag(node)) {
        if (DROPPED_WITH_CONTENT.has(node.name)) continue;
        walk(node.children);
        if (BLOCK_TAGS.has(node.name) || node.name === "br") parts.push(" ");
      }
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children);
  return collapseSpace(parts.join(""));
}

/** The summary a channel shows: the editor's 摘要, or the start of the text. */
function summaryOf(source: RenditionSource, max: number): string {
  const summary = collapseSpace(source.metadata.summary ?? "");
  return truncateChars(summary || htmlToText(source.bodyHtml), max);
}

function resolveUrl(href: string, base: string | null): string | null {
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

const BLOCK_TAGS = new Set(["p", "div", "section", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "table", "tr", "td", "th", "hr", "pre"]);
const DROPPED_WITH_CONTENT = new Set(["script", "style", "iframe", "frame", "frameset", "object", "embed", "noscript", "template", "svg", "math", "form", "input", "button", "select", "textarea", "canvas", "head", "title", "meta", "link", "base", "colgroup", "col"]);

/** The declarations of a style attribute we carry over (alignment and first-line indent only). */
function readStyle(element: Element): { align: string | null; indent: boolean } {
  let align: string | null = null;
  let indent = false;
  for (const declaration of (element.attribs.style ?? "").split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim().toLowerCase();
    if (property === "text-align" && ["left", "center", "right", "justify"].includes(value)) align = value;
    if (property === "text-indent" && value !== "0" && value !== "0px" && value !== "0em") indent = true;
  }
  return { align, indent };
}

function style(declarations: Record<string, string | null | undefined | false>): string {
  return Object.entries(declarations)
    .filter(([, value]) => value !== null && value !== undefined && value !== false)
    .map(([property, value]) => `${property}:${value}`)
    .join(";");
}

// ───────────────────────── WeChat ─────────────────────────

export const WECHAT_LIMITS = { title: 32, author: 16, digest: 128, contentChars: 20_000 } as const;

const WX = {
  section: style({ "font-size": "16px", "line-height": "1.75", color: "#333333", "letter-spacing": "0.5px", "word-wrap": "break-word" }),
  heading: (level: number) =>
    style({ "font-size": `${({ 2: 20, 3: 18, 4: 16 } as Record<number, number>)[level] ?? 16}px`, "font-weight": "bold", "line-height": "1.5", margin: "1.2em 0 0.6em", color: "#1a1a1a" }),
  list: style({ margin: "0 0 1em", "padding-left": "2em" }),
  listItem: style({ margin: "0 0 0.3em" }),
  blockquote: style({ margin: "0 0 1em", padding: "0.5em 1em", "border-left": "3px solid #b22222", background: "#f7f7f7", color: "#555555" }),
  table: style({ width: "100%", "border-collapse": "collapse", margin: "0 0 1em", "font-size": "14px" }),
  cell: (header: boolean) => style({ border: "1px solid #999999", padding: "4px 8px", "text-align": header ? "center" : "left", "font-weight": header ? "bold" : null, background: header ? "#f2f2f2" : null }),
  image: style({ display: "block", "max-width": "100%", height: "auto", margin: "1em auto" }),
  hr: style({ border: "none", "border-top": "1px solid #dddddd", margin: "1.5em 0" }),
  note: style({ margin: "0 0 1em", "font-size": "14px", color: "#888888" }),
  correction: style({ margin: "0 0 1em", padding: "0.5em 1em", border: "1px solid #e0b4b4", background: "#fff6f6", color: "#9f3a38", "font-size": "14px" }),
};

function paragraphStyle(options: { align: string | null; indent: boolean }): string {
  return style({ margin: "0 0 1em", "text-align": options.align ?? "justify", "text-indent": options.indent ? "2em" : null });
}

type WechatWalk = { base: string | null; images: string[]; indentAll: boolean; /** inside a list item or table cell */ compact: number };

/** Renders one node list within WeChat's subset. */
function wechatNodes(nodes: ChildNode[], walk: WechatWalk): string {
  return nodes.map((node) => wechatNode(node, walk)).join("");
}

function wechatNode(node: ChildNode, walk: WechatWalk): string {
  if (isText(node)) return escapeText(node.data);
  if (!isTag(node)) return ""; // comments, directives, CDATA
  const name = node.name.toLowerCase();
  if (DROPPED_WITH_CONTENT.has(name)) return "";
  const inner = () => wechatNodes(node.children, walk);
  const compactInner = () => {
    walk.compact++;
    try {
      return inner();
    } finally {
      walk.compact--;
    }
  };
  switch (name) {
    case "p": {
      const { align, indent } = readStyle(node);
      // 公文 (policy documents) indent every body paragraph by two characters.
      // Paragraphs inside list items and table cells stay compact: no margin, no indent.
      if (walk.compact > 0) return `<p style="${style({ margin: "0", "text-align": align })}">${inner()}</p>`;
      const indented = indent || (walk.indentAll && (align === null || align === "justify" || align === "left"));
      return `<p style="${paragraphStyle({ align, indent: indented })}">${inner()}</p>`;
    }
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6": {
      const level = Math.min(4, Math.max(2, Number(name.slice(1))));
      const { align } = readStyle(node);
      return `<h${level} style="${WX.heading(level)}${align ? `;text-align:${align}` : ""}">${inner()}</h${level}>`;
    }
    case "strong":
    case "b":
      return `<strong>${inner()}</strong>`;
    case "em":
    case "i":
      return `<em>${inner()}</em>`;
    case "u":
      return `<span style="text-decoration:underline">${inner()}</span>`;
    case "s":
    case "del":
    case "strike":
      return `<span style="text-decoration:line-through">${inner()}</span>`;
    case "sub":
    case "sup":
      return `<${name}>${inner()}</${name}>`;
    case "br":
      return "<br/>";
    case "hr":
      return `<hr style="${WX.hr}"/>`;
    case "ul":
    case "ol":
      return `<${name} style="${WX.list}">${inner()}</${name}>`;
    case "li":
      return `<li style="${WX.listItem}">${compactInner()}</li>`;
    case "blockquote":
      return `<blockquote style="${WX.blockquote}">${inner()}</blockquote>`;
    case "table":
      return `<table style="${WX.table}">${inner()}</table>`;
    case "thead":
    case "tbody":
    case "tfoot":
    case "tr":
      return `<${name}>${inner()}</${name}>`;
    case "td":
    case "th": {
      const spans = ["colspan", "rowspan"]
        .filter((attribute) => /^\d{1,3}$/.test(node.attribs[attribute] ?? "") && node.attribs[attribute] !== "1")
        .map((attribute) => ` ${attribute}="${node.attribs[attribute]}"`)
        .join("");
      return `<${name}${spans} style="${WX.cell(name === "th")}">${compactInner()}</${name}>`;
    }
    case "img": {
      const src = resolveUrl(node.attribs.src ?? "", walk.base);
      if (!src) return "";
      if (!walk.images.includes(src)) walk.images.push(src);
      const alt = node.attribs.alt ? ` alt="${escapeAttr(node.attribs.alt)}"` : "";
      return `<img src="${escapeAttr(src)}"${alt} style="${WX.image}"/>`;
    }
    case "a": {
      const text = inner();
      const href = node.attribs.href ?? "";
      if (href.startsWith("mailto:")) return text;
      const url = resolveUrl(href, walk.base);
      if (!url) return text;
      // WeChat keeps links only to its own articles; everything else becomes text with the
      // address in brackets, so readers can still find it.
      if (new URL(url).hostname === "mp.weixin.qq.com") return `<a href="${escapeAttr(url)}">${text}</a>`;
      const plain = collapseSpace(htmlToText(text));
      return plain === url ? escapeText(url) : `${text}（${escapeText(url)}）`;
    }
    case "video":
    case "audio": {
      const src = resolveUrl(node.attribs.src ?? "", walk.base);
      return `<p style="${WX.note}">${name === "video" ? "【视频】" : "【音频】"}请至原文链接查看${src ? `：${escapeText(src)}` : "。"}</p>`;
    }
    default:
      // Containers and inline wrappers we do not keep (div, span, font, section …): their content stays.
      return inner();
  }
}

/** 发文字号、发文机关 … of a policy document, as a table at the top (the order of the portal page). */
function policyRows(metadata: TRevisionMetadata): [string, string][] {
  const policy = metadata.policy;
  if (!policy) return [];
  const rows: [string, string | null | undefined][] = [
    ["文号", policy.docNumber],
    ["发文机关", policy.issuer],
    ["成文日期", policy.writtenOn ? formatChineseDate(policy.writtenOn) : null],
    ["实施日期", policy.effectiveOn ? formatChineseDate(policy.effectiveOn) : null],
    ["废止日期", policy.expiresOn ? formatChineseDate(policy.expiresOn) : null],
    ["文种", policy.genre],
    ["主送机关", policy.addressee],
  ];
  return rows.filter((row): row is [string, string] => typeof row[1] === "string" && row[1].trim() !== "");
}

export function renderWechatArticle(source: RenditionSource): WechatArticleRendition {
  const base = source.portalUrl;
  const walk: WechatWalk = { base, images: [], indentAll: source.kind === "POLICY", compact: 0 };
  const parts: string[] = [];
  if (source.correctionNote) {
    parts.push(`<p style="${WX.correction}"><strong>【更正】</strong>${escapeText(source.correctionNote)}</p>`);
  }
  const rows = policyRows(source.metadata);
  if (rows.length > 0) {
    const body = rows
      .map(([label, value]) => `<tr><th style="${WX.cell(true)};width:30%">${escapeText(label)}</th><td style="${WX.cell(false)}">${escapeText(value)}</td></tr>`)
      .join("");
    parts.push(`<table style="${WX.table}"><tbody>${body}</tbody></table>`);
  }
  parts.push(`<p style="${WX.note}">来源：${escapeText(source.sourceName)}</p>`);
  parts.push(wechatNodes(parseDocument(source.bodyHtml, { decodeEntities: true }).children, walk));
  if (source.portalUrl) {
    parts.push(`<p style="${WX.note}">原文链接：${escapeText(source.portalUrl)}</p>`);
  }
  const html = `<section style="${WX.section}">${parts.join("")}</section>`;
  const problems: string[] = [];
  if (Array.from(html).length >= WECHAT_LIMITS.contentChars) problems.push(`正文超过微信公众号的 ${WECHAT_LIMITS.contentChars} 字符上限，请精简后分发。`);
  if (!source.portalUrl) problems.push("条目尚未放入任何网站栏目，没有“阅读原文”链接，图片也无法转存。");
  const title = (source.correctionNote ? "【更正】" : "") + source.title;
  return {
    format: "wechat-article",
    contentHash: source.contentHash,
    title: truncateChars(title, WECHAT_LIMITS.title),
    author: truncateChars(source.sourceName, WECHAT_LIMITS.author),
    digest: summaryOf(source, WECHAT_LIMITS.digest),
    html,
    contentSourceUrl: source.portalUrl,
    images: walk.images,
    problems,
  };
}

// ───────────────────────── Weibo ─────────────────────────

export const WEIBO_LIMIT = 140;

/**
 * Length as Weibo counts it: every full-width character (汉字, Chinese punctuation) is one, every
 * half-width (ASCII) character a half, rounded up. Links are counted in full: Weibo shortens them,
 * so the platform's count is never above ours.
 */
export function weiboLength(text: string): number {
  let halves = 0;
  for (const char of text) halves += char.codePointAt(0)! <= 0x7f ? 1 : 2;
  return Math.ceil(halves / 2);
}

/** The longest prefix of `text` (ending in “…” when cut) that fits `budget` Weibo characters. */
function fitWeibo(text: string, budget: number): string {
  if (weiboLength(text) <= budget) return text;
  if (budget <= 0) return "";
  const chars = Array.from(text);
  let kept = "";
  for (const char of chars) {
    if (weiboLength(kept + char + "…") > budget) break;
    kept += char;
  }
  return kept ? `${kept.trimEnd()}…` : "";
}

export function renderWeiboStatus(source: RenditionSource): WeiboStatusRendition {
  const prefix = source.correctionNote ? "【更正】" : "";
  const link = source.portalUrl ? ` ${source.portalUrl}` : "";
  const fixed = weiboLength(prefix + "【】" + link);
  // The title first (shortened only when it alone does not fit), then as much summary as fits.
  const title = fitWeibo(collapseSpace(source.title), WEIBO_LIMIT - fixed);
  const head = `${prefix}【${title}】`;
  const summaryText = source.correctionNote ? collapseSpace(source.correctionNote) : summaryOf(source, WEIBO_LIMIT);
  const summary = fitWeibo(summaryText, WEIBO_LIMIT - weiboLength(head + link));
  const text = `${head}${summary}${link}`;
  const problems: string[] = [];
  if (!source.portalUrl) problems.push("条目尚未放入任何网站栏目，微博须附原文链接，暂不能分发。");
  return { format: "weibo-status", contentHash: source.contentHash, text, length: weiboLength(text), limit: WEIBO_LIMIT, portalUrl: source.portalUrl, problems };
}

// ───────────────────────── JSON (apps, webhooks, feeds) ─────────────────────────

function metadataFields(metadata: TRevisionMetadata): Record<string, RenditionField> {
  const fields: Record<string, RenditionField> = {};
  const put = (name: string, label: string, value: string | string[] | null | undefined) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value) ? value.length === 0 : value.trim() === "") return;
    fields[name] = { label, value };
  };
  const policy = metadata.policy;
  if (policy) {
    put("docNumber", "文号", policy.docNumber);
    put("issuer", "发文机关", policy.issuer);
    put("writtenOn", "成文日期", policy.writtenOn);
    put("effectiveOn", "实施日期", policy.effectiveOn);
    put("expiresOn", "废止日期", policy.expiresOn);
    put("genre", "文种", policy.genre);
    put("addressee", "主送机关", policy.addressee);
  }
  put("keywords", "关键词", metadata.keywords);
  put("themeCode", "主题分类", metadata.themeCode);
  put("audience", "服务对象", metadata.audience);
  if (metadata.source.type === "reprint") {
    put("originName", "转载来源", metadata.source.originName);
    put("originUrl", "转载链接", metadata.source.originUrl);
  }
  return fields;
}

export function renderJson(source: RenditionSource): JsonRendition {
  const document: RenditionDocument = {
    schema: "tongyuan.rendition/v1",
    resourceId: source.resourceId,
    kind: source.kind,
    kindLabel: KIND_LABELS[source.kind],
    title: source.title,
    summary: summaryOf(source, 200),
    bodyHtml: source.bodyHtml,
    metadata: metadataFields(source.metadata),
    source: source.sourceName,
    publishedAt: source.publishedAt ? source.publishedAt.toISOString() : null,
    portalUrl: source.portalUrl,
    attachments: extractAttachments(source.bodyHtml).map((attachment) => ({
      name: attachment.name,
      url: resolveUrl(attachment.href, source.portalUrl) ?? attachment.href,
    })),
    contentHash: source.contentHash,
    correctionNote: source.correctionNote,
  };
  return { format: "json", contentHash: source.contentHash, document };
}

// ───────────────────────── loading the source ─────────────────────────

function isLocalHost(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}

/**
 * The absolute address of a page on a site host. Outside a request there is no scheme to copy:
 * the configured public URL's when it names this host, plain http with the app's port for local
 * hosts (the embedded demo), https for every public government site.
 */
export function absoluteSiteUrl(host: string, path: string): string {
  const env = getEnv();
  if (env.AUTH_URL) {
    const configured = new URL(env.AUTH_URL);
    if (configured.hostname === host) return `${configured.origin}${path}`;
  }
  return isLocalHost(host) ? `http://${host}:${env.PORT}${path}` : `https://${host}${path}`;
}

/** The portal page of an item: its first placement's site, that site's first host. */
async function portalUrlOf(db: Db | Tx, resourceId: string): Promise<string | null> {
  const placement = await db.placement.findFirst({
    where: { resourceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { column: { select: { siteId: true } } },
  });
  if (!placement) return null;
  const host = await primaryHost(placement.column.siteId, db);
  return host ? absoluteSiteUrl(host, contentPath(resourceId)) : null;
}

type RevisionRow = {
  resourceId: string;
  title: string;
  bodyHtml: string;
  metadata: unknown;
  contentHash: string;
  resource: { kind: ResourceKind; ownerOrg: { name: string } };
};

const revisionSelect = {
  resourceId: true,
  title: true,
  bodyHtml: true,
  metadata: true,
  contentHash: true,
  resource: { select: { kind: true, ownerOrg: { select: { name: true } } } },
} as const;

/** Metadata as validated by lib/library; older rows missing newer defaults still parse. */
function parseMetadata(value: unknown): TRevisionMetadata {
  const parsed = ZStoredRevisionMetadata.safeParse(value);
  if (parsed.success) return parsed.data;
  const summary = (value as { summary?: unknown } | null)?.summary;
  return { summary: typeof summary === "string" ? summary : undefined, source: { type: "original" }, keywords: [], disclosure: { type: "proactive" }, relations: [] };
}

async function sourceFromRevision(db: Db | Tx, revision: RevisionRow, publication: { publishedAt: Date; correctionNote: string | null } | null): Promise<RenditionSource> {
  const metadata = parseMetadata(revision.metadata);
  return {
    resourceId: revision.resourceId,
    kind: revision.resource.kind,
    title: revision.title,
    bodyHtml: revision.bodyHtml,
    metadata,
    contentHash: revision.contentHash,
    publishedAt: publication?.publishedAt ?? null,
    sourceName: sourceLabel(metadata, revision.resource.ownerOrg.name),
    portalUrl: await portalUrlOf(db, revision.resourceId),
    correctionNote: publication?.correctionNote ?? null,
  };
}

/** What a publication's deliveries carry: its revision, as published. */
export async function loadRenditionSource(db: Db | Tx, publicationId: string): Promise<RenditionSource> {
  const publication = await db.publication.findUnique({
    where: { id: publicationId },
    select: { publishedAt: true, correctionNote: true, revision: { select: revisionSelect } },
  });
  if (!publication) throw new Error(`Publication ${publicationId} not found`);
  return sourceFromRevision(db, publication.revision, publication);
}

/** A revision not (yet) published, for previews before submission and during review. */
export async function renditionSourceForRevision(db: Db | Tx, revisionId: string): Promise<RenditionSource> {
  const revision = await db.revision.findUnique({ where: { id: revisionId }, select: revisionSelect });
  if (!revision) throw new Error(`Revision ${revisionId} not found`);
  return sourceFromRevision(db, revision, null);
}
