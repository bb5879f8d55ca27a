import sanitizeHtml from "sanitize-html";
import { isBodyHref } from "@/lib/validation/url";

// The second line behind the Tiptap schema: every rendered body passes an allowlist of exactly
// what the editor's extensions produce (lib/library/extensions.ts). Anything else — an element,
// attribute, style or URL scheme the schema should never have let through — is dropped.

const ALIGN = [/^(left|center|right|justify)$/];
const LENGTH = [/^\d+(\.\d+)?(px|em|%)$/];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "u",
    "s",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "table",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: {
    a: ["href", "target", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    ol: ["start", "type"],
    th: ["colspan", "rowspan", "colwidth", "style"],
    td: ["colspan", "rowspan", "colwidth", "style"],
    table: ["style"],
    col: ["style"],
    p: ["style"],
    h2: ["style"],
    h3: ["style"],
    h4: ["style"],
  },
  allowedStyles: {
    "*": { "text-align": ALIGN, "text-indent": LENGTH },
    table: { width: LENGTH, "min-width": LENGTH },
    col: { width: LENGTH, "min-width": LENGTH },
    td: { width: LENGTH, "min-width": LENGTH },
    th: { width: LENGTH, "min-width": LENGTH },
  },
  // Schemes are decided by isBodyHref below; sanitize-html's own list is the outer bound.
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  selfClosing: ["img", "br", "hr", "col"],
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href && isBodyHref(attribs.href) ? attribs.href : undefined;
      const newWindow = attribs.target === "_blank";
      return {
        tagName,
        attribs: {
          ...(href ? { href } : {}),
          ...(newWindow ? { target: "_blank" } : {}),
          rel: "noopener noreferrer",
        },
      };
    },
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return {
        tagName,
        attribs: src && (src.startsWith("/") ? /^\/(?![/\\])/.test(src) : true) ? { ...rest, src } : rest,
      };
    },
  },
};

/** Body HTML reduced to the editor's allowlist; links keep only safe targets. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
