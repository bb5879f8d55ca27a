// POST /api/qa/feedback – "是否解决了您的问题" on an answer of 智能问答: 是 and 否 are counted per
// site and per answer source, 否 also sends the question to the curation list; each answer's token
// counts once, and an address is limited like GET /api/qa.
import { handleRoute, requestContext } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { admitFeedback, recordAnswerFeedback } from "@/lib/interaction/ask/feedback";
import { readForm } from "@/lib/interaction/read-form";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const access = await admitFeedback((await requestContext()).ip);
    if (!access.allowed)
      return Response.json(
        { error: access.message },
        {
          status: 429,
          headers: { "cache-control": "no-store", "retry-after": String(access.retryAfterSeconds) },
        },
      );
    const input = await readForm(request, ["q", "token", "helpful"]);
    const site = await getCurrentSite();
    const result = await recordAnswerFeedback(input, { siteId: site.id });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  });
}
