// GET /admin/statistics/ranking/export?siteId=&year= – the year's 报送 ranking of a receiving site as XLSX (units and 信息员; the basis of 稿酬; audited).
import { getActor } from "@/lib/auth/session";
import { handleRoute, requestContext } from "@/lib/http/route";
import { exportRanking } from "@/lib/statistics/ranking-export";

export async function GET(request: Request) {
  return handleRoute(
    async () => {
      const params = new URL(request.url).searchParams;
      const { fileName, data } = await exportRanking(
        await getActor(),
        { siteId: params.get("siteId") ?? undefined, year: params.get("year") ?? undefined },
        await requestContext(),
      );
      return new Response(new Uint8Array(data), {
        headers: {
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "content-disposition": `attachment; filename="ranking.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
          "cache-control": "no-store",
        },
      });
    },
    { format: "text" },
  );
}
