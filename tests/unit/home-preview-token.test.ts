import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signHomePreviewToken, verifyHomePreviewToken } from "@/lib/sites/home-preview-token";

// The home-layout preview link's signed part: it says which site and draft version until when,
// and nothing else is believed of it.

const KEY = randomBytes(32);
const SITE = "0b8f6a1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b";
const NOW = new Date("2026-12-06T04:00:00Z");
const claims = { siteId: SITE, version: 7, expiresAt: new Date("2026-12-06T04:30:00Z") };

describe("home preview tokens", () => {
  it("round-trips the site, the draft version and the expiry", () => {
    const token = signHomePreviewToken(claims, KEY);
    expect(verifyHomePreviewToken(token, NOW, KEY)).toEqual({ ok: true, claims });
  });

  it("refuses another key, a changed payload, an expired link and what is not a token", () => {
    const token = signHomePreviewToken(claims, KEY);
    expect(verifyHomePreviewToken(token, NOW, randomBytes(32))).toEqual({ ok: false, reason: "tampered" });
    const other = signHomePreviewToken({ ...claims, version: 8 }, KEY);
    const swapped = `${other.split(".")[0]}.${token.split(".")[1]}`;
    expect(verifyHomePreviewToken(swapped, NOW, KEY)).toEqual({ ok: false, reason: "tampered" });
    expect(verifyHomePreviewToken(token, claims.expiresAt, KEY)).toEqual({ ok: false, reason: "expired" });
    for (const bad of [undefined, 42, "", "abc", `${token}x`, "a".repeat(500)])
      expect(verifyHomePreviewToken(bad, NOW, KEY).ok).toBe(false);
  });
});
