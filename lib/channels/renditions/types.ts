import type { ResourceKind } from "@/lib/db/generated/client";
import type { TRevisionMetadata } from "@/lib/library/metadata";

export type RenditionSource = {
  resourceId: string;
  kind: ResourceKind;
  title: string;
  bodyHtml: string;
  metadata: TRevisionMetadata;
  contentHash: string;
  publishedAt: Date | null;
  /** 更新时间: when a correction of the item was published. */
  updatedAt?: Date | null;
  /** 来源: the owning unit's name (or, for a reprint, where it was reprinted from). */
  sourceName: string;
  /** The item's page on the portal (absolute), null when it is not placed on any site yet. */
  portalUrl: string | null;
  /**
   * The platform's public origin: the library's own files (images, attachments) are addressed
   * from it when the item has no portal page yet, so a preview before placement keeps them.
   */
  assetBase?: string | null;
  correctionNote: string | null;
  /** A 答问's theme names (答问主题) by code, for the themes its metadata names; a code without a theme stays as it is. */
  qaThemeNames?: Record<string, string>;
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
  /** 更新时间 of a correction (absent otherwise). */
  updatedAt?: string;
  portalUrl: string | null;
  attachments: { name: string; url: string }[];
  contentHash: string;
  correctionNote: string | null;
};

export type JsonRendition = { format: "json"; contentHash: string; document: RenditionDocument };

export type Rendition = WechatArticleRendition | WeiboStatusRendition | JsonRendition;
