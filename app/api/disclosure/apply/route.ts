// POST /api/disclosure/apply – the public 政府信息公开申请 form (multipart): takes a request for a unit
// of this site and answers its tracking code and password, or Chinese field errors (400) changing nothing.
import { handlePublicForm } from "@/lib/http/public-form";
import { getCurrentSite } from "@/lib/sites/current-site";
import { submitApplication } from "@/lib/disclosure/submit-request";
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
] as const;

export async function POST(request: Request) {
  return handlePublicForm(request, { fields: FIELDS, fileField: "identity" }, async ({ input, files, context }) => {
    const site = await getCurrentSite();
    const receipt = await submitApplication(site.id, input, files, context);
    return Response.json(
      {
        trackingCode: receipt.trackingCode,
        password: receipt.password,
        receivedAt: formatDateTime(receipt.receivedAt),
        dueAt: formatDateTime(receipt.dueAt),
      },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  });
}
