// POST /api/assets – upload one file (multipart field "file"); answers its id and URL.
// GET /api/assets?images=1&q= – the asset library of the actor's units, for the editor's picker.
import { getActor } from "@/lib/auth/session";
import { assetUrl, listAssets, uploadAsset } from "@/lib/library/assets";
import { invalid } from "@/lib/errors";
import { handleRoute, requestContext } from "@/lib/http/route";

export async function POST(request: Request) {
  return handleRoute(
    async () => {
      const form = await request.formData().catch(() => null);
      const file = form?.get("file");
      if (!(file instanceof File)) throw invalid("请选择要上传的文件。");
      const asset = await uploadAsset(
        await getActor(),
        { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
        await requestContext(),
      );
      return Response.json(
        { id: asset.id, url: assetUrl(asset), width: asset.width, height: asset.height },
        { status: 201 },
      );
    },
    { unexpected: "上传失败，请稍后再试。" },
  );
}

export async function GET(request: Request) {
  return handleRoute(async () => {
    const params = new URL(request.url).searchParams;
    const assets = await listAssets(await getActor(), {
      imagesOnly: params.get("images") === "1",
      q: params.get("q")?.slice(0, 100) || undefined,
    });
    return Response.json({ assets }, { headers: { "cache-control": "no-store" } });
  });
}
