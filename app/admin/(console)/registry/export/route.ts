// GET /admin/registry/export?orgId=&platform=&status=&q= – the filtered 政务新媒体台账 as an .xlsx workbook (audited).
import { getActor } from "@/lib/auth/session";
import { exportLedger } from "@/lib/registry/export-ledger";
import { handleRoute, requestContext } from "@/lib/http/route";

export async function GET(request: Request) {
  return handleRoute(async () => {
    const { fileName, data } = await exportLedger(
      await getActor(),
      Object.fromEntries(new URL(request.url).searchParams),
      await requestContext(),
    );
    return new Response(new Uint8Array(data), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="new-media-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "cache-control": "no-store",
      },
    });
  });
}
