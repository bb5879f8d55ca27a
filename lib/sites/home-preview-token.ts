import { createHmac, timingSafeEqual } from "node:crypto";
import { previewKey } from "@/lib/sites/preview/token";

// The signed part of a home-layout preview link, as draft previews of items are signed
// (lib/sites/preview/token.ts): which site, which draft version, until when. Its own key, derived
// from the preview key for this purpose only, so neither kind of link can stand for the other.
// Like the item preview, the link is a capability only together with a session: opening it still
// requires an administrator of the site (lib/sites/home-layout.ts openHomePreview).
//
// Layout (25 bytes, base64url): version 1 · site (16 bytes, UUID) · draft version (uint32) ·
// expiry (uint32, Unix seconds); then "." and the 32-byte signature, base64url.

const FORMAT = 1;
const PAYLOAD_BYTES = 1 + 16 + 4 + 4;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type HomePreviewClaims = { siteId: string; version: number; expiresAt: Date };
export type HomePreviewCheck =
  { ok: true; claims: HomePreviewClaims } | { ok: false; reason: "malformed" | "tampered" | "expired" };

function homeKey(): Buffer {
  return createHmac("sha256", previewKey()).update("tongyuan:home-layout-preview:v1").digest();
}

const sign = (key: Buffer, payload: string) => createHmac("sha256", key).update(`home.${payload}`).digest();

export function signHomePreviewToken(claims: HomePreviewClaims, key: Buffer = homeKey()): string {
  if (!UUID.test(claims.siteId)) throw new Error(`not a UUID: ${claims.siteId}`);
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(FORMAT, 0);
  Buffer.from(claims.siteId.replace(/-/g, ""), "hex").copy(payload, 1);
  payload.writeUInt32BE(claims.version, 17);
  payload.writeUInt32BE(Math.floor(claims.expiresAt.getTime() / 1000), 21);
  const encoded = payload.toString("base64url");
  return `${encoded}.${sign(key, encoded).toString("base64url")}`;
}

/** Form, signature, then expiry: a token whose signature fails says nothing about its contents. */
export function verifyHomePreviewToken(token: unknown, now = new Date(), key: Buffer = homeKey()): HomePreviewCheck {
  if (typeof token !== "string" || token.length > 120) return { ok: false, reason: "malformed" };
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, encoded, signature] = match as unknown as [string, string, string];
  const expected = sign(key, encoded);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "tampered" };
  const payload = Buffer.from(encoded, "base64url");
  if (payload.length !== PAYLOAD_BYTES || payload.readUInt8(0) !== FORMAT) return { ok: false, reason: "malformed" };
  const hex = payload.subarray(1, 17).toString("hex");
  const siteId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expiresAt = new Date(payload.readUInt32BE(21) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { siteId, version: payload.readUInt32BE(17), expiresAt } };
}
