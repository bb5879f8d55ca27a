// GET /admin/review/:id/record/export – the accountability record as an .xlsx workbook.
import { getActor } from "@/lib/auth/session";
import { exportAccountabilityRecord } from "@/lib/review/accountability";
import { DomainError, httpStatusOf } from "@/lib/errors";

export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  try {
    const { fileName, data } = await exportAccountabilityRecord(actor, (await params).id);
    return new Response(new Uint8Array(data), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="record.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
}
