// Next.js proxy: runs before routing. Server-action requests (a `Next-Action` header) whose body
// React could not decode are refused with 400 and a Chinese message here, instead of a 500 from
// the decoder (lib/http/request-guard.ts). Addresses are checked earlier, in scripts/server.ts.
import { NextResponse, type NextRequest } from "next/server";
import { checkActionRequest } from "@/lib/http/request-guard";

export async function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refusal = await checkActionRequest(request.clone());
    if (refusal)
      return new NextResponse(refusal.message, {
        status: refusal.status,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
  }
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }],
};
