import { getRequestContext } from "@/lib/auth/client-ip";
import { admitSignInAttempt } from "@/lib/auth/sign-in-throttle";
import { messages } from "@/lib/i18n/zh-CN";

// The HTTP side of the sign-in throttle: next-auth's credentials callback
// (POST /api/auth/callback/credentials) is checked here before next-auth runs, so a refused attempt
// is a real 429 response (with Retry-After), not a redirect carrying an error code.

export const THROTTLED_ERROR = "THROTTLED";

async function readUsername(request: Request): Promise<string> {
  try {
    const type = request.headers.get("content-type") ?? "";
    if (type.includes("application/json")) {
      const body = (await request.clone().json()) as { username?: unknown } | null;
      return typeof body?.username === "string" ? body.username : "";
    }
    const value = (await request.clone().formData()).get("username");
    return typeof value === "string" ? value : "";
  } catch {
    return "";
  }
}

/** A 429 response when the attempt is over a limit; null when next-auth may handle it. */
export async function refuseThrottledSignIn(request: Request): Promise<Response | null> {
  const context = getRequestContext(request.headers);
  const username = (await readUsername(request)).trim().slice(0, 64);
  const decision = await admitSignInAttempt({ ip: context.ip, username }, context);
  if (decision.allowed) return null;
  const url = new URL(`/admin/login?error=${THROTTLED_ERROR}`, request.url).toString();
  // `url` is what next-auth's client reads (its `error` becomes the sign-in result's error).
  return Response.json(
    { url, error: THROTTLED_ERROR, message: messages.admin.signInThrottledFor(decision.retryAfterSeconds) },
    { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}
