// GET /admin/review/:id/record/export – the accountability record as an .xlsx workbook.
import { getActor } from "@/lib/auth/session";
import { exportAccountabilityRecord } from "@/lib/review/accountability";
import { handleRoute } from "@/lib/http/route";

export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const { fileName, data } = await exportAccountabilityRecord(await getActor(), (await params).id);
    return new Response(new Uint8Array(data), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="record.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "cache-control": "no-store",
      },
    });
  });
}
