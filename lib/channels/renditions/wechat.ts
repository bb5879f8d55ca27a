import { parseDocument } from "htmlparser2";
import { isTag, isText, type ChildNode } from "domhandler";
import { formatChineseDate } from "@/lib/format";
import type { TRevisionMetadata } from "@/lib/library/metadata";
import {
  collapseSpace,
  DROPPED_WITH_CONTENT,
  escapeAttr,
  escapeText,
  htmlToText,
  readStyle,
  resolveUrl,
  style,
  summaryOf,
  truncateChars,
} from "@/lib/channels/renditions/html";
import type { RenditionSource, WechatArticleRendition } from "@/lib/channels/renditions/types";

// ───────────────────────── WeChat ─────────────────────────

export const WECHAT_LIMITS = { title: 32, author: 16, digest: 128, contentChars: 20_000 } as const;

const WX = {
  section: style({
    "font-size": "16px",
    "line-height": "1.75",
    color: "#333333",
    "letter-spacing": "0.5px",
    "word-wrap": "break-word",
  }),
  heading: (level: number) =>
    style({
      "font-size": `${({ 2: 20, 3: 18, 4: 16 } as Record<number, number>)[level] ?? 16}px`,
      "font-weight": "bold",
      "line-height": "1.5",
      margin: "1.2em 0 0.6em",
      color: "#1a1a1a",
    }),
  list: style({ margin: "0 0 1em", "padding-left": "2em" }),
  listItem: style({ margin: "0 0 0.3em" }),
  blockquote: style({
    margin: "0 0 1em",
    padding: "0.5em 1em",
    "border-left": "3px solid #b22222",
    background: "#f7f7f7",
    color: "#555555",
  }),
  table: style({ width: "100%", "border-collapse": "collapse", margin: "0 0 1em", "font-size": "14px" }),
  cell: (header: boolean) =>
    style({
      border: "1px solid #999999",
      padding: "4px 8px",
      "text-align": header ? "center" : "left",
      "font-weight": header ? "bold" : null,
      background: header ? "#f2f2f2" : null,
    }),
  image: style({ display: "block", "max-width": "100%", height: "auto", margin: "1em auto" }),
  hr: style({ border: "none", "border-top": "1px solid #dddddd", margin: "1.5em 0" }),
  note: style({ margin: "0 0 1em", "font-size": "14px", color: "#888888" }),
  correction: style({
    margin: "0 0 1em",
    padding: "0.5em 1em",
    border: "1px solid #e0b4b4",
    background: "#fff6f6",
    color: "#9f3a38",
    "font-size": "14px",
  }),
};

function paragraphStyle(options: { align: string | null; indent: boolean }): string {
  return style({
    margin: "0 0 1em",
    "text-align": options.align ?? "justify",
    "text-indent": options.indent ? "2em" : null,
  });
}

type WechatWalk = {
  base: string | null;
  images: string[];
  indentAll: boolean;
  /** inside a list item or table cell */ compact: number;
};

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
  // Images and links are addressed from the item's page, or the platform before it has one.
  const base = source.portalUrl ?? source.assetBase ?? null;
  const walk: WechatWalk = { base, images: [], indentAll: source.kind === "POLICY", compact: 0 };
  const parts: string[] = [];
  if (source.correctionNote) {
    parts.push(`<p style="${WX.correction}"><strong>【更正】</strong>${escapeText(source.correctionNote)}</p>`);
  }
  const rows = policyRows(source.metadata);
  if (rows.length > 0) {
    const body = rows
      .map(
        ([label, value]) =>
          `<tr><th style="${WX.cell(true)};width:30%">${escapeText(label)}</th><td style="${WX.cell(false)}">${escapeText(value)}</td></tr>`,
      )
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
  if (Array.from(html).length >= WECHAT_LIMITS.contentChars)
    problems.push(`正文超过微信公众号的 ${WECHAT_LIMITS.contentChars} 字符上限，请精简后分发。`);
  if (!source.portalUrl)
    problems.push(
      base
        ? "条目尚未放入任何网站栏目，没有“阅读原文”链接。"
        : "条目尚未放入任何网站栏目，没有“阅读原文”链接，图片也无法转存。",
    );
  const title = (source.correctionNote ? "【更正】" : "") + source.title;
  return {
    format: "wechat-article",
    contentHash: source.contentHash,
    title: truncateChars(title, WECHAT_LIMITS.title),
    author: truncateChars(source.metadata.author ?? source.sourceName, WECHAT_LIMITS.author),
    digest: summaryOf(source, WECHAT_LIMITS.digest),
    html,
    contentSourceUrl: source.portalUrl,
    images: walk.images,
    problems,
  };
}
