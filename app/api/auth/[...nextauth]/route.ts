// GET/POST /api/auth/* – next-auth's sign-in, sign-out, session and CSRF endpoints; a credentials
// sign-in passes the sign-in throttle first (HTTP 429 when over a limit).
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";
import { refuseThrottledSignIn } from "@/lib/auth/sign-in-request";
import { handleRoute } from "@/lib/http/route";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = (request: NextRequest, context: Context) =>
  handleRoute(async () => {
    const [action, provider] = (await context.params).nextauth ?? [];
    if (request.method === "POST" && action === "callback" && provider === "credentials") {
      const refusal = await refuseThrottledSignIn(request);
      if (refusal) return refusal;
    }
    return NextAuth(getAuthOptions())(request, context);
  });

export { handler as GET, handler as POST };
