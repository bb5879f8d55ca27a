// GET /admin/statistics/quotas/chart/:siteId?month= – the month's 报送任务 progress of the units submitting to a site, as SVG drawn by ECharts on the server; the page shows the same figures as a table.
import { getActor } from "@/lib/auth/session";
import { notFound } from "@/lib/errors";
import { handleRoute } from "@/lib/http/route";
import { getQuotaProgress } from "@/lib/statistics/quotas";
import { renderQuotaChart } from "@/lib/statistics/charts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ siteId: string }> };

export async function GET(request: Request, { params }: Props) {
  return handleRoute(
    async () => {
      const { siteId } = await params;
      const month = new URL(request.url).searchParams.get("month") ?? undefined;
      const view = await getQuotaProgress(await getActor(), { month });
      const site = view.sites.find((entry) => entry.site.id === siteId);
      if (!site) throw notFound();
      const svg = renderQuotaChart(
        site.rows.map((row) => ({
          label: row.unitName,
          submitted: row.submitted,
          adopted: row.adopted,
          quota: row.quota,
        })),
      );
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
