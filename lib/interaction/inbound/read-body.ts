import { MAX_INBOUND_BYTES } from "@/lib/interaction/inbound/message-schema";

// A relay's body is read only up to MAX_INBOUND_BYTES: a larger one (by its Content-Length, or by
// what arrives) is given up without buffering the rest, so nobody can make the server hold
// megabytes on an unauthenticated endpoint.

/** The body as UTF-8 text, or null when it is larger than the limit. */
export async function readInboundBody(request: Request, limit = MAX_INBOUND_BYTES): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
