// GET /api/qa?q=… – 智能问答 as a service for hotlines, apps and the site's own question box: the
// answers of the site asked for (Host header) with their question, 答复口径, source URL, policy
// links and score. Public, rate-limited per address; a partner's key (X-Api-Key) has its own limit.
import { handleRoute, requestContext } from "@/lib/http/route";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { admitQaRequest } from "@/lib/interaction/ask/api-access";
import { answerQuestion } from "@/lib/interaction/ask/answer-question";

export const dynamic = "force-dynamic";

function apiKeyOf(request: Request): string | null {
  const header = request.headers.get("x-api-key");
  if (header !== null) return header;
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
  return bearer ? bearer[1]! : null;
}

export async function GET(request: Request) {
  return handleRoute(async () => {
    const [site, baseUrl, context] = await Promise.all([getCurrentSite(), getBaseUrl(), requestContext()]);
    const access = await admitQaRequest({ siteId: site.id, ip: context.ip, apiKey: apiKeyOf(request) });
    if (!access.allowed)
      return Response.json(
        { error: access.message },
        {
          status: access.status,
          headers: {
            "cache-control": "no-store",
            ...(access.retryAfterSeconds ? { "retry-after": String(access.retryAfterSeconds) } : {}),
          },
        },
      );
    const input = Object.fromEntries(new URL(request.url).searchParams);
    const result = await answerQuestion(input, { siteId: site.id, baseUrl });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  });
}
