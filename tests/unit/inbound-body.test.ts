import { describe, expect, it } from "vitest";
import { readInboundBody } from "@/lib/interaction/inbound/read-body";

// The inbound endpoint reads at most its limit of an unauthenticated body, whatever the sender claims.

function streamed(parts: string[], headers: Record<string, string> = {}) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === parts.length) controller.close();
      else controller.enqueue(new TextEncoder().encode(parts[sent++]));
    },
  });
  return {
    request: new Request("http://localhost/api/interaction/inbound", {
      method: "POST",
      body,
      headers,
      duplex: "half",
    } as RequestInit),
    pulled: () => sent,
  };
}

describe("readInboundBody", () => {
  it("reads a body within the limit as UTF-8 text, split anywhere", async () => {
    const { request } = streamed(['{"title":"公交', '站台"}']);
    expect(await readInboundBody(request, 64)).toBe('{"title":"公交站台"}');
  });

  it("gives up on a declared or an actual size over the limit without reading the rest", async () => {
    const declared = streamed(["x"], { "content-length": "65" });
    expect(await readInboundBody(declared.request, 64)).toBeNull();
    // A stream pulls its first chunk as it is made; nothing more is read.
    expect(declared.pulled()).toBeLessThanOrEqual(1);
    const undeclared = streamed(Array.from({ length: 100 }, () => "x".repeat(40)));
    expect(await readInboundBody(undeclared.request, 64)).toBeNull();
    expect(undeclared.pulled()).toBeLessThan(100);
  });

  it("reads an empty body as empty text", async () => {
    expect(await readInboundBody(new Request("http://localhost/", { method: "POST" }))).toBe("");
  });
});
