// GET /admin/library/assets – media assets (images, documents, audio, video) of the actor's units.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { uploadAssetAction } from "../actions";
import { listAssets } from "@/lib/library/assets";
import { formatDateTime } from "@/lib/format";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";

function size(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export default async function AssetsPage() {
  const actor = await requireActor();
  const assets = await orPageError(listAssets(actor));
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/library">资源库</Link> &gt; 媒体资源
      </p>
      <h1>媒体资源</h1>
      <p>允许上传图片（JPG、PNG、GIF、WebP）、PDF、OFD、Word、Excel、WPS、MP3、MP4；文件内容须与扩展名一致。</p>
      <ActionForm action={uploadAssetAction} submitLabel="上传">
        <div className="field">
          <label htmlFor="asset-file">文件</label>
          <input id="asset-file" name="file" type="file" required />
        </div>
      </ActionForm>
      <DataTable
        rows={assets}
        rowKey={(asset) => asset.id}
        label="媒体资源列表"
        columns={[
          { header: "文件", cell: (asset) => <a href={asset.url}>{asset.fileName}</a> },
          { header: "类型", cell: (asset) => asset.mimeType },
          { header: "大小", cell: (asset) => size(asset.size) },
          { header: "尺寸", cell: (asset) => (asset.width && asset.height ? `${asset.width}×${asset.height}` : "—") },
          { header: "上传时间", cell: (asset) => formatDateTime(asset.createdAt) },
        ]}
        empty="尚未上传媒体资源。"
      />
    </>
  );
}
