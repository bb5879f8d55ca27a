// POST /api/library/autosave – the editor's working copy, every few seconds and on tab close
// (fetch keepalive). JSON body: { resourceId, baseVersion, title, body, metadata }.
import { getActor } from "@/lib/auth/session";
import { saveWorkingDraft } from "@/lib/library/resources";
import { handleRoute } from "@/lib/http/route";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const input = await request.json().catch(() => null);
    const { savedAt } = await saveWorkingDraft(await getActor(), input);
    return Response.json({ savedAt });
  });
}
