import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

// What lets the platform hold a participant to one answer without tracking anyone:
// - a form token, signed, naming the activity and a random nonce, put into the page each time it is
//   rendered; the nonce is stored with the answer (unique), so a replayed form is refused;
// - a participant id, random, kept by the browser in one cookie scoped to the activity's own path
//   and expiring when it closes, set only after an answer; an answer that brings it is a second one;
// - for a phone-verified activity, the phone number's keyed hash instead: one answer per number,
//   whatever the browser. The number itself is never stored.
// The keys derive from AUTH_SECRET; participant keys are HMACs, so the table alone identifies nobody.

const FORM_TOKEN_HOURS = 24;
const fallbackKey = randomBytes(32).toString("hex");

function key(purpose: string): string {
  const base = getEnv().AUTH_SECRET;
  return base
    ? createHmac("sha256", base).update(`tongyuan:consultation:${purpose}:v1`).digest("hex")
    : fallbackKey + purpose;
}

function mac(purpose: string, value: string): string {
  return createHmac("sha256", key(purpose)).update(value).digest("base64url");
}

function sameMac(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A fresh form token for `consultationId`, issued at `now`. */
export function issueFormToken(consultationId: string, now: Date = new Date()): string {
  const payload = `${consultationId}.${randomBytes(16).toString("base64url")}.${now.getTime().toString(36)}`;
  return `${payload}.${mac("form", payload)}`;
}

/** The nonce of a genuine, unexpired token for this activity; null for anything else. */
export function readFormToken(token: string, consultationId: string, now: Date = new Date()): string | null {
  if (token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [id, nonce, issued, signature] = parts as [string, string, string, string];
  if (!sameMac(signature, mac("form", `${id}.${nonce}.${issued}`))) return null;
  if (id !== consultationId || !/^[\w-]{22}$/.test(nonce)) return null;
  const issuedAt = parseInt(issued, 36);
  const age = now.getTime() - issuedAt;
  if (!Number.isFinite(issuedAt) || age < -60_000 || age > FORM_TOKEN_HOURS * 3_600_000) return null;
  return nonce;
}

/** The cookie that remembers this browser answered `consultationId`. */
export function participantCookieName(consultationId: string): string {
  return `tyc_${consultationId.replace(/-/g, "").slice(0, 16)}`;
}

/** A new participant id for the cookie, signed for the activity. */
export function newParticipantCookie(consultationId: string): string {
  const id = randomBytes(16).toString("base64url");
  return `${id}.${mac("participant-cookie", `${consultationId}.${id}`)}`;
}

/** The participant id in a genuine cookie for this activity; null otherwise. */
export function readParticipantCookie(value: string | undefined, consultationId: string): string | null {
  if (!value || value.length > 100) return null;
  const [id, signature, extra] = value.split(".");
  if (!id || !signature || extra !== undefined) return null;
  return sameMac(signature, mac("participant-cookie", `${consultationId}.${id}`)) ? id : null;
}

/** What identifies a participant in the database: a keyed hash, never the id or number itself. */
export function participantKey(kind: "browser" | "phone", value: string, consultationId: string): string {
  return `${kind}:${mac(`participant-${kind}`, `${consultationId}.${value}`)}`;
}

/** A phone verification code's keyed hash (six digits are too few to store plainly hashed). */
export function codeHash(consultationId: string, phoneKey: string, code: string): string {
  return mac("phone-code", `${consultationId}.${phoneKey}.${code}`);
}

export function sameCodeHash(a: string, b: string): boolean {
  return sameMac(a, b);
}
