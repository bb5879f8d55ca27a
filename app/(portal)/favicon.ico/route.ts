// GET /favicon.ico – the site's icon: the one its administrator uploaded, else its theme's mark.
import { getCurrentSite } from "@/lib/sites/current-site";
import { siteFavicon } from "@/lib/sites/favicon";
import { handleRoute } from "@/lib/http/route";

export async function GET() {
  return handleRoute(async () => {
    // The site lookup labels the response, so the page cache keeps it per site until a settings change.
    const icon = await siteFavicon(await getCurrentSite());
    return new Response(new Uint8Array(icon.bytes), {
      headers: {
        "content-type": icon.contentType,
        "content-length": String(icon.bytes.byteLength),
        "x-content-type-options": "nosniff",
        "cache-control": "public, max-age=3600",
      },
    });
  });
}
