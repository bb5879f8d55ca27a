// GET /admin/library/:id/channels[?revision=] – 多渠道预览: every channel's rendition of the latest (or a given) revision.
import Link from "next/link";
import { z } from "zod";
import { orPageError, requireActor } from "../../../guard";
import { previewRenditions, type RenditionPreview } from "@/lib/channels/preview";
import { messages } from "@/lib/i18n/zh-CN";

const ZQuery = z.object({ revision: z.uuid().optional() });

const REGION_LABELS: Record<RenditionPreview["format"], string> = messages.renditionPreviews;

function ChannelList({ preview }: { preview: RenditionPreview }) {
  return (
    <p className="muted">
      适用渠道：
      {preview.channels.length
        ? preview.channels.map((channel) => `${channel.name}${channel.placed ? "（已选）" : ""}`).join("、")
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

function PreviewRegion({ preview }: { preview: RenditionPreview }) {
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

export default async function ChannelPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const query = ZQuery.safeParse(await searchParams);
  const data = await orPageError(
    previewRenditions(actor, { resourceId: id, revisionId: query.success ? query.data.revision : undefined }),
  );
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/library">资源库</Link> &gt;{" "}
        <Link href={`/admin/library/${data.resource.id}`}>{data.resource.title || "（未命名草稿）"}</Link> &gt;
        多渠道预览
      </p>
      <h1>多渠道预览</h1>
      <p>
        预览第 {data.revision.number} 版{data.revision.isLatest ? "（最新版本）" : ""}：
        <strong>{data.revision.title}</strong>
        <br />
        <span className="muted">
          内容指纹 {data.revision.contentHash.slice(0, 16)}…；各渠道的版本均由该版本自动生成，审核人看到的与此相同。
        </span>
        {data.standardOnly ? (
          <>
            <br />
            <span className="muted">本单位尚未配置分发渠道，以下为标准渠道格式的预览。</span>
          </>
        ) : null}
      </p>
      <div className="channel-previews">
        {data.previews.map((preview) => (
          <PreviewRegion key={preview.format} preview={preview} />
        ))}
      </div>
    </>
  );
}
