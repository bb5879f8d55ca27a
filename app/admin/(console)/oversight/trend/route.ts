// GET /admin/oversight/trend – the quarterly trend of the actor's sites and accounts (average score,
// failures) as an SVG drawn by ECharts on the server; the page shows the same figures as a table.
import { getActor } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/route";
import { getSupervisionOverview } from "@/lib/supervision/overview";
import { renderTrendChart } from "@/lib/supervision/trend-chart";

export const dynamic = "force-dynamic";

export async function GET() {
  return handleRoute(async () => {
    const view = await getSupervisionOverview(await getActor());
    return new Response(renderTrendChart(view.trend), {
      headers: {
        "content-type": "image/svg+xml; charset=utf-8",
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
