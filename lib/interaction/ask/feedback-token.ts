import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

// "是否解决了您的问题": the answer carries a signed token naming the site, the question's key, the
// answers' sources and a random nonce; the 是/否 that comes back must bring it, and each nonce counts once (the limiter's
// store keeps it a day), so a replayed or forged 是 or 否 cannot move the counts or push a question
// up the curation list.
// Nothing identifies the visitor: the token is not a cookie and is not stored.

const TOKEN_HOURS = 24;
const fallbackKey = randomBytes(32).toString("hex");

function key(): string {
  const base = getEnv().AUTH_SECRET;
  return base ? createHmac("sha256", base).update("tongyuan:qa-feedback:v1").digest("hex") : fallbackKey;
}

const mac = (payload: string, questionKey: string) =>
  createHmac("sha256", key()).update(`${payload}\n${questionKey}`).digest("base64url");

/** Search document ids ("res-<uuid>", "svc-<uuid>") hold no "." or "~". */
const SOURCE_ID = /^(res|svc)-[0-9a-f-]{36}$/;

/** A token for the answers given to one question on one site, naming their sources (at most 3). */
export function issueFeedbackToken(
  siteId: string,
  questionKey: string,
  sourceIds: string[] = [],
  now: Date = new Date(),
): string {
  const sources = sourceIds.filter((id) => SOURCE_ID.test(id)).join("~");
  const payload = `${siteId}.${randomBytes(12).toString("base64url")}.${now.getTime().toString(36)}.${sources}`;
  return `${payload}.${mac(payload, questionKey)}`;
}

export type FeedbackTicket = { nonce: string; sourceIds: string[] };

/** The nonce and answer sources of a genuine, unexpired token for this site and question; null for anything else. */
export function readFeedbackToken(
  token: string,
  siteId: string,
  questionKey: string,
  now: Date = new Date(),
): FeedbackTicket | null {
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [site, nonce, issued, sources, signature] = parts as [string, string, string, string, string];
  const expected = Buffer.from(mac(`${site}.${nonce}.${issued}.${sources}`, questionKey));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (site !== siteId) return null;
  const at = parseInt(issued, 36);
  if (!Number.isFinite(at) || now.getTime() - at > TOKEN_HOURS * 3_600_000 || at > now.getTime() + 60_000) return null;
  return { nonce, sourceIds: sources ? sources.split("~") : [] };
}
