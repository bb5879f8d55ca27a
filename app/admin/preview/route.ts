// POST /admin/preview – issues a signed preview link for a placed site and column (audited) and
// sends the browser to it; the 预览 buttons of the editor and review pages post here.
import { getActor } from "@/lib/auth/session";
import { handleRoute, requestContext } from "@/lib/http/route";
import { issuePreviewLink } from "@/lib/sites/preview/issue-preview";
import { invalid } from "@/lib/errors";

export async function POST(request: Request) {
  return handleRoute(
    async () => {
      const form = await request.formData().catch(() => {
        throw invalid("提交的数据格式不正确，请刷新页面后重试。");
      });
      const input = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string"));
      const issued = await issuePreviewLink(await getActor(), input, await requestContext());
      return new Response(null, {
        status: 303,
        headers: { location: issued.path, "cache-control": "no-store, private" },
      });
    },
    { format: "text" },
  );
}
