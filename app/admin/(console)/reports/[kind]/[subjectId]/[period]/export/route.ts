// GET /admin/reports/:kind/:subjectId/:period/export?format=docx|xlsx – a report as a .docx (公文 layout) or an .xlsx with every figure's source and override reason (audited).
import { getActor } from "@/lib/auth/session";
import { exportSiteReport } from "@/lib/reports/website-annual/export";
import { invalid } from "@/lib/errors";
import { handleRoute, requestContext } from "@/lib/http/route";

const TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

type Props = { params: Promise<{ kind: string; subjectId: string; period: string }> };

export async function GET(request: Request, { params }: Props) {
  return handleRoute(
    async () => {
      const format = new URL(request.url).searchParams.get("format");
      if (format !== "docx" && format !== "xlsx") throw invalid("导出格式应为 docx 或 xlsx。");
      const { fileName, data } = await exportSiteReport(await getActor(), await params, format, await requestContext());
      return new Response(new Uint8Array(data), {
        headers: {
          "content-type": TYPES[format],
          "content-disposition": `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
          "cache-control": "no-store",
        },
      });
    },
    { format: "text" },
  );
}
