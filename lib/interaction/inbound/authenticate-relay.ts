import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { LetterChannel } from "@/lib/db/generated/client";
import {
  DEFAULT_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from "@/lib/channels/adapters/webhook";
import { decryptChannelSecrets } from "@/lib/channels/secrets";
import { RELAY_HEADER } from "@/lib/interaction/inbound/message-schema";

// Who is posting: a registered relay that signed this very body with its own secret, within the
// replay window — the same signature our outgoing webhooks carry, so one verifier serves both
// directions. Every refusal is a 401 or 403 with a Chinese message, decided before the body is read.

export type RelayRefusal = { status: 401 | 403; error: string };
export type AuthenticatedRelay = { id: string; siteId: string; name: string; origin: LetterChannel; channelId: string };

const MISSING = `缺少签名：请求须带 ${RELAY_HEADER}、${TIMESTAMP_HEADER} 和 ${SIGNATURE_HEADER} 请求头。`;
const UNKNOWN = "签名无效：接入方未登记，或签名与请求内容不符。";
const STALE = `签名已过期：${TIMESTAMP_HEADER} 须为当前 Unix 时间（秒），前后相差不超过 ${DEFAULT_TOLERANCE_SECONDS / 60} 分钟。`;
const INACTIVE = "该互动接入已停用，不再接收留言。请联系网站管理员。";

export async function authenticateRelay(
  headers: Headers,
  body: string,
  now: Date,
): Promise<{ relay: AuthenticatedRelay } | { refusal: RelayRefusal }> {
  const relayId = headers.get(RELAY_HEADER)?.trim();
  const timestamp = headers.get(TIMESTAMP_HEADER)?.trim();
  const signature = headers.get(SIGNATURE_HEADER)?.trim();
  if (!relayId || !timestamp || !signature) return { refusal: { status: 401, error: MISSING } };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > DEFAULT_TOLERANCE_SECONDS)
    return { refusal: { status: 401, error: STALE } };
  if (!z.uuid().safeParse(relayId).success) return { refusal: { status: 401, error: UNKNOWN } };
  const relay = await getDb().interactionRelay.findUnique({ where: { id: relayId } });
  let secret = "";
  try {
    secret = relay ? (decryptChannelSecrets(relay.secret).signingSecret ?? "") : "";
  } catch {
    // A secret that no longer decrypts (CHANNEL_SECRET_KEY changed) verifies nothing.
    secret = "";
  }
  if (!relay || !verifyWebhookSignature({ secret, timestamp, body, signature, now }))
    return { refusal: { status: 401, error: UNKNOWN } };
  if (!relay.active) return { refusal: { status: 403, error: INACTIVE } };
  return {
    relay: { id: relay.id, siteId: relay.siteId, name: relay.name, origin: relay.origin, channelId: relay.channelId },
  };
}
