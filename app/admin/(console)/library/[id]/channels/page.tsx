// GET /admin/library/:id/channels[?revision=] – 多渠道预览: every channel's rendition of the latest (or a given) revision.
import Link from "next/link";
import { z } from "zod";
import { orPageError, requireActor } from "../../../guard";
import { previewRenditions } from "@/lib/channels/preview";
import { PreviewRegion } from "@/components/admin/rendition-preview";

const ZQuery = z.object({ revision: z.uuid().optional() });

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
