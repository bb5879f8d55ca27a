import type { TRevisionMetadata } from "@/lib/library/metadata";
import { extractAttachments } from "@/lib/publish/portal-links";
import { messages } from "@/lib/i18n/zh-CN";
import { dutyLines, institutionEntries } from "@/lib/library/kinds";
import { resolveUrl, summaryOf } from "@/lib/channels/renditions/html";
import {
  type JsonRendition,
  type RenditionDocument,
  type RenditionField,
  type RenditionSource,
} from "@/lib/channels/renditions/types";

// ───────────────────────── JSON (apps, webhooks, feeds) ─────────────────────────

function metadataFields(
  metadata: TRevisionMetadata,
  portalUrl: string | null,
  qaThemeNames: Record<string, string> = {},
): Record<string, RenditionField> {
  const fields: Record<string, RenditionField> = {};
  const put = (name: string, label: string, value: string | string[] | null | undefined) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value) ? value.length === 0 : value.trim() === "") return;
    fields[name] = { label, value };
  };
  put("leadTitle", "引题", metadata.leadTitle);
  put("subtitle", "副标题", metadata.subtitle);
  put("author", "作者", metadata.author);
  put("editor", "责任编辑", metadata.editor);
  put("externalUrl", "外链", metadata.externalUrl);
  if (metadata.titleImage) put("titleImage", "标题图片", resolveUrl(metadata.titleImage.src, portalUrl));
  if (metadata.leader) {
    const labels = messages.contentKinds.leader;
    put("leaderName", labels.name, metadata.leader.name);
    put("leaderPost", labels.post, metadata.leader.post);
    put("leaderDuties", labels.duties, dutyLines(metadata.leader.duties));
    if (metadata.leader.photo) put("leaderPhoto", labels.photo, resolveUrl(metadata.leader.photo.src, portalUrl));
  }
  if (metadata.institution) {
    for (const { key, label, value } of institutionEntries(metadata.institution)) {
      put(`institution${key[0]!.toUpperCase()}${key.slice(1)}`, label, value);
    }
  }
  const policy = metadata.policy;
  if (policy) {
    put("docNumber", "文号", policy.docNumber);
    put("issuer", "发文机关", policy.issuer);
    put("writtenOn", "成文日期", policy.writtenOn);
    put("effectiveOn", "实施日期", policy.effectiveOn);
    put("expiresOn", "废止日期", policy.expiresOn);
    put("genre", "文种", policy.genre);
    put("addressee", "主送机关", policy.addressee);
  }
  const qa = metadata.qa;
  if (qa) {
    // 答问: the title is the question and the body the 答复口径; a channel learns what it rests on
    // (the policies' pages), its themes by name, and how long it holds (有效期: not to be served
    // after validTo).
    const labels = messages.qa.fields;
    put(
      "qaThemes",
      labels.themes,
      qa.themes.map((code) => qaThemeNames[code] ?? code),
    );
    put(
      "qaPolicies",
      labels.policies,
      qa.policyIds.map((id) => resolveUrl(`/content/${id}`, portalUrl) ?? `/content/${id}`),
    );
    put("qaValidFrom", labels.validFrom, qa.validFrom);
    put("qaValidTo", labels.validTo, qa.validTo);
  }
  put("keywords", "关键词", metadata.keywords);
  put("themeCode", "主题分类", metadata.themeCode);
  put("audience", "服务对象", metadata.audience);
  if (metadata.source.type === "reprint") {
    put("originName", "转载来源", metadata.source.originName);
    put("originUrl", "转载链接", metadata.source.originUrl);
  }
  return fields;
}

export function renderJson(source: RenditionSource): JsonRendition {
  const document: RenditionDocument = {
    schema: "tongyuan.rendition/v1",
    resourceId: source.resourceId,
    kind: source.kind,
    kindLabel: messages.resourceKinds[source.kind],
    title: source.title,
    summary: summaryOf(source, 200),
    bodyHtml: source.bodyHtml,
    metadata: metadataFields(source.metadata, source.portalUrl, source.qaThemeNames),
    source: source.sourceName,
    publishedAt: source.publishedAt ? source.publishedAt.toISOString() : null,
    ...(source.updatedAt ? { updatedAt: source.updatedAt.toISOString() } : {}),
    portalUrl: source.portalUrl,
    attachments: extractAttachments(source.bodyHtml).map((attachment) => ({
      name: attachment.name,
      url: resolveUrl(attachment.href, source.portalUrl ?? source.assetBase ?? null) ?? attachment.href,
    })),
    contentHash: source.contentHash,
    correctionNote: source.correctionNote,
  };
  return { format: "json", contentHash: source.contentHash, document };
}
