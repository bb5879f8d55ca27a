// POST /api/qa/feedback – "是否解决了您的问题" on an answer of 智能问答: 否 sends the question to
// the curation list; each answer's token counts once.
import { handleRoute } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { recordAnswerFeedback } from "@/lib/interaction/ask/feedback";
import { readForm } from "@/lib/interaction/read-form";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const input = await readForm(request, ["q", "token", "helpful"]);
    const site = await getCurrentSite();
    const result = await recordAnswerFeedback(input, { siteId: site.id });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  });
}
