// GET /api/interaction/interviews/:id/events – the interview's live record as server-sent events,
// resuming after Last-Event-ID (or ?after=); never cached, by the portal or by anyone in between.
import { handleRoute } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { openInterviewStream } from "@/lib/interaction/interview/live-stream";
import { getClientIp } from "@/lib/auth/client-ip";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const site = await getCurrentSite();
    const lastEventId = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after");
    const opened = await openInterviewStream(
      site.id,
      (await params).id,
      lastEventId,
      request.signal,
      getClientIp(request.headers),
    );
    if (!opened.ok)
      return Response.json(
        { error: opened.message },
        {
          status: opened.status,
          headers: { "Retry-After": String(opened.retryAfterSeconds), "Cache-Control": "no-store" },
        },
      );
    return new Response(opened.stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        "x-accel-buffering": "no",
      },
    });
  });
}
