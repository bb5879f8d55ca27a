import { createHash } from "node:crypto";
import type { ChannelKind } from "@/lib/db/generated/client";
import { canonicalJson } from "@/lib/json/canonical";
import { renderJson } from "@/lib/channels/renditions/json";
import type { Rendition, RenditionSource } from "@/lib/channels/renditions/types";
import { renderWechatArticle } from "@/lib/channels/renditions/wechat";
import { renderWeiboStatus } from "@/lib/channels/renditions/weibo";

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
