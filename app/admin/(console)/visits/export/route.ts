// GET /admin/visits/export?siteId=&from=&to=&format=csv|xlsx – the visits page's figures as a file.
import { getActor } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/route";
import { exportVisits } from "@/lib/visits/export";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleRoute(async () => {
    const file = await exportVisits(await getActor(), Object.fromEntries(new URL(request.url).searchParams));
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_");
    return new Response(new Uint8Array(file.data), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "cache-control": "no-store",
      },
    });
  });
}
