// POST /api/interaction/inbound – a registered relay's signed message enters the letter queue of its
// site (互动同源同步同反馈); answers the 查询码 (201), a stored answer for a repeated key, or a Chinese
// JSON refusal (400/401/403/409/413/429) that changed nothing.
import { handleRoute, requestContext } from "@/lib/http/route";
import { receiveRelayedMessage } from "@/lib/interaction/inbound/receive-message";
import { readInboundBody } from "@/lib/interaction/inbound/read-body";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleRoute(async () => {
    const body = await readInboundBody(request);
    const answer = await receiveRelayedMessage({ headers: request.headers, body }, await requestContext());
    return Response.json(answer.body, {
      status: answer.status,
      headers: { "cache-control": "no-store", ...answer.headers },
    });
  });
}
