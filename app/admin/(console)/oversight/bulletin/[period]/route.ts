// GET /admin/oversight/bulletin/[period] – the quarter's 通报 as a .docx in 公文 layout (GB/T 9704).
import { getActor } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/route";
import { bulletinDocx } from "@/lib/supervision/bulletin-docx";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ period: string }> };

export async function GET(_request: Request, { params }: Props) {
  return handleRoute(async () => {
    const { period } = await params;
    const { bytes, fileName } = await bulletinDocx(await getActor(), period);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "content-disposition": `attachment; filename="bulletin-${period}.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "cache-control": "no-store",
      },
    });
  });
}
