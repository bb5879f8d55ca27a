import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

// The signed part of a draft-preview link: which resource, which revision, in which site and
// column, until when. HMAC-SHA256 with a key derived from AUTH_SECRET (its own purpose, so a
// preview signature can never stand for a session or a leaving-notice signature). The link is a
// capability only together with a session: opening it still requires a signed-in editor or
// reviewer of the resource (lib/sites/preview/access.ts).
//
// Layout (69 bytes, base64url): version 1 · resource · revision · site · column (16 bytes each,
// UUIDs) · expiry (uint32, Unix seconds); then "." and the 32-byte signature, base64url.

const VERSION = 1;
const PAYLOAD_BYTES = 1 + 16 * 4 + 4;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PreviewClaims = {
  resourceId: string;
  revisionId: string;
  siteId: string;
  columnId: string;
  expiresAt: Date;
};

export type PreviewTokenCheck =
  { ok: true; claims: PreviewClaims } | { ok: false; reason: "malformed" | "tampered" | "expired" };

const fallbackKey = randomBytes(32);

/** The signing key: derived from AUTH_SECRET (a process-local key when none is configured). */
export function previewKey(): Buffer {
  const secret = getEnv().AUTH_SECRET;
  return secret ? createHmac("sha256", secret).update("tongyuan:draft-preview-link:v1").digest() : fallbackKey;
}

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
  return Buffer.from(id.replace(/-/g, ""), "hex");
}

function uuidFrom(bytes: Buffer): string {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function sign(key: Buffer, payload: string): Buffer {
  return createHmac("sha256", key).update(`preview.${payload}`).digest();
}

/** A token for `claims` (expiry rounded down to the second). */
export function signPreviewToken(claims: PreviewClaims, key: Buffer = previewKey()): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  [claims.resourceId, claims.revisionId, claims.siteId, claims.columnId].forEach((id, index) =>
    uuidBytes(id).copy(payload, 1 + index * 16),
  );
  payload.writeUInt32BE(Math.floor(claims.expiresAt.getTime() / 1000), 1 + 16 * 4);
  const encoded = payload.toString("base64url");
  return `${encoded}.${sign(key, encoded).toString("base64url")}`;
}

/**
 * Checks a token's form, signature and expiry, in that order: a token whose signature does not
 * match says nothing about its contents, expired or not.
 */
export function verifyPreviewToken(token: unknown, now = new Date(), key: Buffer = previewKey()): PreviewTokenCheck {
  if (typeof token !== "string" || token.length > 200) return { ok: false, reason: "malformed" };
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, encoded, signature] = match as unknown as [string, string, string];
  const expected = sign(key, encoded);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "tampered" };
  const payload = Buffer.from(encoded, "base64url");
  if (payload.length !== PAYLOAD_BYTES || payload.readUInt8(0) !== VERSION) return { ok: false, reason: "malformed" };
  const id = (index: number) => uuidFrom(payload.subarray(1 + index * 16, 17 + index * 16));
  const expiresAt = new Date(payload.readUInt32BE(1 + 16 * 4) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { resourceId: id(0), revisionId: id(1), siteId: id(2), columnId: id(3), expiresAt } };
}
