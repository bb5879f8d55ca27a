import sanitizeHtml from "sanitize-html";
import { isBodyHref } from "@/lib/validation/url";

// The second line behind the Tiptap schema: every rendered body passes an allowlist of exactly
// what the editor's extensions produce (lib/library/extensions.ts). Anything else — an element,
// attribute, style or URL scheme the schema should never have let through — is dropped.

const ALIGN = [/^(left|center|right|justify)$/];
// Footnote anchors (lib/library/footnotes.ts): in-page targets with numbered ids only.
const NOTE_HREF = /^#fn(ref)?-\d{1,4}$/;
const NOTE_REF_ID = /^fnref-\d{1,4}$/;
const NOTE_ID = /^fn-\d{1,4}$/;
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
    "sup",
    "span",
  ],
  allowedAttributes: {
    a: ["href", "target", "rel", "id", "aria-label"],
    img: ["src", "alt", "title", "width", "height", "style", "data-align"],
    ol: ["start", "type"],
    li: ["id", "value"],
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
    img: { display: [/^block$/], "margin-left": [/^(auto|0)$/], "margin-right": [/^(auto|0(px)?)$/] },
  },
  allowedClasses: { sup: ["footnote-ref"], ol: ["footnotes"], span: ["footnote-text"], a: ["footnote-back"] },
  // Schemes are decided by isBodyHref below; sanitize-html's own list is the outer bound.
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  selfClosing: ["img", "br", "hr", "col"],
  transformTags: {
    a: (tagName, attribs) => {
      if (attribs.href && NOTE_HREF.test(attribs.href)) {
        const isBackLink = attribs.href.startsWith("#fnref-");
        return {
          tagName,
          attribs: {
            href: attribs.href,
            ...(!isBackLink && attribs.id && NOTE_REF_ID.test(attribs.id) ? { id: attribs.id } : {}),
            ...(isBackLink ? { class: "footnote-back", "aria-label": "返回正文" } : {}),
          },
        };
      }
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
    li: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...(attribs.id && NOTE_ID.test(attribs.id) ? { id: attribs.id } : {}),
        ...(attribs.value && /^\d{1,4}$/.test(attribs.value) ? { value: attribs.value } : {}),
      },
    }),
    img: (tagName, attribs) => {
      const { src, "data-align": align, ...rest } = attribs;
      if (align === "center" || align === "right") rest["data-align"] = align;
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
