// GET /admin/reports/:kind/:subjectId/:period/chart – the report's chart (信息发布 by class, or 不合格网站数量 by quarter) as an SVG drawn by ECharts on the server; the page shows the same figures as a table.
import { getActor } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/route";
import { getSiteReport } from "@/lib/reports/website-annual/view";
import { renderReportChart } from "@/lib/reports/website-annual/chart";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ kind: string; subjectId: string; period: string }> };

export async function GET(_: Request, { params }: Props) {
  return handleRoute(async () => {
    const view = await getSiteReport(await getActor(), await params);
    return new Response(renderReportChart(view.kind, view.composed), {
      headers: {
        "content-type": "image/svg+xml; charset=utf-8",
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
