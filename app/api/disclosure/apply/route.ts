// POST /api/disclosure/apply – the public 政府信息公开申请 form (multipart): takes a request for a unit
// of this site and answers its tracking code and password, or Chinese field errors (400) changing nothing.
import { requestContext, handleRoute } from "@/lib/http/route";
import { DomainError, httpStatusOf } from "@/lib/errors";
import { getCurrentSite } from "@/lib/sites/current-site";
import { submitApplication, type IdentityFile } from "@/lib/disclosure/submit-request";
import { formatDateTime } from "@/lib/format";

export const dynamic = "force-dynamic";

const FIELDS = [
  "unitId",
  "applicantType",
  "applicantName",
  "idDocumentKind",
  "idNumber",
  "legalRepresentative",
  "contactName",
  "phone",
  "email",
  "address",
  "postcode",
  "infoTitle",
  "infoNumber",
  "infoDescription",
  "mediumWanted",
  "deliveryWanted",
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
    const files: IdentityFile[] = [];
    for (const entry of form.getAll("identity")) {
      if (typeof entry === "string" || entry.size === 0) continue;
      files.push({ fileName: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) });
    }
    const site = await getCurrentSite();
    try {
      const receipt = await submitApplication(site.id, input, files, await requestContext());
      return Response.json(
        {
          trackingCode: receipt.trackingCode,
          password: receipt.password,
          receivedAt: formatDateTime(receipt.receivedAt),
          dueAt: formatDateTime(receipt.dueAt),
        },
        { status: 201, headers: { "cache-control": "no-store" } },
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === "INVALID")
        return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: httpStatusOf(error) });
      throw error;
    }
  });
}
