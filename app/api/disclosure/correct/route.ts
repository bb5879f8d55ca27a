// POST /api/disclosure/correct – the applicant's corrected request (补正), by tracking code and password.
import { requestContext, handleRoute } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { submitCorrection } from "@/lib/disclosure/intake-steps";
import { readForm } from "@/lib/interaction/read-form";
import { formatDateTime } from "@/lib/format";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const input = await readForm(request, ["trackingCode", "password", "correctionText"]);
    const site = await getCurrentSite();
    const result = await submitCorrection(site.id, input, await requestContext());
    return Response.json(
      { trackingCode: result.trackingCode, dueAt: formatDateTime(result.dueAt) },
      { headers: { "cache-control": "no-store" } },
    );
  });
}
