// POST /api/disclosure/notice – the delivered 告知书 as a .docx (公文 layout), for the applicant with
// tracking code and password.
import { requestContext, handleRoute } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { downloadNotice } from "@/lib/disclosure/request-status";
import { readForm } from "@/lib/interaction/read-form";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const input = await readForm(request, ["trackingCode", "password"]);
    const site = await getCurrentSite();
    const file = await downloadNotice(site.id, input, await requestContext());
    if (!file) return Response.json({ error: "该申请尚未答复。" }, { status: 404 });
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "content-disposition": `attachment; filename="notice.docx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "cache-control": "no-store",
      },
    });
  });
}
