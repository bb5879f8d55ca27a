// GET /api/interaction/captcha/worker – the altcha PBKDF2 worker script, from this origin (strict CSP).
import { handleRoute } from "@/lib/http/route";
import { readCaptchaWorker } from "@/lib/interaction/captcha-worker";

export async function GET() {
  return handleRoute(
    async () =>
      new Response(await readCaptchaWorker(), {
        headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" },
      }),
    { format: "text" },
  );
}
