// GET /api/channels/:id/feed – the JSON Feed a FEED channel's platform reads (published items only).
import { z } from "zod";
import { buildChannelFeed } from "@/lib/channels/feed";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: "未找到该订阅源。" }, { status: 404 });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) return notFound();
    const feed = await buildChannelFeed(id.data, new URL(request.url).href);
    if (!feed) return notFound();
    return new Response(JSON.stringify(feed), {
      headers: {
        "content-type": "application/feed+json; charset=utf-8",
        "cache-control": "no-cache",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
