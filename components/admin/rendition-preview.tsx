import type { RenditionPreview } from "@/lib/channels/preview";
import { messages } from "@/lib/i18n/zh-CN";

// One channel format's rendition (WeChat article in a phone frame, Weibo status, JSON), as the
// 多渠道预览 page and the review page show it.

const REGION_LABELS: Record<RenditionPreview["format"], string> = messages.renditionPreviews;

function ChannelList({ preview }: { preview: RenditionPreview }) {
  return (
    <p className="muted">
      适用渠道：
      {preview.channels.length
        ? preview.channels
            .map(
              (channel) =>
                `${channel.name}${channel.setupProblem ? `（未配置：${channel.setupProblem}）` : channel.placed ? "（已选）" : ""}`,
            )
            .join("、")
        : preview.kinds.map((kind) => kind.label).join("、") + "（标准格式）"}
    </p>
  );
}

function Problems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="form-error" aria-label="分发前需处理的问题">
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}

export function PreviewRegion({ preview }: { preview: RenditionPreview }) {
  const label = REGION_LABELS[preview.format];
  const { rendition } = preview;
  return (
    <section className="card channel-preview" aria-label={label}>
      <h2>{label}</h2>
      <ChannelList preview={preview} />
      {rendition.format === "wechat-article" ? (
        <>
          <Problems problems={rendition.problems} />
          <div className="phone-frame">
            <div className="phone-screen">
              <h3 className="phone-title">{rendition.title}</h3>
              <p className="muted phone-meta">{rendition.author}</p>
              {/* Our own rendition: built from an allowlist by lib/channels/renditions/, every value escaped. */}
              <div className="phone-article" dangerouslySetInnerHTML={{ __html: rendition.html }} />
            </div>
          </div>
          <dl className="preview-facts">
            <dt>摘要</dt>
            <dd>{rendition.digest || "（无）"}</dd>
            <dt>阅读原文</dt>
            <dd>{rendition.contentSourceUrl ?? "（未放入网站栏目）"}</dd>
            <dt>转存图片</dt>
            <dd>{rendition.images.length} 张</dd>
          </dl>
        </>
      ) : rendition.format === "weibo-status" ? (
        <>
          <Problems problems={rendition.problems} />
          <p className="weibo-text">{rendition.text}</p>
          <p>
            字数：<strong>{rendition.length}</strong> / {rendition.limit}
            <span className="muted">（汉字计 1，英文数字计半字，链接按全长计）</span>
          </p>
        </>
      ) : (
        <pre className="json-preview" tabIndex={0}>
          {JSON.stringify(rendition.document, null, 2)}
        </pre>
      )}
    </section>
  );
}
