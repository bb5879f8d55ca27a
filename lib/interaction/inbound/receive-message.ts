import { createHash } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { hashLetterPassword } from "@/lib/interaction/letter-password";
import type { RequestContext } from "@/lib/auth/authenticate";
import { consumeRateLimit } from "@/lib/auth/sign-in-throttle";
import { loadCalendar } from "@/lib/calendar/load";
import { getEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { parseInput } from "@/lib/validation/parse";
import { dueAfterHours, dueAfterWorkingDays } from "@/lib/interaction/clock";
import { newLetterClock } from "@/lib/interaction/limits";
import { newLetterPassword, newQueryCode } from "@/lib/interaction/query-code";
import { authenticateRelay, type AuthenticatedRelay } from "@/lib/interaction/inbound/authenticate-relay";
import {
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  MAX_INBOUND_BYTES,
  ZInboundMessage,
} from "@/lib/interaction/inbound/message-schema";

// A message relayed from a channel of origin (融媒体中心, a WeChat or Weibo back end, a 12345
// platform) enters the same queue as a letter written on the site: the same types, clocks and
// handling, marked with its channel of origin and the relay's message id (互动同源同步同反馈).
// The relay is told the 查询码; the writer follows the letter in the channel, so no password is
// given out (an unguessable one is hashed only because every letter has one).
//
// Idempotent by the relay's Idempotency-Key: the answer to an accepted post is kept with the letter
// in one transaction, a repeat with the same key and body gets that answer again and creates
// nothing, and another body under a used key is refused.

export type InboundAnswer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

const fail = (status: number, error: string, extra: Record<string, unknown> = {}): InboundAnswer => ({
  status,
  body: { error, ...extra },
});

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

async function storedAnswer(relayId: string, key: string, bodyHash: string): Promise<InboundAnswer | null> {
  const earlier = await getDb().relayMessage.findUnique({
    where: { relayId_idempotencyKey: { relayId, idempotencyKey: key } },
  });
  if (!earlier) return null;
  if (earlier.bodyHash !== bodyHash)
    return fail(409, `该 ${IDEMPOTENCY_HEADER} 已用于另一条内容不同的消息；每条新消息须使用新的键。`);
  return {
    status: earlier.status,
    body: earlier.response as Record<string, unknown>,
    headers: { "Idempotent-Replayed": "true" },
  };
}

async function admitRelay(relay: AuthenticatedRelay): Promise<InboundAnswer | null> {
  const retryAfter = await consumeRateLimit(
    "relay_inbound",
    relay.id,
    getEnv().INTERACTION_RELAY_MESSAGES_PER_MINUTE,
    60,
  );
  if (retryAfter === null) return null;
  return { ...fail(429, `发送过于频繁，请 ${retryAfter} 秒后重试。`), headers: { "Retry-After": String(retryAfter) } };
}

/** Takes one signed post of a relay; answers with the HTTP status and JSON body to send. */
export async function receiveRelayedMessage(
  /** `body` null: larger than MAX_INBOUND_BYTES (readInboundBody stopped reading it). */
  request: { headers: Headers; body: string | null },
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
): Promise<InboundAnswer> {
  if (request.body === null || Buffer.byteLength(request.body, "utf8") > MAX_INBOUND_BYTES)
    return fail(413, `请求体超过 ${MAX_INBOUND_BYTES / 1024} KB。`);
  const body = request.body;
  const authenticated = await authenticateRelay(request.headers, body, now);
  if ("refusal" in authenticated) return fail(authenticated.refusal.status, authenticated.refusal.error);
  const { relay } = authenticated;
  const key = request.headers.get(IDEMPOTENCY_HEADER)?.trim() ?? "";
  if (!IDEMPOTENCY_KEY_PATTERN.test(key))
    return fail(400, `缺少 ${IDEMPOTENCY_HEADER} 请求头，或其值不是 1–200 个可见 ASCII 字符。`);
  const limited = await admitRelay(relay);
  if (limited) return limited;
  const bodyHash = sha256(body);
  const replayed = await storedAnswer(relay.id, key, bodyHash);
  if (replayed) return replayed;

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fail(400, "请求体不是有效的 JSON。");
  }
  let message;
  try {
    message = parseInput(ZInboundMessage, json);
  } catch (error) {
    if (error instanceof DomainError) return fail(400, error.message, { fieldErrors: error.fieldErrors });
    throw error;
  }
  const sentAt = new Date(message.receivedAt);
  if (sentAt.getTime() > now.getTime() + 300_000)
    return fail(400, "receivedAt 晚于当前时间。", { fieldErrors: { receivedAt: ["接收时间不能晚于当前时间"] } });
  // The clock runs from when the writer sent it on the channel, never from a future time.
  const receivedAt = sentAt < now ? sentAt : now;

  const db = getDb();
  const type = await db.interactionType.findFirst({
    where: { siteId: relay.siteId, code: message.type, active: true },
  });
  if (!type) return fail(400, "留言类型不存在或已停用。", { fieldErrors: { type: ["留言类型不存在或已停用"] } });
  if (type.category === "CORRECTION" && !message.pageUrl)
    return fail(400, "网站纠错须填写出错页面的网址。", { fieldErrors: { pageUrl: ["请填写出错页面的网址"] } });
  const origin = relay.origin;
  const registered = await db.letter.findFirst({
    where: { siteId: relay.siteId, channel: origin, externalRef: message.messageId },
    select: { queryCode: true },
  });
  if (registered)
    return fail(409, `消息 ${message.messageId} 已登记，查询码 ${registered.queryCode}。`, {
      queryCode: registered.queryCode,
    });

  const calendar = await loadCalendar(db);
  const accept = dueAfterWorkingDays(calendar, receivedAt, type.acceptWorkingDays);
  const reply = type.replyHours ? dueAfterHours(receivedAt, type.replyHours) : null;
  const passwordHash = await hashLetterPassword(newLetterPassword());
  try {
    return await db.$transaction(async (tx) => {
      const letter = await tx.letter.create({
        data: {
          siteId: relay.siteId,
          typeId: type.id,
          queryCode: newQueryCode(receivedAt),
          passwordHash,
          title: message.title,
          content: message.content,
          writerName: message.writerName,
          writerPhone: message.writerPhone,
          writerIdNumber: message.writerIdNumber ?? null,
          writerEmail: message.writerEmail ?? null,
          consentToPublish: message.consentToPublish,
          pageUrl: type.category === "CORRECTION" ? (message.pageUrl ?? null) : null,
          channel: origin,
          externalRef: message.messageId,
          relayId: relay.id,
          receivedAt,
          acceptDueAt: accept.dueAt,
          replyDueAt: reply?.dueAt ?? null,
          clock: newLetterClock(type, accept, reply),
        },
      });
      const body = {
        queryCode: letter.queryCode,
        messageId: message.messageId,
        typeName: type.name,
        receivedAt: formatDateTime(letter.receivedAt),
        acceptDueAt: formatDateTime(letter.acceptDueAt),
        replyDueAt: letter.replyDueAt ? formatDateTime(letter.replyDueAt) : null,
      };
      await tx.relayMessage.create({
        data: {
          relayId: relay.id,
          idempotencyKey: key,
          bodyHash,
          letterId: letter.id,
          status: 201,
          response: body satisfies Prisma.InputJsonObject,
        },
      });
      await recordAudit(tx, {
        actorId: null,
        action: "interaction.letter.relay",
        subject: `letter:${letter.id}`,
        // Name, phone and ID number stay in the letter, not in the audit log.
        data: {
          queryCode: letter.queryCode,
          letterType: type.name,
          channel: origin,
          relayId: relay.id,
          relayName: relay.name,
          messageId: message.messageId,
        },
        ...context,
      });
      return { status: 201, body };
    });
  } catch (error) {
    // The same key or message id committed meanwhile by a concurrent post: answer as a repeat would.
    if ((error as { code?: string } | null)?.code !== "P2002") throw error;
    const again = await storedAnswer(relay.id, key, bodyHash);
    return again ?? fail(409, `消息 ${message.messageId} 已登记。`);
  }
}
