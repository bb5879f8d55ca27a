// GET /api/health – liveness for load balancers and monitoring: database and search engine state.
import { checkHealth } from "@/lib/health";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export async function GET() {
  return handleRoute(async () => {
    const health = await checkHealth();
    return Response.json(health, {
      status: health.status === "error" ? 503 : 200,
      headers: { "cache-control": "no-store" },
    });
  });
}
