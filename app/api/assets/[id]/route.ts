// GET /api/assets/:id[?variant=thumbnail|variant=share&focus=x,y] – an uploaded file with safe headers: never sniffed,
// images inline, everything else as a download under its original (Chinese) file name. Public
// (shown by a live publication) files are cacheable by anyone; a draft's files only by the
// signed-in browser that asked, and never stored.
import { z } from "zod";
import { getAssetFile, IMAGE_TYPES } from "@/lib/library/assets";
import { renderShareCard, ZFocusParam } from "@/lib/library/share-card";
import { getActor } from "@/lib/auth/session";
import { notFound } from "@/lib/errors";
import { handleRoute } from "@/lib/http/route";

const NOT_FOUND_MESSAGE = "未找到该文件。";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // Every refusal reads the same: whether a file exists is not disclosed.
  return handleRoute(
    async () => {
      const id = z.uuid().safeParse((await params).id);
      if (!id.success) throw notFound();
      const query = new URL(request.url).searchParams;
      const variant = query.get("variant") === "thumbnail" ? "thumbnail" : undefined;
      // A share card (og:image): the image cut around its focal point.
      const focus = query.get("variant") === "share" ? ZFocusParam.safeParse(query.get("focus")) : null;
      if (focus && !focus.success) throw notFound();
      const file = await getAssetFile(await getActor(), id.data, variant);
      const { asset, access } = file;
      // An image sharp cannot cut (a GIF it reads oddly, a damaged file) is served as it is.
      const card =
        focus?.success && IMAGE_TYPES.includes(file.mimeType)
          ? await renderShareCard(file.bytes, focus.data).catch(() => null)
          : null;
      const bytes = card ?? file.bytes;
      const mimeType = card ? "image/jpeg" : file.mimeType;
      const inline = IMAGE_TYPES.includes(mimeType) || mimeType === "image/webp";
      const fallback = asset.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
      return new Response(new Uint8Array(bytes), {
        headers: {
          "content-type": mimeType,
          "content-length": String(bytes.byteLength),
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
          // A withdrawal makes the file private again: shared caches keep a public copy an hour at most.
          "cache-control": access === "public" ? "public, max-age=3600" : "private, no-store",
          "content-disposition": `${inline ? "inline" : "attachment"}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(asset.fileName)}`,
        },
      });
    },
    { format: "text", messageOf: () => NOT_FOUND_MESSAGE },
  );
}
