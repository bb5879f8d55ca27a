// GET /admin/statistics/chart/:name?from=&to=&unitId=&columnId=&kind= – a statistics chart (trend, units, turnaround) as SVG drawn by ECharts on the server; the page shows the same figures as tables.
import { getActor } from "@/lib/auth/session";
import { notFound } from "@/lib/errors";
import { handleRoute } from "@/lib/http/route";
import { getStatistics } from "@/lib/statistics/view";
import { renderTrendChart, renderTurnaroundChart, renderUnitChart } from "@/lib/statistics/charts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }> };

export async function GET(request: Request, { params }: Props) {
  return handleRoute(
    async () => {
      const { name } = await params;
      if (name !== "trend" && name !== "units" && name !== "turnaround") throw notFound();
      const view = await getStatistics(await getActor(), Object.fromEntries(new URL(request.url).searchParams));
      const svg =
        name === "trend"
          ? renderTrendChart(view.rows.month)
          : name === "units"
            ? renderUnitChart(view.rows.unit)
            : renderTurnaroundChart(view.turnaround);
      return new Response(svg, {
        headers: {
          "content-type": "image/svg+xml; charset=utf-8",
          "cache-control": "private, no-store",
          "x-content-type-options": "nosniff",
        },
      });
    },
    { format: "text" },
  );
}
