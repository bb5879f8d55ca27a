import { afterAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";

// A letter's password is drawn by the server: it is kept as a keyed HMAC (key from AUTH_SECRET),
// and hashes written by argon2 before still verify.

const original = process.env.AUTH_SECRET;

/** The module as a process configured with `secret` (none: undefined) sees it. */
async function withSecret(secret: string | undefined) {
  if (secret === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = secret;
  vi.resetModules();
  return import("@/lib/interaction/letter-password");
}

afterAll(() => {
  if (original === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = original;
});

describe("letter passwords", () => {
  it("are kept as a keyed HMAC that only the right password and the same key open", async () => {
    const keyed = await withSecret("letter-password-test-secret-0123456789");
    const stored = await keyed.hashLetterPassword("K7MPQ2RT");
    expect(stored).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(stored).not.toContain("K7MPQ2RT");
    expect(await keyed.verifyLetterPassword(stored, "K7MPQ2RT")).toBe(true);
    expect(await keyed.verifyLetterPassword(stored, "K7MPQ2RU")).toBe(false);
    expect(await keyed.verifyLetterPassword("hmac-sha256:00", "K7MPQ2RT")).toBe(false);
    // Another key (AUTH_SECRET changed) or none opens nothing.
    const rotated = await withSecret("another-secret-another-secret-0123456");
    expect(await rotated.verifyLetterPassword(stored, "K7MPQ2RT")).toBe(false);
    const unkeyed = await withSecret(undefined);
    expect(await unkeyed.verifyLetterPassword(stored, "K7MPQ2RT")).toBe(false);
  });

  it("still open argon2 hashes, and fall back to argon2 without AUTH_SECRET", async () => {
    const keyed = await withSecret("letter-password-test-secret-0123456789");
    const legacy = await hashPassword("W3XHN8EA");
    expect(await keyed.verifyLetterPassword(legacy, "W3XHN8EA")).toBe(true);
    expect(await keyed.verifyLetterPassword(legacy, "W3XHN8EB")).toBe(false);
    const unkeyed = await withSecret(undefined);
    const stored = await unkeyed.hashLetterPassword("Z5CVB9SJ");
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await unkeyed.verifyLetterPassword(stored, "Z5CVB9SJ")).toBe(true);
  });
});
