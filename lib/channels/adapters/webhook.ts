import { createHmac, timingSafeEqual } from "node:crypto";
import { postJson } from "@/lib/channels/adapters/http";
import { configUrl, requireSecret, type ChannelAdapter, type DeliveryAction } from "@/lib/channels/adapters/types";

// The generic webhook (a 融媒体中心, an app backend, another platform). Also serves the APP kind
// and TOUTIAO: 头条号 offers no open publishing API to government accounts, so items reach it
// through the 融媒体中心's relay, which receives this same signed webhook and posts them on.
//
// Every request carries X-Tongyuan-Timestamp (unix seconds) and
// X-Tongyuan-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>; a receiver
// checks both with verifyWebhookSignature, refusing old timestamps (replays). Idempotency-Key is
// the same on every attempt of a delivery, so a receiver that stores it applies each delivery once
// even when we retry after a lost answer.

export const WEBHOOK_EVENTS: Record<DeliveryAction, string> = {
  PUBLISH: "publication.published",
  CORRECT: "publication.corrected",
  RECALL: "publication.withdrawn",
  REPLY: "interaction.replied",
};

export const SIGNATURE_HEADER = "X-Tongyuan-Signature";
export const TIMESTAMP_HEADER = "X-Tongyuan-Timestamp";
/** How far a receiver accepts a timestamp from its own clock, either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/**
 * For receivers (and our tests): true when `signature` is ours over this timestamp and body, and
 * the timestamp lies within the replay window around `now`. Compares in constant time.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | null | undefined;
  body: string;
  signature: string | null | undefined;
  now?: Date | number;
  toleranceSeconds?: number;
}): boolean {
  const { secret, timestamp, body, signature } = input;
  if (!secret || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  const nowSeconds = Math.floor((input.now === undefined ? Date.now() : Number(input.now)) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body), "utf8");
  const given = Buffer.from(signature, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const webhookAdapter: ChannelAdapter = {
  async deliver(target, request, options) {
    const url = configUrl(target, "url", "接收地址");
    const secret = requireSecret(target, "signingSecret", "签名密钥");
    const common = {
      event: WEBHOOK_EVENTS[request.action],
      deliveryId: request.deliveryId,
      idempotencyKey: request.idempotencyKey,
    };
    // A reply goes back to the relay its letter came through: the 查询码, the relay's message id
    // and the reply text, whose SHA-256 is contentHash (docs/channel-integration.md).
    const body = JSON.stringify(
      request.action === "REPLY"
        ? { ...common, contentHash: request.contentHash, reply: request.reply }
        : {
            ...common,
            publicationId: request.publicationId,
            resourceId: request.resourceId,
            contentHash: request.contentHash,
            rendition: request.action === "RECALL" ? null : request.rendition,
          },
    );
    const timestamp = String(Math.floor(Date.now() / 1000));
    const reply = await postJson(url, body, options, "Webhook 接收方", {
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      "Idempotency-Key": request.idempotencyKey,
    });
    // A receiver may name what it stored ({"id": …}); an empty or non-JSON 2xx is an acknowledgement too.
    let remoteId: string | null = null;
    try {
      const answer = JSON.parse(reply.text) as { id?: unknown };
      if (typeof answer?.id === "string" || typeof answer?.id === "number") remoteId = String(answer.id).slice(0, 200);
    } catch {
      remoteId = null;
    }
    return { status: "ACKNOWLEDGED", remoteId };
  },
};
