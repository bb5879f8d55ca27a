// POST /api/interaction/consultations/[id]/responses – a visitor's answers to an open 征集调查 of this
// site (a plain form post; works without JavaScript). One answer per participant; see submit-response.ts.
import { cookies } from "next/headers";
import { handleRoute, requestContext } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { isPublishedOnSite } from "@/lib/interaction/consult/public-consultations";
import { submitResponse } from "@/lib/interaction/consult/submit-response";
import { participantCookieName } from "@/lib/interaction/consult/tokens";
import { isFormPost, pageWithNotice, readFormLists, redirectTo, refusal } from "@/lib/interaction/consult/form-post";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Props) {
  return handleRoute(async () => {
    const { id } = await params;
    const site = await getCurrentSite();
    if (!(await isPublishedOnSite(site.id, id))) return Response.json({ error: "未找到该征集调查。" }, { status: 404 });
    const name = participantCookieName(id);
    try {
      const form = await readFormLists(request);
      const receipt = await submitResponse(id, form, (await cookies()).get(name)?.value, await requestContext());
      const headers: Record<string, string> = {};
      if (receipt.cookie) {
        // Only this activity's own answer address receives it; it ends when the activity closes.
        const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
        headers["set-cookie"] =
          `${name}=${receipt.cookie.value}; Path=/api/interaction/consultations/${id}; ` +
          `Expires=${receipt.cookie.expires.toUTCString()}; HttpOnly; SameSite=Lax${secure}`;
      }
      if (isFormPost(request)) return redirectTo(pageWithNotice(id, "answered"), headers);
      return Response.json({ ok: true }, { status: 201, headers: { ...headers, "cache-control": "no-store" } });
    } catch (error) {
      return refusal(request, id, error);
    }
  });
}
