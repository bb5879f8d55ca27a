import { createHash } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { consumeRateLimit } from "@/lib/auth/sign-in-throttle";
import { getEnv } from "@/lib/env";
import { messages } from "@/lib/i18n/zh-CN";

// Who may ask GET /api/qa (and the question box) how often: anyone, QA_REQUESTS_PER_MINUTE a
// minute per client address; a partner with a key (X-Api-Key) of the site asked, its own limit a
// minute per key. Counted in the PostgreSQL limiter the sign-in throttle keeps, so every app
// instance shares the counts; the address is only the limiter's key for the minute.

const text = messages.ask.errors;

export type QaAccess =
  | { allowed: true; partner: { id: string; name: string } | null }
  | { allowed: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

export const digestOfKey = (key: string) => createHash("sha256").update(key.trim()).digest("hex");

export async function admitQaRequest(input: {
  siteId: string;
  ip: string | null;
  apiKey: string | null;
}): Promise<QaAccess> {
  if (input.apiKey !== null) {
    const key = input.apiKey.trim();
    const found =
      key.length > 0 && key.length <= 200
        ? await getDb().qaApiKey.findUnique({
            where: { digest: digestOfKey(key) },
            select: { id: true, name: true, siteId: true, revokedAt: true, requestsPerMinute: true, lastUsedAt: true },
          })
        : null;
    if (!found || found.revokedAt || found.siteId !== input.siteId)
      return { allowed: false, status: 401, message: text.badKey };
    const retryAfter = await consumeRateLimit("qa_key", found.id, found.requestsPerMinute, 60);
    if (retryAfter !== null) return refused(retryAfter);
    if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000)
      await getDb().qaApiKey.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
    return { allowed: true, partner: { id: found.id, name: found.name } };
  }
  const retryAfter = await consumeRateLimit("qa_address", input.ip ?? "unknown", getEnv().QA_REQUESTS_PER_MINUTE, 60);
  if (retryAfter !== null) return refused(retryAfter);
  return { allowed: true, partner: null };
}

function refused(retryAfter: number): QaAccess {
  const seconds = Math.max(1, Math.ceil(retryAfter));
  return { allowed: false, status: 429, message: text.tooMany(seconds), retryAfterSeconds: seconds };
}
