import { collapseSpace, summaryOf } from "@/lib/channels/renditions/html";
import type { RenditionSource, WeiboStatusRendition } from "@/lib/channels/renditions/types";

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
  return {
    format: "weibo-status",
    contentHash: source.contentHash,
    text,
    length: weiboLength(text),
    limit: WEIBO_LIMIT,
    portalUrl: source.portalUrl,
    problems,
  };
}
