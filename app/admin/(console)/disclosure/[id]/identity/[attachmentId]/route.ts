// GET /admin/disclosure/:id/identity/:attachmentId – the applicant's identity document, for the
// disclosure office of the unit asked only; every download is audited.
import { getActor } from "@/lib/auth/session";
import { handleRoute, requestContext } from "@/lib/http/route";
import { getIdentityFile } from "@/lib/disclosure/get-identity-file";

type Params = { params: Promise<{ id: string; attachmentId: string }> };

export async function GET(_request: Request, { params }: Params) {
  return handleRoute(
    async () => {
      const { id, attachmentId } = await params;
      const { attachment, bytes } = await getIdentityFile(
        await getActor(),
        { requestId: id, attachmentId },
        await requestContext(),
      );
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
