import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "@/lib/channels/adapters/webhook";

// A webhook receiver on loopback, written as the documentation tells integrators to write one:
// it verifies each request's signature and applies each idempotency key once (a repeat is
// answered as before and changes nothing). Shared by the delivery tests and npm run bench:load.

export type ReceivedHook = {
  key: string;
  event: string;
  publicationId: string;
  contentHash: string;
  valid: boolean;
  at: number;
  duplicate: boolean;
};
/** `hold`: keep the request open until it resolves, then drop the connection (the sender never hears). */
export type HookReply = { status: number; accept: boolean; hold?: () => Promise<void> };

export const acceptEvery = (): HookReply => ({ status: 200, accept: true });

export class WebhookReceiver {
  seen: ReceivedHook[] = [];
  /** Applied idempotency keys → the id this receiver gave each. */
  processed = new Map<string, string>();
  repeatsDropped = 0;
  /** Decides the answer to a first request with a valid signature; by default accept. */
  decide: (request: ReceivedHook) => HookReply | Promise<HookReply> = acceptEvery;
  /** publicationId:event → the keys it was applied under (more than one would be a duplicate). */
  private readonly appliedEvents = new Map<string, Set<string>>();
  private readonly server = http.createServer((request, response) => void this.handle(request, response));
  url = "";

  constructor(private readonly secret: string) {}

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  forKey(key: string) {
    return this.seen.filter((entry) => entry.key === key);
  }

  hasPublication(publicationId: string) {
    return this.appliedEvents.has(`${publicationId}:publication.published`);
  }

  /** Events applied under more than one idempotency key. */
  duplicated() {
    return [...this.appliedEvents.values()].filter((keys) => keys.size > 1).length;
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
    let body = "";
    for await (const chunk of request) body += chunk;
    const valid = verifyWebhookSignature({
      secret: this.secret,
      timestamp: request.headers["x-tongyuan-timestamp"] as string | undefined,
      body,
      signature: request.headers["x-tongyuan-signature"] as string | undefined,
    });
    const parsed = JSON.parse(body) as {
      event: string;
      idempotencyKey: string;
      publicationId: string;
      contentHash: string;
    };
    const key = String(request.headers["idempotency-key"] ?? "");
    const entry: ReceivedHook = {
      key,
      event: parsed.event,
      publicationId: parsed.publicationId,
      contentHash: parsed.contentHash,
      valid,
      at: Date.now(),
      duplicate: this.processed.has(key),
    };
    this.seen.push(entry);
    if (!valid || key !== parsed.idempotencyKey) {
      response.writeHead(401).end("bad signature");
      return;
    }
    if (entry.duplicate) {
      this.repeatsDropped += 1;
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ id: this.processed.get(key), duplicate: true }));
      return;
    }
    const reply = await this.decide(entry);
    if (reply.accept) {
      this.processed.set(key, `remote-${this.processed.size + 1}`);
      const pair = `${entry.publicationId}:${entry.event}`;
      this.appliedEvents.set(pair, (this.appliedEvents.get(pair) ?? new Set()).add(key));
    }
    if (reply.hold) {
      await reply.hold();
      response.destroy();
      return;
    }
    response
      .writeHead(reply.status, { "content-type": "application/json" })
      .end(
        reply.accept
          ? JSON.stringify({ id: this.processed.get(key) })
          : JSON.stringify({ error: "参数错误：标题为空" }),
      );
  }
}
