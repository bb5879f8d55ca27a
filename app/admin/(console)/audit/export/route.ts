// GET /admin/audit/export?… – the filtered audit log as CSV (audit administrator only; audited).
import { getActor } from "@/lib/auth/session";
import { exportAuditCsv } from "@/lib/audit/query";
import { DomainError, httpStatusOf } from "@/lib/errors";
import { requestContext } from "../../guard";
import { chinaToday } from "@/lib/time/china";

export async function GET(request: Request) {
  const actor = await getActor();
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  try {
    const csv = await exportAuditCsv(actor, filter, await requestContext());
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${chinaToday()}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    }
    throw error;
  }
}
