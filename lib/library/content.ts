import { createHash } from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import { canonicalJson } from "@/lib/json/canonical";

// Revision bodies are Tiptap JSON; HTML is derived from it on the server (lib/library/render-body.ts) with the editor's
// own extension list, never accepted from a client (STYLE.md 11), then passed through an
// allowlist sanitizer as a second line behind the schema.

export type RichText = JSONContent;

/** A footnote reference reads as its number in plain text: “…建设[1]。” */
export function footnoteMarker(node: RichText): string {
  return `[${Number(node.attrs?.number) || 1}]`;
}

/** Plain text of a Tiptap document, paragraphs separated by newlines. */
export function bodyText(body: RichText): string {
  if (body.type === "text") return body.text ?? "";
  if (body.type === "footnoteReference") return footnoteMarker(body);
  const inner = (body.content ?? []).map(bodyText);
  const isBlock = body.type !== "text" && body.type !== "hardBreak";
  return isBlock && body.type !== "doc" ? inner.join("") + "\n" : inner.join("");
}

/** SHA-256 of what reviewers sign and channels carry: title, body and metadata. */
export function computeContentHash(content: { title: string; body: RichText; metadata: unknown }): string {
  return createHash("sha256")
    .update(canonicalJson({ title: content.title, body: content.body, metadata: content.metadata }))
    .digest("hex");
}

export type TextBlock = { type: "heading"; level: 2 | 3; text: string } | { type: "paragraph"; text: string };

/** Builds a Tiptap document from plain blocks (imports and seed documents). */
export function blocksToDoc(blocks: TextBlock[]): RichText {
  return {
    type: "doc",
    content: blocks.map((block) =>
      block.type === "heading"
        ? { type: "heading", attrs: { level: block.level }, content: [{ type: "text", text: block.text }] }
        : { type: "paragraph", content: block.text ? [{ type: "text", text: block.text }] : [] },
    ),
  };
}
