// Next.js proxy: runs before routing. Server-action requests (a `Next-Action` header) whose body
// React could not decode are refused with 400 and a Chinese message here, instead of a 500 from
// the decoder (lib/http/request-guard.ts). Addresses are checked earlier, in scripts/server.ts.
// A draft-preview link that is expired or altered is answered here with a page saying which
// (lib/sites/preview/refusal.ts), before any session or database work.
import { NextResponse, type NextRequest } from "next/server";
import { checkActionRequest } from "@/lib/http/request-guard";
import { previewLinkRefusal, previewRefusalHtml } from "@/lib/sites/preview/refusal";

const PREVIEW_PATH = /^\/admin\/preview\/([^/]+)$/;

export async function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refusal = await checkActionRequest(request.clone());
    if (refusal)
      return new NextResponse(refusal.message, {
        status: refusal.status,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
  }
  const preview = PREVIEW_PATH.exec(request.nextUrl.pathname);
  const refusal = preview && request.method === "GET" ? previewLinkRefusal(preview[1]!) : null;
  if (refusal)
    return new NextResponse(previewRefusalHtml(refusal), {
      status: refusal.status,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store, private",
        "x-robots-tag": "noindex, nofollow",
      },
    });
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }, "/admin/preview/:token"],
};
