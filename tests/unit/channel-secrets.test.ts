import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { channelKeyMaterial, decryptChannelSecrets, encryptChannelSecrets } from "@/lib/channels/secrets";

const KEY = "unit-test-channel-key-of-at-least-32-characters";
const OTHER_KEY = "another-channel-key-of-at-least-32-characters!";

describe("channel secrets", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("round-trips credentials and never stores them in plain text", () => {
    const values = { appSecret: "wx-secret-值", accessToken: "2.00abc" };
    const stored = encryptChannelSecrets(values, KEY);
    expect(stored).not.toContain("wx-secret");
    expect(stored).not.toContain("2.00abc");
    expect(decryptChannelSecrets(stored, KEY)).toEqual(values);
    // A fresh IV each time: equal credentials do not give equal ciphertexts.
    expect(encryptChannelSecrets(values, KEY)).not.toBe(stored);
  });

  it("treats a channel without credentials as empty", () => {
    expect(decryptChannelSecrets(null, KEY)).toEqual({});
    expect(decryptChannelSecrets("", KEY)).toEqual({});
  });

  it("detects tampering", () => {
    const stored = encryptChannelSecrets({ signingSecret: "s3cret" }, KEY);
    const [version, iv, tag, data] = stored.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptChannelSecrets([version, iv, tag, flipped.toString("base64url")].join("."), KEY)).toThrow(
      /篡改/,
    );
    expect(() => decryptChannelSecrets("v2.a.b.c", KEY)).toThrow(/格式/);
    expect(() => decryptChannelSecrets("not encrypted", KEY)).toThrow(/格式/);
  });

  it("refuses a wrong key", () => {
    const stored = encryptChannelSecrets({ signingSecret: "s3cret" }, KEY);
    expect(() => decryptChannelSecrets(stored, OTHER_KEY)).toThrow(/CHANNEL_SECRET_KEY/);
  });

  it("requires CHANNEL_SECRET_KEY with DATABASE_URL", () => {
    expect(() =>
      channelKeyMaterial({ CHANNEL_SECRET_KEY: undefined, isEmbeddedDatabase: false, dataDir: "/nonexistent" }),
    ).toThrow(/CHANNEL_SECRET_KEY/);
    expect(channelKeyMaterial({ CHANNEL_SECRET_KEY: KEY, isEmbeddedDatabase: false, dataDir: "/nonexistent" })).toBe(
      KEY,
    );
  });

  it("generates the embedded default's key once, readable only by its owner", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "channel-key-"));
    dirs.push(dataDir);
    const env = { CHANNEL_SECRET_KEY: undefined, isEmbeddedDatabase: true, dataDir };
    const first = channelKeyMaterial(env);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, "channel-key");
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(channelKeyMaterial(env)).toBe(first);
    const stored = encryptChannelSecrets({ appSecret: "x" }, channelKeyMaterial(env));
    expect(decryptChannelSecrets(stored, channelKeyMaterial(env))).toEqual({ appSecret: "x" });
  });
});
