import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

// "是否解决了您的问题": the answer carries a signed token naming the site, the question's key and a
// random nonce; the 是/否 that comes back must bring it, and each nonce counts once (the limiter's
// store keeps it a day), so a replayed or forged 否 cannot push a question up the curation list.
// Nothing identifies the visitor: the token is not a cookie and is not stored.

const TOKEN_HOURS = 24;
const fallbackKey = randomBytes(32).toString("hex");

function key(): string {
  const base = getEnv().AUTH_SECRET;
  return base ? createHmac("sha256", base).update("tongyuan:qa-feedback:v1").digest("hex") : fallbackKey;
}

const mac = (payload: string, questionKey: string) =>
  createHmac("sha256", key()).update(`${payload}\n${questionKey}`).digest("base64url");

export function issueFeedbackToken(siteId: string, questionKey: string, now: Date = new Date()): string {
  const payload = `${siteId}.${randomBytes(12).toString("base64url")}.${now.getTime().toString(36)}`;
  return `${payload}.${mac(payload, questionKey)}`;
}

/** The nonce of a genuine, unexpired token for this site and question; null for anything else. */
export function readFeedbackToken(
  token: string,
  siteId: string,
  questionKey: string,
  now: Date = new Date(),
): string | null {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [site, nonce, issued, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(mac(`${site}.${nonce}.${issued}`, questionKey));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (site !== siteId) return null;
  const at = parseInt(issued, 36);
  if (!Number.isFinite(at) || now.getTime() - at > TOKEN_HOURS * 3_600_000 || at > now.getTime() + 60_000) return null;
  return nonce;
}
