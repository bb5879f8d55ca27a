// GET /admin/library/assets – media assets (images, documents, audio, video) of the actor's units.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { uploadAssetAction } from "../actions";
import { listAssets } from "@/lib/library/assets";
import { formatDateTime } from "@/lib/format";
import { ActionForm } from "@/components/admin/action-form";

function size(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
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
      <table className="simple">
        <thead>
          <tr>
            <th scope="col">文件</th>
            <th scope="col">类型</th>
            <th scope="col">大小</th>
            <th scope="col">尺寸</th>
            <th scope="col">上传时间</th>
          </tr>
        </thead>
        <tbody>
          {assets.map((asset) => (
            <tr key={asset.id}>
              <td>
                <a href={asset.url}>{asset.fileName}</a>
              </td>
              <td>{asset.mimeType}</td>
              <td>{size(asset.size)}</td>
              <td>{asset.width && asset.height ? `${asset.width}×${asset.height}` : "—"}</td>
              <td>{formatDateTime(asset.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
