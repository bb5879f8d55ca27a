import http from "node:http";
import type { AddressInfo } from "node:net";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { signWebhook, verifyWebhookSignature } from "@/lib/channels/adapters/webhook";
import { createRelay } from "@/lib/interaction/inbound/relays";
import { receiveRelayedMessage } from "@/lib/interaction/inbound/receive-message";
import { account, SIGNING_SECRET } from "./channels";
import { createChannel } from "@/lib/channels/channel-admin";
import { orgId } from "../helpers";

// Relays as a back end would drive them: registered by the site administrator with a webhook
// channel of their own, posting signed JSON to the inbound use case (the route only hands it the
// headers and the body), and a loopback receiver for the replies that come back.

export const DISTRICT = "重庆市沙坪坝区人民政府";

/** A WEBHOOK channel to `url` and a relay of `origin` on the site that answers through it. */
export async function registerRelay(
  admin: Actor,
  options: { siteId: string; origin: "WECHAT" | "WEIBO" | "HOTLINE" | "MEDIA_CENTER" | "NATIONAL"; url: string },
) {
  const linked = await account(DISTRICT, "OTHER");
  const channel = await createChannel(admin, {
    kind: "WEBHOOK",
    name: `${options.origin} 回传接口`,
    orgId: await orgId(DISTRICT),
    accountId: linked.id,
    url: options.url,
    signingSecret: SIGNING_SECRET,
  });
  const { relay, secret } = await createRelay(admin, {
    siteId: options.siteId,
    name: `沙坪坝区${options.origin}后台`,
    origin: options.origin,
    channelId: channel.id,
  });
  return { relayId: relay.id, secret, channelId: channel.id };
}

let serial = 0;

/** A relayed message's body; `messageId` is new for each call unless given. */
export function relayedMessage(change: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    type: "complaint",
    title: "公交站台雨棚破损",
    content: "沙坪坝区天星桥公交站的雨棚玻璃破损多日，下雨时候车群众无处避雨，请尽快修复。",
    writerName: "李四",
    writerPhone: "13812345678",
    consentToPublish: true,
    messageId: `wx-msg-${Date.now()}-${serial}`,
    receivedAt: new Date().toISOString(),
    ...change,
  };
}

export type PostOptions = {
  key?: string;
  /** Unix seconds as a string; now by default. */
  timestamp?: string;
  /** Sign with this secret instead of the relay's. */
  signWith?: string;
  /** Replace the signature outright. */
  signature?: string;
  /** Headers to leave out. */
  omit?: string[];
  /** The body sent, when it differs from the body signed. */
  sentBody?: string;
  now?: Date;
};

/** Posts `body` (an object, or raw text) as the relay would, signed with its secret. */
export async function postAsRelay(
  relay: { relayId: string; secret: string },
  body: Record<string, unknown> | string,
  options: PostOptions = {},
) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const now = options.now ?? new Date();
  const timestamp = options.timestamp ?? String(Math.floor(now.getTime() / 1000));
  const headers = new Headers({
    "content-type": "application/json",
    "X-Tongyuan-Relay": relay.relayId,
    "X-Tongyuan-Timestamp": timestamp,
    "X-Tongyuan-Signature": options.signature ?? signWebhook(options.signWith ?? relay.secret, timestamp, text),
    "Idempotency-Key": options.key ?? `key-${Date.now()}-${++serial}`,
  });
  for (const name of options.omit ?? []) headers.delete(name);
  return receiveRelayedMessage({ headers, body: options.sentBody ?? text }, { ip: "203.0.113.9" }, now);
}

export async function lettersOfRelay(relayId: string) {
  return getDb().letter.findMany({ where: { relayId }, orderBy: { receivedAt: "asc" } });
}

export type ReceivedReply = {
  valid: boolean;
  key: string;
  body: {
    event: string;
    deliveryId: string;
    idempotencyKey: string;
    contentHash: string;
    reply: { queryCode: string; messageId: string; round: number; text: string; unitName: string; repliedAt: string };
  };
};

/** The relay's back end on loopback: verifies each reply's signature, applies each key once. */
export class ReplyReceiver {
  received: ReceivedReply[] = [];
  private readonly server = http.createServer((request, response) => void this.handle(request, response));
  url = "";

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/replies`;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
    let text = "";
    for await (const chunk of request) text += chunk;
    const valid = verifyWebhookSignature({
      secret: SIGNING_SECRET,
      timestamp: request.headers["x-tongyuan-timestamp"] as string | undefined,
      body: text,
      signature: request.headers["x-tongyuan-signature"] as string | undefined,
    });
    const entry = { valid, key: String(request.headers["idempotency-key"] ?? ""), body: JSON.parse(text) };
    this.received.push(entry as ReceivedReply);
    response.writeHead(valid ? 200 : 401, { "content-type": "application/json" });
    response.end(JSON.stringify(valid ? { id: `reply-${this.received.length}` } : { error: "bad signature" }));
  }
}
