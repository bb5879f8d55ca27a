import { afterEach, describe, expect, it } from "vitest";
import { getAdapter, verifyWebhookSignature, type ChannelTarget } from "@/lib/channels/adapters";
import { renderForChannel } from "@/lib/channels/renditions/render";
import { closeServers, deliveryError, deliveryRequest, json, source, startServer } from "./support/adapter-servers";

// The webhook adapter against a real receiver on loopback that checks signatures the way the
// documentation tells integrators to; and the feed adapter, which needs no network.

afterEach(closeServers);

describe("webhook adapter", () => {
  const SECRET = "whsec-0123456789abcdef";

  /** A receiver as the documentation tells integrators to write one. */
  async function receiver(options: { clockOffsetSeconds?: number; status?: number; unanswered?: boolean } = {}) {
    const seen = new Set<string>();
    const accepted: { event: string; body: Record<string, unknown> }[] = [];
    const server = await startServer(async (request, res) => {
      // Never answers: the request stays open until the server closes after the test.
      if (options.unanswered) return;
      if (options.status) return json(res, options.status, { error: "receiver says no" });
      const body = request.body.toString("utf8");
      const valid = verifyWebhookSignature({
        secret: SECRET,
        timestamp: request.headers["x-tongyuan-timestamp"] as string | undefined,
        signature: request.headers["x-tongyuan-signature"] as string | undefined,
        body,
        now: Date.now() + (options.clockOffsetSeconds ?? 0) * 1000,
      });
      if (request.method !== "POST" || !valid) return json(res, 401, { error: "bad signature" });
      const key = String(request.headers["idempotency-key"]);
      const parsed = JSON.parse(body) as Record<string, unknown>;
      expect(parsed.idempotencyKey).toBe(key);
      if (!seen.has(key)) {
        seen.add(key);
        accepted.push({ event: String(parsed.event), body: parsed });
      }
      json(res, 200, { id: `stored-${accepted.length}` });
    });
    return { ...server, accepted };
  }

  const target = (url: string, secret = SECRET): ChannelTarget => ({
    id: "ch-webhook",
    kind: "WEBHOOK",
    config: { url: `${url}/hooks/tongyuan` },
    secrets: { signingSecret: secret },
  });

  it("delivers a signed JSON event the receiver verifies, once per idempotency key", async () => {
    const server = await receiver();
    const rendition = renderForChannel("WEBHOOK", source(server.base));
    const request = deliveryRequest({ rendition });
    const result = await getAdapter("WEBHOOK").deliver(target(server.base), request, { timeoutMs: 2000 });
    expect(result).toEqual({ status: "ACKNOWLEDGED", remoteId: "stored-1" });
    // A retry of the same delivery (lost answer) carries the same key: the receiver applies it once.
    await getAdapter("WEBHOOK").deliver(target(server.base), request, { timeoutMs: 2000 });
    expect(server.received).toHaveLength(2);
    expect(server.accepted).toHaveLength(1);
    const [{ event, body }] = server.accepted as [{ event: string; body: Record<string, unknown> }];
    expect(event).toBe("publication.published");
    expect(body).toMatchObject({
      deliveryId: request.deliveryId,
      publicationId: request.publicationId,
      resourceId: request.resourceId,
      contentHash: "c".repeat(64),
      rendition: { format: "json", document: { title: "全市一季度经济运行情况", kindLabel: "政务动态" } },
    });
    const first = server.received[0]!;
    expect(first.path).toBe("/hooks/tongyuan");
    expect(first.headers["content-type"]).toMatch(/^application\/json/);
    expect(first.headers["x-tongyuan-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("APP and TOUTIAO channels use the same signed webhook", async () => {
    const server = await receiver();
    for (const kind of ["APP", "TOUTIAO"] as const) {
      const rendition = renderForChannel(kind, source(server.base));
      await getAdapter(kind).deliver(
        { ...target(server.base), kind },
        deliveryRequest({ idempotencyKey: `key-${kind}`, rendition }),
        { timeoutMs: 2000 },
      );
    }
    expect(server.accepted.map((entry) => entry.body.idempotencyKey)).toEqual(["key-APP", "key-TOUTIAO"]);
  });

  it("sends withdrawal as its own event without content", async () => {
    const server = await receiver();
    await getAdapter("WEBHOOK").deliver(
      target(server.base),
      deliveryRequest({ action: "RECALL", idempotencyKey: "recall-1", previousRemoteId: "stored-1" }),
      { timeoutMs: 2000 },
    );
    expect(server.accepted[0]).toMatchObject({ event: "publication.withdrawn", body: { rendition: null } });
  });

  it("is refused by the receiver when signed with another secret (4xx: not retried)", async () => {
    const server = await receiver();
    const rendition = renderForChannel("WEBHOOK", source(server.base));
    const error = await deliveryError(
      getAdapter("WEBHOOK").deliver(target(server.base, "another-secret-of-length"), deliveryRequest({ rendition }), {
        timeoutMs: 2000,
      }),
    );
    expect(error).toMatchObject({ retryable: false, httpStatus: 401 });
    expect(server.accepted).toHaveLength(0);
  });

  it("refuses replays: an old timestamp or an altered body fails verification", async () => {
    const server = await receiver();
    await getAdapter("WEBHOOK").deliver(
      target(server.base),
      deliveryRequest({ rendition: renderForChannel("WEBHOOK", source(server.base)) }),
      { timeoutMs: 2000 },
    );
    const sent = server.received[0]!;
    const captured = {
      secret: SECRET,
      timestamp: sent.headers["x-tongyuan-timestamp"] as string,
      signature: sent.headers["x-tongyuan-signature"] as string,
      body: sent.body.toString("utf8"),
    };
    expect(verifyWebhookSignature(captured)).toBe(true);
    // Replayed ten minutes later: outside the five-minute window.
    expect(verifyWebhookSignature({ ...captured, now: Date.now() + 600_000 })).toBe(false);
    expect(verifyWebhookSignature({ ...captured, now: Date.now() + 600_000, toleranceSeconds: 900 })).toBe(true);
    expect(verifyWebhookSignature({ ...captured, body: captured.body.replace("全市", "全省") })).toBe(false);
    expect(verifyWebhookSignature({ ...captured, timestamp: String(Number(captured.timestamp) + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...captured, signature: null })).toBe(false);

    // The replay sent to a receiver whose clock is ten minutes on is refused.
    const later = await receiver({ clockOffsetSeconds: 600 });
    const replay = await fetch(`${later.base}/hooks/tongyuan`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-tongyuan-timestamp": captured.timestamp,
        "x-tongyuan-signature": captured.signature,
        "idempotency-key": "delivery-22222222-publish",
      },
      body: captured.body,
    });
    expect(replay.status).toBe(401);
    expect(later.accepted).toHaveLength(0);
  });

  it("classifies failures: 5xx and timeouts are retried, 4xx and redirects are not", async () => {
    const rendition = renderForChannel("WEBHOOK", source("https://www.example.gov.cn"));
    const request = deliveryRequest({ rendition });
    const adapter = getAdapter("WEBHOOK");

    const failing = await receiver({ status: 503 });
    expect(await deliveryError(adapter.deliver(target(failing.base), request, { timeoutMs: 2000 }))).toMatchObject({
      retryable: true,
      httpStatus: 503,
    });

    const refusing = await receiver({ status: 422 });
    expect(await deliveryError(adapter.deliver(target(refusing.base), request, { timeoutMs: 2000 }))).toMatchObject({
      retryable: false,
      httpStatus: 422,
    });

    const redirecting = await startServer(
      (_request, res) => void res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" }).end(),
    );
    expect(await deliveryError(adapter.deliver(target(redirecting.base), request, { timeoutMs: 2000 }))).toMatchObject({
      retryable: false,
      httpStatus: 302,
    });

    const slow = await receiver({ unanswered: true });
    const timeout = await deliveryError(adapter.deliver(target(slow.base), request, { timeoutMs: 200 }));
    expect(timeout.retryable).toBe(true);
    expect(timeout.message).toContain("超时");

    const closed = await startServer(() => undefined);
    const closedBase = closed.base;
    await closed.close();
    const refused = await deliveryError(adapter.deliver(target(closedBase), request, { timeoutMs: 2000 }));
    expect(refused.retryable).toBe(true);
    expect(refused.message).toContain("连接失败");
  });

  it("refuses to send without a signing secret", async () => {
    const error = await deliveryError(
      getAdapter("WEBHOOK").deliver(
        { id: "x", kind: "WEBHOOK", config: { url: "http://127.0.0.1:9/" }, secrets: {} },
        deliveryRequest(),
        { timeoutMs: 500 },
      ),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("签名密钥");
  });
});

describe("feed adapter", () => {
  it("acknowledges at once without any network", async () => {
    const rendition = renderForChannel("FEED", source("https://www.example.gov.cn"));
    const failingFetch = (() => {
      throw new Error("no network expected");
    }) as unknown as typeof fetch;
    expect(
      await getAdapter("FEED").deliver(
        { id: "f", kind: "FEED", config: {}, secrets: {} },
        deliveryRequest({ rendition }),
        { timeoutMs: 100, fetch: failingFetch },
      ),
    ).toEqual({
      status: "ACKNOWLEDGED",
      remoteId: "22222222-2222-4222-8222-222222222222",
    });
  });
});
