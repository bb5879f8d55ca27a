import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPreviewToken, verifyPreviewToken, type PreviewClaims } from "@/lib/sites/preview/token";
import { previewLinkRefusal, previewRefusalHtml } from "@/lib/sites/preview/refusal";

const key = randomBytes(32);
const now = new Date("2026-12-06T08:00:00Z");
const claims: PreviewClaims = {
  resourceId: randomUUID(),
  revisionId: randomUUID(),
  siteId: randomUUID(),
  columnId: randomUUID(),
  expiresAt: new Date(now.getTime() + 30 * 60_000),
};

/** The token with one character of its payload part changed. */
function altered(token: string, at: number): string {
  const chars = [...token];
  chars[at] = chars[at] === "A" ? "B" : "A";
  return chars.join("");
}

describe("draft-preview link tokens", () => {
  it("carry resource, revision, site, column and expiry, and verify with the key that signed them", () => {
    const token = signPreviewToken(claims, key);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyPreviewToken(token, now, key)).toEqual({ ok: true, claims });
  });

  it("expire: valid up to the last second before expiry, refused from it on", () => {
    const token = signPreviewToken(claims, key);
    expect(verifyPreviewToken(token, new Date(claims.expiresAt.getTime() - 1000), key).ok).toBe(true);
    expect(verifyPreviewToken(token, claims.expiresAt, key)).toEqual({ ok: false, reason: "expired" });
    expect(verifyPreviewToken(token, new Date(claims.expiresAt.getTime() + 86_400_000), key)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuse any change to the payload or the signature as tampered", () => {
    const token = signPreviewToken(claims, key);
    const dot = token.indexOf(".");
    for (const at of [0, 5, 30, dot - 2, dot + 1, token.length - 2]) {
      expect(verifyPreviewToken(altered(token, at), now, key), `position ${at}`).toEqual({
        ok: false,
        reason: "tampered",
      });
    }
  });

  it("refuse a later expiry written into a signed token, and the payload of one with another's signature", () => {
    const token = signPreviewToken(claims, key);
    const longer = signPreviewToken({ ...claims, expiresAt: new Date(now.getTime() + 86_400_000) }, key);
    const forged = `${longer.split(".")[0]}.${token.split(".")[1]}`;
    expect(verifyPreviewToken(forged, now, key)).toEqual({ ok: false, reason: "tampered" });
    const otherResource = signPreviewToken({ ...claims, resourceId: randomUUID() }, key);
    expect(verifyPreviewToken(`${otherResource.split(".")[0]}.${token.split(".")[1]}`, now, key).ok).toBe(false);
  });

  it("refuse a token signed with another key (another platform, a changed AUTH_SECRET)", () => {
    const token = signPreviewToken(claims, randomBytes(32));
    expect(verifyPreviewToken(token, now, key)).toEqual({ ok: false, reason: "tampered" });
  });

  it("refuse what is not a token at all as malformed", () => {
    for (const value of [undefined, 42, "", "abc", "a.b", `${"A".repeat(300)}.${"A".repeat(43)}`, ["x"], "é.é"]) {
      expect(verifyPreviewToken(value, now, key)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("refuse a correctly signed payload of another length or version as malformed", () => {
    // Signed as lib/sites/preview/token.ts signs: what a future format or a bug might produce.
    const signed = (payload: Buffer) => {
      const encoded = payload.toString("base64url");
      return `${encoded}.${createHmac("sha256", key).update(`preview.${encoded}`).digest("base64url")}`;
    };
    const [payload] = signPreviewToken(claims, key).split(".");
    const bytes = Buffer.from(payload!, "base64url");
    expect(verifyPreviewToken(signed(bytes), now, key).ok).toBe(true);
    expect(verifyPreviewToken(signed(bytes.subarray(0, 60)), now, key)).toEqual({ ok: false, reason: "malformed" });
    const version2 = Buffer.from(bytes);
    version2.writeUInt8(2, 0);
    expect(verifyPreviewToken(signed(version2), now, key)).toEqual({ ok: false, reason: "malformed" });
  });

  it("say which refusal it is, in Chinese, with a 403 for expired and a 404 for altered links", () => {
    const token = signPreviewToken(claims);
    expect(previewLinkRefusal(token, now)).toBeNull();
    expect(previewLinkRefusal(token, claims.expiresAt)).toMatchObject({ status: 403, title: "预览链接已过期" });
    expect(previewLinkRefusal(altered(token, 3), now)).toMatchObject({ status: 404, title: "预览链接无效" });
    const refusal = previewLinkRefusal("not-a-token", now)!;
    expect(refusal.status).toBe(404);
    expect(previewRefusalHtml({ status: 403, title: "预览链接已过期", body: "<b>" })).toContain("&lt;b&gt;");
    expect(previewRefusalHtml(refusal)).toContain('<meta name="robots" content="noindex, nofollow">');
  });
});
