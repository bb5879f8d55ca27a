import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv, type Env } from "@/lib/env";

// Channel credentials (WeChat app secret, Weibo access token, webhook signing secret) are stored
// encrypted in Channel.secrets: AES-256-GCM, the key derived (HKDF-SHA256) from CHANNEL_SECRET_KEY,
// so a database dump alone does not yield the accounts' credentials (like lib/auth/totp.ts).
// The embedded default generates a key once and keeps it beside its data (<dataDir>/channel-key,
// mode 0600), as scripts/start.ts does for AUTH_SECRET; with DATABASE_URL the key must be given.

const FORMAT = "v1";

/** Where the embedded default keeps its generated key. */
export function embeddedChannelKeyFile(env: Pick<Env, "dataDir"> = getEnv()): string {
  return path.join(env.dataDir, "channel-key");
}

/** The configured key material, or the embedded default's generated one. */
export function channelKeyMaterial(
  env: Pick<Env, "CHANNEL_SECRET_KEY" | "isEmbeddedDatabase" | "dataDir"> = getEnv(),
): string {
  if (env.CHANNEL_SECRET_KEY) return env.CHANNEL_SECRET_KEY;
  if (!env.isEmbeddedDatabase) {
    throw new Error(
      "CHANNEL_SECRET_KEY is not configured: it is required with DATABASE_URL to encrypt channel credentials (at least 32 random characters, e.g. openssl rand -base64 32).",
    );
  }
  const file = embeddedChannelKeyFile(env);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(env.dataDir, { recursive: true });
  const generated = randomBytes(32).toString("base64url");
  // "wx": never overwrite a key another process wrote meanwhile (that would orphan its secrets).
  try {
    writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
}

function deriveKey(material: string): Buffer {
  return Buffer.from(hkdfSync("sha256", material, "tongyuan", "channel-secret-encryption", 32));
}

/** Encrypts a channel's credentials as one opaque string (v1.<iv>.<tag>.<ciphertext>). */
export function encryptChannelSecrets(
  values: Record<string, string>,
  keyMaterial: string = channelKeyMaterial(),
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(keyMaterial), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(values), "utf8"), cipher.final()]);
  return [FORMAT, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(
    ".",
  );
}

/**
 * The credentials stored by encryptChannelSecrets; {} for a channel without any. Throws when the
 * value was altered or encrypted with another key (GCM authenticates it) — never returns garbage.
 */
export function decryptChannelSecrets(stored: string | null, keyMaterial?: string): Record<string, string> {
  if (stored === null || stored === "") return {};
  const [version, iv, tag, data, ...rest] = stored.split(".");
  if (version !== FORMAT || !iv || !tag || !data || rest.length > 0) throw new Error("渠道凭据格式无法识别。");
  let plain: string;
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      deriveKey(keyMaterial ?? channelKeyMaterial()),
      Buffer.from(iv, "base64url"),
    );
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    plain = Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("渠道凭据无法解密：密钥（CHANNEL_SECRET_KEY）不符或数据已被篡改。");
  }
  const parsed: unknown = JSON.parse(plain);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("渠道凭据格式无法识别。");
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}
