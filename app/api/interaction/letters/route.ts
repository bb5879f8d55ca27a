// POST /api/interaction/letters – the public letter form (multipart): takes a letter for the site
// of this host and answers its 查询码 and password, or Chinese field errors (400) changing nothing.
import { handlePublicForm } from "@/lib/http/public-form";
import { getCurrentSite } from "@/lib/sites/current-site";
import { submitLetter } from "@/lib/interaction/submit-letter";
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
] as const;

export async function POST(request: Request) {
  return handlePublicForm(request, { fields: FIELDS, fileField: "attachments" }, async ({ input, files, context }) => {
    const site = await getCurrentSite();
    const receipt = await submitLetter(site.id, input, files, context);
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
  });
}
