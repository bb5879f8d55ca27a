// POST /api/interaction/interviews/:id/questions – a visitor's question to an interview of this
// site (form fields or JSON): 201 when taken for moderation, or Chinese field errors changing nothing.
import { requestContext, handleRoute } from "@/lib/http/route";
import { DomainError, httpStatusOf } from "@/lib/errors";
import { getCurrentSite } from "@/lib/sites/current-site";
import { submitQuestion } from "@/lib/interaction/interview/submit-question";

export const dynamic = "force-dynamic";

const FIELDS = ["nickname", "content", "website", "captcha"] as const;
const MALFORMED = "提交的数据格式不正确，请刷新页面后重试。";

async function readInput(request: Request): Promise<Record<string, unknown> | null> {
  try {
    if ((request.headers.get("content-type") ?? "").includes("application/json")) {
      const body: unknown = await request.json();
      return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    }
    const form = await request.formData();
    const input: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const value = form.get(field);
      if (typeof value === "string") input[field] = value;
    }
    return input;
  } catch {
    return null;
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const input = await readInput(request);
    if (!input) return Response.json({ error: MALFORMED }, { status: 400 });
    const { id } = await params;
    const site = await getCurrentSite();
    try {
      await submitQuestion(site.id, id, input, await requestContext());
      return Response.json({ ok: true }, { status: 201, headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof DomainError && error.code === "INVALID")
        return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: httpStatusOf(error) });
      throw error;
    }
  });
}
