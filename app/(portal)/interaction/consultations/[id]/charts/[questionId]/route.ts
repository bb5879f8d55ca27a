// GET /interaction/consultations/[id]/charts/[questionId] – the chart of one question's results, an
// SVG drawn by ECharts on the server; only once the activity's 征集结果反馈 is published.
import { z } from "zod";
import { handleRoute } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { getPublicConsultation } from "@/lib/interaction/consult/public-consultations";
import { renderResultChart } from "@/lib/interaction/consult/charts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; questionId: string }> };

const notFound = () =>
  new Response("未找到该统计图。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(_request: Request, { params }: Props) {
  return handleRoute(
    async () => {
      const { id, questionId } = await params;
      if (!z.uuid().safeParse(id).success || !z.uuid().safeParse(questionId).success) return notFound();
      const site = await getCurrentSite();
      const consultation = await getPublicConsultation(site.id, id);
      const result = consultation?.results?.questions.find((question) => question.questionId === questionId);
      const svg = result ? renderResultChart(result) : null;
      if (!svg) return notFound();
      return new Response(svg, {
        headers: {
          "content-type": "image/svg+xml; charset=utf-8",
          "cache-control": "public, max-age=300",
          "x-content-type-options": "nosniff",
        },
      });
    },
    { format: "text" },
  );
}
