import { generateHTML } from "@tiptap/html/server";
import { bodyExtensions } from "@/lib/library/extensions";
import { sanitizeBodyHtml } from "@/lib/library/sanitize";
import type { RichText } from "@/lib/library/content";

// The body's HTML, from its Tiptap document through the allowlist sanitizer. Apart from
// lib/library/content.ts because of what it loads (Tiptap's server renderer pulls happy-dom,
// ~470 modules, and sanitize-html with postcss): code that only reads or publishes items, such
// as the job worker, starts without them (#21); the few writers that render load it.

export function renderBodyHtml(body: RichText): string {
  return sanitizeBodyHtml(generateHTML(body, bodyExtensions));
}
