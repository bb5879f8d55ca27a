// GET /admin/visits/chart?siteId=&from=&to= – the daily page views and unique visitors of the
// visits page as an SVG drawn by ECharts on the server; the page shows the same figures as a table.
import { getActor } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/route";
import { getVisitReport } from "@/lib/visits/report";
import { renderVisitChart } from "@/lib/visits/chart";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleRoute(async () => {
    const report = await getVisitReport(await getActor(), Object.fromEntries(new URL(request.url).searchParams));
    return new Response(renderVisitChart(report.daily), {
      headers: {
        "content-type": "image/svg+xml; charset=utf-8",
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
