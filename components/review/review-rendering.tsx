import type { ReviewRendering } from "@/lib/sites/review-article";
import type { RenditionPreview } from "@/lib/channels/preview";
import type { DiffSegment } from "@/lib/library/diff";
import { ArticleView } from "@/components/portal/article-view";
import { PreviewRegion } from "@/components/admin/rendition-preview";

// The review page's main view: the revision as the portal will render it (the portal's own
// ArticleView, inside a wrapper that carries the site's theme), each chosen channel's rendition
// beside it, and the rendered diff against the live version.

export function WordDiff({ segments }: { segments: DiffSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.type === "added" ? (
          <ins key={index}>{segment.text}</ins>
        ) : segment.type === "removed" ? (
          <del key={index}>{segment.text}</del>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

export function RenderedRevision({
  rendering,
  renditions,
}: {
  rendering: Extract<ReviewRendering, { ok: true }>;
  renditions: RenditionPreview[];
}) {
  return (
    <section aria-labelledby="rendered-title" className="review-rendered">
      <h2 id="rendered-title">送审稿件（网站呈现{rendering.site ? `：${rendering.site.name}` : ""}）</h2>
      <p className="muted">
        与公众将看到的页面使用同一渲染方式生成，图片、表格、附件、对齐方式与政策文件信息表均如实显示；尚未发布时，发布时间按定时发布时间或当前时间显示。
      </p>
      <div className={renditions.length ? "review-columns" : undefined}>
        <div className="portal-render" data-theme={rendering.site?.theme} data-testid="review-article">
          <ArticleView article={rendering.article} headingLevel={2} />
        </div>
        {renditions.length ? (
          <div className="channel-previews review-renditions" aria-label="各渠道呈现">
            {renditions.map((preview) => (
              <PreviewRegion key={preview.format} preview={preview} />
            ))}
          </div>
        ) : null}
      </div>
    </section>
  );
}

export function RenderedDiff({ live }: { live: NonNullable<Extract<ReviewRendering, { ok: true }>["live"]> }) {
  return (
    <section aria-labelledby="rendered-diff-title" className="review-rendered">
      <h2 id="rendered-diff-title">与已发布的第 {live.revisionNumber} 版对比（网页呈现）</h2>
      <p className="muted">
        <ins>绿色</ins>为新增，<del>红色删除线</del>为删去，虚线框为格式（对齐、链接、加粗等）有变化的内容。
      </p>
      <div className="portal-render rendered-diff" data-testid="rendered-diff">
        <article className="article" lang="zh-CN">
          <h3 className="article-title">
            <WordDiff segments={live.titleDiff} />
          </h3>
          {/* Derived from two sanitized bodies by lib/library/html-diff.ts, which only adds <ins>/<del> marks. */}
          <div className="article-body" dangerouslySetInnerHTML={{ __html: live.bodyDiff }} />
        </article>
      </div>
    </section>
  );
}
