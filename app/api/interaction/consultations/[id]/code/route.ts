// POST /api/interaction/consultations/[id]/code – sends a verification code to the visitor's phone
// for a phone-verified 征集调查 of this site (a plain form post; works without JavaScript).
import { handleRoute, requestContext } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { isPublishedOnSite } from "@/lib/interaction/consult/public-consultations";
import { sendPhoneCode } from "@/lib/interaction/consult/phone-code";
import { isFormPost, pageWithNotice, readFormLists, redirectTo, refusal } from "@/lib/interaction/consult/form-post";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Props) {
  return handleRoute(async () => {
    const { id } = await params;
    const site = await getCurrentSite();
    if (!(await isPublishedOnSite(site.id, id))) return Response.json({ error: "未找到该征集调查。" }, { status: 404 });
    try {
      const form = await readFormLists(request, 10);
      await sendPhoneCode(id, { phone: form.phone?.[0] }, await requestContext());
      if (isFormPost(request)) return redirectTo(pageWithNotice(id, "sent"));
      return Response.json({ ok: true }, { status: 201, headers: { "cache-control": "no-store" } });
    } catch (error) {
      return refusal(request, id, error, "phone");
    }
  });
}
