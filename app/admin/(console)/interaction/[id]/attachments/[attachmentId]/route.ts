// GET /admin/interaction/:id/attachments/:attachmentId – a file sent with a letter, for its handlers only.
import { getActor } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/route";
import { getLetterAttachment } from "@/lib/interaction/handling/get-attachment";

type Params = { params: Promise<{ id: string; attachmentId: string }> };

export async function GET(_request: Request, { params }: Params) {
  return handleRoute(
    async () => {
      const { id, attachmentId } = await params;
      const { attachment, bytes } = await getLetterAttachment(await getActor(), id, attachmentId);
      const fallback = attachment.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
      return new Response(new Uint8Array(bytes), {
        headers: {
          "content-type": attachment.mimeType,
          "content-length": String(bytes.byteLength),
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
          "cache-control": "private, no-store",
          "content-disposition": `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        },
      });
    },
    { format: "text", messageOf: () => "未找到该文件。" },
  );
}
