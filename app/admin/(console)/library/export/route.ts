// GET /admin/library/export?ids=…&ids=… – the selected library items as an .xlsx workbook (audited).
import { getActor } from "@/lib/auth/session";
import { exportResources } from "@/lib/library/export";
import { handleRoute, requestContext } from "@/lib/http/route";

export async function GET(request: Request) {
  return handleRoute(
    async () => {
      const ids = new URL(request.url).searchParams.getAll("ids");
      const { fileName, data } = await exportResources(await getActor(), { ids }, await requestContext());
      return new Response(new Uint8Array(data), {
        headers: {
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "content-disposition": `attachment; filename="library.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
          "cache-control": "no-store",
        },
      });
    },
    { format: "text" },
  );
}
