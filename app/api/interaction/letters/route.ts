// POST /api/interaction/letters – the public letter form (multipart): takes a letter for the site
// of this host and answers its 查询码 and password, or Chinese field errors (400) changing nothing.
import { requestContext, handleRoute } from "@/lib/http/route";
import { DomainError, httpStatusOf } from "@/lib/errors";
import { getCurrentSite } from "@/lib/sites/current-site";
import { submitLetter, type LetterFile } from "@/lib/interaction/submit-letter";
import { formatDateTime } from "@/lib/format";

export const dynamic = "force-dynamic";

const FIELDS = [
  "type",
  "title",
  "content",
  "writerName",
  "writerPhone",
  "writerIdNumber",
  "writerEmail",
  "consentToPublish",
  "pageUrl",
  "privacyAccepted",
  "website",
  "captcha",
] as const;

export async function POST(request: Request) {
  return handleRoute(async () => {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return Response.json({ error: "提交的数据格式不正确，请刷新页面后重试。" }, { status: 400 });
    }
    const input: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const value = form.get(field);
      if (typeof value === "string") input[field] = value;
    }
    const files: LetterFile[] = [];
    for (const entry of form.getAll("attachments")) {
      if (typeof entry === "string" || entry.size === 0) continue;
      files.push({ fileName: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) });
    }
    const site = await getCurrentSite();
    try {
      const receipt = await submitLetter(site.id, input, files, await requestContext());
      return Response.json(
        {
          queryCode: receipt.queryCode,
          password: receipt.password,
          typeName: receipt.typeName,
          receivedAt: formatDateTime(receipt.receivedAt),
          acceptDueAt: formatDateTime(receipt.acceptDueAt),
          replyDueAt: receipt.replyDueAt ? formatDateTime(receipt.replyDueAt) : null,
        },
        { status: 201, headers: { "cache-control": "no-store" } },
      );
    } catch (error) {
      // A form needs every field's error, not only the first.
      if (error instanceof DomainError && error.code === "INVALID")
        return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: httpStatusOf(error) });
      throw error;
    }
  });
}
