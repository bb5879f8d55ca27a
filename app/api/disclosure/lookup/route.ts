// POST /api/disclosure/lookup – the applicant's view of a request, by tracking code and password.
import { requestContext, handleRoute } from "@/lib/http/route";
import { getCurrentSite } from "@/lib/sites/current-site";
import { getRequestStatus } from "@/lib/disclosure/request-status";
import { readForm } from "@/lib/interaction/read-form";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const input = await readForm(request, ["trackingCode", "password"]);
    const site = await getCurrentSite();
    const status = await getRequestStatus(site.id, input, await requestContext());
    return Response.json(
      {
        trackingCode: status.trackingCode,
        unitName: status.unitName,
        infoTitle: status.infoTitle,
        state: messages.disclosure.states[status.state],
        receivedAt: formatDateTime(status.receivedAt),
        dueAt: status.dueAt ? formatDateTime(status.dueAt) : null,
        clockText: status.clockText,
        correction: status.correction
          ? {
              notice: status.correction.notice,
              dueAt: status.correction.dueAt ? formatDateTime(status.correction.dueAt) : null,
            }
          : null,
        extensions: status.extensions.map((extension) => ({
          workingDays: extension.workingDays,
          notifiedAt: extension.notifiedAt ? formatDateTime(extension.notifiedAt) : null,
        })),
        answerType: status.answerType ?? status.withdrawnAs,
        concludedAt: status.concludedAt ? formatDateTime(status.concludedAt) : null,
        notice: status.notice
          ? {
              title: status.notice.title,
              documentNumber: status.notice.documentNumber,
              html: status.notice.html,
              signer: status.notice.signer,
              date: status.notice.date,
            }
          : null,
      },
      { headers: { "cache-control": "no-store" } },
    );
  });
}
