// GET /api/interaction/captcha – a new signed proof-of-work challenge for the letter form's altcha widget.
import { handleRoute } from "@/lib/http/route";
import { createCaptchaChallenge } from "@/lib/interaction/captcha";

export const dynamic = "force-dynamic";

export async function GET() {
  return handleRoute(async () =>
    Response.json(await createCaptchaChallenge(), { headers: { "cache-control": "no-store" } }),
  );
}
