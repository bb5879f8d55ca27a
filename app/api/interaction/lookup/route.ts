// POST /api/interaction/lookup – the writer's view of a letter of this site, by 查询码 and password.
import { requestContext, handleRoute } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { getLetterStatus } from "@/lib/interaction/letter-status";
import { presentLetterStatus } from "@/lib/interaction/present-status";
import { readForm } from "@/lib/interaction/read-form";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const input = await readForm(request, ["queryCode", "password"]);
    const site = await getCurrentSite();
    const status = await getLetterStatus(site.id, input, (await requestContext()).ip);
    return Response.json(presentLetterStatus(status), { headers: { "cache-control": "no-store" } });
  });
}
