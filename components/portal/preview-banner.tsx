import type { PreviewBanner as Banner } from "@/lib/sites/preview/open-preview";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.preview;

/**
 * The 预览 marker across the top of a draft preview, fixed while the page scrolls, so that no
 * screenshot of it can pass for the published page: which revision, its 审核状态, until when the
 * link works.
 */
export function PreviewBanner({ banner, siteName }: { banner: Banner; siteName: string }) {
  return (
    <div className="preview-banner" role="note" aria-label={t.heading}>
      <strong className="preview-mark">{t.marker}</strong>
      <span>
        {t.banner}　{siteName}　{t.revision.replace("{n}", String(banner.revisionNumber))}
        {banner.newerRevision ? t.newerRevision.replace("{n}", String(banner.newerRevision)) : null}
      </span>
      <span>
        {t.status}：{banner.status}
      </span>
      <span>
        {t.expires} <time dateTime={banner.expiresAt.toISOString()}>{formatDateTime(banner.expiresAt)}</time>
      </span>
    </div>
  );
}
