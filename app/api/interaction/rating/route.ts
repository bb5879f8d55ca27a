// POST /api/interaction/rating – the writer rates the reply (满意/基本满意/不满意, 重办 once).
import { requestContext, handleRoute } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { rateLetter } from "@/lib/interaction/handling/rate-letter";
import { getLetterStatus } from "@/lib/interaction/letter-status";
import { presentLetterStatus } from "@/lib/interaction/present-status";
import { readForm } from "@/lib/interaction/read-form";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const input = await readForm(request, ["queryCode", "password", "rating", "rework"]);
    const site = await getCurrentSite();
    const context = await requestContext();
    await rateLetter(site.id, input, context);
    const status = await getLetterStatus(site.id, input, context.ip);
    return Response.json(presentLetterStatus(status), { headers: { "cache-control": "no-store" } });
  });
}
