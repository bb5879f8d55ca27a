// GET /admin/audit/export?… – the filtered audit log as CSV (audit administrator only; audited).
import { getActor } from "@/lib/auth/session";
import { exportAuditCsv } from "@/lib/audit/query";
import { handleRoute, requestContext } from "@/lib/http/route";
import { chinaToday } from "@/lib/time/china";

export async function GET(request: Request) {
  return handleRoute(async () => {
    const filter = Object.fromEntries(new URL(request.url).searchParams);
    const csv = await exportAuditCsv(await getActor(), filter, await requestContext());
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${chinaToday()}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}
