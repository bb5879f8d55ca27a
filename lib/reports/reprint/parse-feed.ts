import { DomUtils, parseDocument } from "htmlparser2";
import type { Element } from "domhandler";

// Upper-level feeds (中国政府网, the provincial portal) come as RSS 2.0, Atom or JSON Feed; the
// format is detected from the content, never from the URL or the declared type. XML is read with
// htmlparser2 in xmlMode (already used by the library), which never resolves external entities.
// Pure: the fetcher hands the text in, the queue takes the items out.

export type FeedFormat = "RSS" | "ATOM" | "JSON";

export type FeedItem = {
  /** guid / id, else the link: what makes an item the same on the next fetch. */
  key: string;
  title: string;
  link: string | null;
  summary: string;
  /** The item's publication time as given, or null when absent or unreadable. */
  publishedAt: Date | null;
};

export type ParsedFeed = { format: FeedFormat; title: string; items: FeedItem[] };

export class FeedParseError extends Error {}

const MAX_ITEMS = 200;
const MAX_TITLE = 300;
const MAX_SUMMARY = 2000;

/** Tags and entities out, whitespace collapsed: feeds put HTML in descriptions. */
export function plainText(value: string): string {
  const document = parseDocument(`<div>${value}</div>`, { decodeEntities: true });
  return DomUtils.textContent(document).replace(/\s+/g, " ").trim();
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function httpLink(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

function readDate(value: string | null | undefined): Date | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  // "2026-12-06 10:00" without a zone is how Chinese portals often write it: China time.
  const wall = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  const date = wall
    ? new Date(`${wall[1]}-${wall[2]}-${wall[3]}T${wall[4]}:${wall[5]}:${wall[6] ?? "00"}+08:00`)
    : new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : date;
}

function childText(parent: Element, names: string[]): string | null {
  for (const child of parent.children) {
    if (child.type !== "tag") continue;
    if (names.includes(child.name.toLowerCase())) return DomUtils.textContent(child).trim();
  }
  return null;
}

function children(parent: Element, name: string): Element[] {
  return parent.children.filter((child): child is Element => child.type === "tag" && child.name.toLowerCase() === name);
}

function finish(items: (Omit<FeedItem, "key"> & { id: string | null })[]): FeedItem[] {
  const seen = new Set<string>();
  const out: FeedItem[] = [];
  for (const item of items) {
    const key = (item.id?.trim() || item.link || "").slice(0, 500);
    const title = clip(plainText(item.title), MAX_TITLE);
    if (!key || !title || seen.has(key)) continue;
    seen.add(key);
    out.push({
      key,
      title,
      link: item.link,
      summary: clip(plainText(item.summary), MAX_SUMMARY),
      publishedAt: item.publishedAt,
    });
    if (out.length >= MAX_ITEMS) break;
  }
  return out;
}

function parseRss(channel: Element): ParsedFeed {
  const items = DomUtils.getElementsByTagName("item", channel, true).map((item) => ({
    id: childText(item, ["guid"]),
    title: childText(item, ["title"]) ?? "",
    link: httpLink(childText(item, ["link"])),
    summary: childText(item, ["description", "content:encoded"]) ?? "",
    publishedAt: readDate(childText(item, ["pubdate", "dc:date"])),
  }));
  return { format: "RSS", title: plainText(childText(channel, ["title"]) ?? ""), items: finish(items) };
}

function atomLink(entry: Element): string | null {
  const links = children(entry, "link");
  const alternate = links.find((link) => !link.attribs.rel || link.attribs.rel === "alternate") ?? links[0];
  return httpLink(alternate?.attribs.href);
}

function parseAtom(feed: Element): ParsedFeed {
  const items = children(feed, "entry").map((entry) => ({
    id: childText(entry, ["id"]),
    title: childText(entry, ["title"]) ?? "",
    link: atomLink(entry),
    summary: childText(entry, ["summary", "content"]) ?? "",
    publishedAt: readDate(childText(entry, ["published", "updated"])),
  }));
  return { format: "ATOM", title: plainText(childText(feed, ["title"]) ?? ""), items: finish(items) };
}

const str = (value: unknown) => (typeof value === "string" ? value : null);

function parseJsonFeed(text: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FeedParseError("JSON 格式不正确");
  }
  const feed = data as { version?: unknown; title?: unknown; items?: unknown };
  if (!feed || typeof feed !== "object" || !str(feed.version)?.startsWith("https://jsonfeed.org/version/")) {
    throw new FeedParseError("不是 JSON Feed（缺少 version）");
  }
  const entries = Array.isArray(feed.items) ? feed.items : [];
  const items = entries
    .filter((entry): entry is Record<string, unknown> => !!entry && typeof entry === "object")
    .map((entry) => ({
      id: str(entry.id) ?? (typeof entry.id === "number" ? String(entry.id) : null),
      title: str(entry.title) ?? "",
      link: httpLink(str(entry.url) ?? str(entry.external_url)),
      summary: str(entry.summary) ?? str(entry.content_text) ?? str(entry.content_html) ?? "",
      publishedAt: readDate(str(entry.date_published) ?? str(entry.date_modified)),
    }));
  return { format: "JSON", title: str(feed.title) ?? "", items: finish(items) };
}

/** The feed's format and items; FeedParseError when it is none of the three. */
export function parseFeed(text: string): ParsedFeed {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  if (trimmed.startsWith("{")) return parseJsonFeed(trimmed);
  if (!trimmed.startsWith("<")) throw new FeedParseError("不是 RSS、Atom 或 JSON Feed");
  const document = parseDocument(trimmed, { xmlMode: true, decodeEntities: true });
  const root = document.children.find((node): node is Element => node.type === "tag");
  const name = root?.name.toLowerCase();
  if (root && name === "rss") {
    const channel = children(root, "channel")[0];
    if (!channel) throw new FeedParseError("RSS 缺少 channel");
    return parseRss(channel);
  }
  if (root && name === "feed") return parseAtom(root);
  if (root && name === "rdf:rdf") return parseRss(root);
  throw new FeedParseError("不是 RSS、Atom 或 JSON Feed");
}
