import { parseDocument } from "htmlparser2";
import { isTag, isText, type ChildNode, type Element } from "domhandler";
import type { RenditionSource } from "@/lib/channels/renditions/types";
import { kindSummary } from "@/lib/library/kinds";

// Text and HTML helpers shared by the renditions of every channel kind.

export function escapeText(text: string): string {
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

export function collapseSpace(text: string): string {
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
export function summaryOf(source: RenditionSource, max: number): string {
  // A leader without a 摘要 is summed up as 姓名（职务）, not by the start of the 简历.
  const summary = collapseSpace(kindSummary(source.metadata) ?? "");
  return truncateChars(summary || htmlToText(source.bodyHtml), max);
}

export function resolveUrl(href: string, base: string | null): string | null {
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "blockquote",
  "table",
  "tr",
  "td",
  "th",
  "hr",
  "pre",
]);
export const DROPPED_WITH_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "noscript",
  "template",
  "svg",
  "math",
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "canvas",
  "head",
  "title",
  "meta",
  "link",
  "base",
  "colgroup",
  "col",
]);

/** The declarations of a style attribute we carry over (alignment and first-line indent only). */
export function readStyle(element: Element): { align: string | null; indent: boolean } {
  let align: string | null = null;
  let indent = false;
  for (const declaration of (element.attribs.style ?? "").split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (property === "text-align" && ["left", "center", "right", "justify"].includes(value)) align = value;
    if (property === "text-indent" && value !== "0" && value !== "0px" && value !== "0em") indent = true;
  }
  return { align, indent };
}

export function style(declarations: Record<string, string | null | undefined | false>): string {
  return Object.entries(declarations)
    .filter(([, value]) => value !== null && value !== undefined && value !== false)
    .map(([property, value]) => `${property}:${value}`)
    .join(";");
}
