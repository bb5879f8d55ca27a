// POST /api/assets – upload one file (multipart field "file"); answers its id and URL.
// GET /api/assets?images=1&q= – the asset library of the actor's units, for the editor's picker.
import { getActor } from "@/lib/auth/session";
import { assetUrl, listAssets, uploadAsset } from "@/lib/library/assets";
import { DomainError, httpStatusOf } from "@/lib/errors";
import { requestContext } from "@/app/admin/(console)/guard";

export async function POST(request: Request) {
  try {
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) return Response.json({ error: "请选择要上传的文件。" }, { status: 400 });
    const asset = await uploadAsset(await getActor(), { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, await requestContext());
    return Response.json({ id: asset.id, url: assetUrl(asset), width: asset.width, height: asset.height }, { status: 201 });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    console.error(error);
    return Response.json({ error: "上传失败，请稍后再试。" }, { status: 500 });
  }
}

export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  try {
    const assets = await listAssets(await getActor(), { imagesOnly: params.get("images") === "1", q: params.get("q")?.slice(0, 100) || undefined });
    return Response.json({ assets }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
}
