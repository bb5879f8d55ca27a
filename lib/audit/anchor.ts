import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { GENESIS_HASH } from "@/lib/audit/record";
import { canonicalJson } from "@/lib/json/canonical";

// The audit chain's anchor outside the database. Whoever can rewrite the AuditEvent table (the
// schema owner, a superuser, someone with the disk) can delete its newest events or change one and
// recompute every later hash; the chain alone cannot show either. So every few minutes, and at
// each process start, the newest event's sequence number and hash are signed with an Ed25519 key
// that is not in the database and appended to a file outside it (and to the process log).
// audit:verify then checks the table against every checkpoint. Checkpoints chain too (each names
// the SHA-256 of the line before it), so a removed or reordered checkpoint shows.

export type AnchorConfig = {
  /** Holds signing-key.pem, signing-key.pub.pem and checkpoints.ndjson. */
  dir: string;
  /** The signing key as PKCS#8 PEM, instead of the key file. */
  signingKeyPem?: string;
  /** The public key to verify with, instead of the one beside the signing key. */
  publicKeyFile?: string;
};

export type Checkpoint = {
  /** Checkpoint number, 1, 2, 3 … in the file. */
  n: number;
  /** Sequence number of the newest event when signed ("0" for an empty log). */
  seq: string;
  hash: string;
  at: string;
  /** SHA-256 of the previous checkpoint's line. */
  prev: string;
  keyId: string;
  sig: string;
};

export const CHECKPOINT_FILE = "checkpoints.ndjson";
const KEY_FILE = "signing-key.pem";
const PUBLIC_KEY_FILE = "signing-key.pub.pem";
const CHECKPOINT_LOCK = 7_245_006;

export function anchorConfig(env: Env): AnchorConfig {
  return { dir: env.auditAnchorDir, signingKeyPem: env.AUDIT_SIGNING_KEY, publicKeyFile: env.AUDIT_PUBLIC_KEY_FILE };
}

export function checkpointFile(config: AnchorConfig): string {
  return path.join(config.dir, CHECKPOINT_FILE);
}

/** The signing key: configured, kept in the anchor folder, or (with `create`) generated there with its public key beside it. */
export async function loadSigningKey(config: AnchorConfig, options: { create: boolean }): Promise<KeyObject> {
  if (config.signingKeyPem) return createPrivateKey(config.signingKeyPem.replaceAll("\\n", "\n"));
  const file = path.join(config.dir, KEY_FILE);
  if (!existsSync(file)) {
    if (!options.create) throw new Error(`审计签名密钥不存在 (no audit signing key at ${file})`);
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    await fs.mkdir(config.dir, { recursive: true });
    try {
      // "wx": two processes starting together keep the first key written.
      await fs.writeFile(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
      await fs.writeFile(path.join(config.dir, PUBLIC_KEY_FILE), publicKey.export({ type: "spki", format: "pem" }), {
        mode: 0o644,
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
  }
  return createPrivateKey(await fs.readFile(file, "utf8"));
}

/** The public key checkpoints and archives are verified with. */
export async function loadPublicKey(config: AnchorConfig): Promise<KeyObject> {
  const file = config.publicKeyFile ?? path.join(config.dir, PUBLIC_KEY_FILE);
  if (existsSync(file)) return createPublicKey(await fs.readFile(file, "utf8"));
  if (config.signingKeyPem) return createPublicKey(createPrivateKey(config.signingKeyPem.replaceAll("\\n", "\n")));
  throw new Error(`审计公钥不存在 (no audit public key at ${file})`);
}

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

function signedText(checkpoint: Omit<Checkpoint, "sig">): string {
  const { n, seq, hash, at, prev, keyId } = checkpoint;
  return canonicalJson({ n, seq, hash, at, prev, keyId });
}

export function signCheckpoint(body: Omit<Checkpoint, "sig">, key: KeyObject): Checkpoint {
  return { ...body, sig: sign(null, Buffer.from(signedText(body)), key).toString("base64") };
}

export function isCheckpointSignatureValid(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(signedText(checkpoint)), publicKey, Buffer.from(checkpoint.sig, "base64"));
  } catch {
    return false;
  }
}

export const lineHash = (line: string) => createHash("sha256").update(line).digest("hex");

export type CheckpointLine = { line: number; text: string; checkpoint: Checkpoint | null };

function parseCheckpoint(text: string): Checkpoint | null {
  try {
    const value = JSON.parse(text) as Partial<Checkpoint>;
    const ok =
      Number.isInteger(value.n) &&
      typeof value.seq === "string" &&
      /^\d+$/.test(value.seq) &&
      typeof value.hash === "string" &&
      typeof value.at === "string" &&
      typeof value.prev === "string" &&
      typeof value.keyId === "string" &&
      typeof value.sig === "string";
    return ok ? (value as Checkpoint) : null;
  } catch {
    return null;
  }
}

/** Every line of the checkpoint file, parsed (null where a line is not a checkpoint). */
export async function readCheckpoints(config: AnchorConfig): Promise<CheckpointLine[]> {
  const file = checkpointFile(config);
  if (!existsSync(file)) return [];
  const lines = (await fs.readFile(file, "utf8")).split("\n");
  return lines.flatMap((text, index) =>
    text.trim() ? [{ line: index + 1, text, checkpoint: parseCheckpoint(text) }] : [],
  );
}

/** The file's last line, read from its end (the file grows by a line every few minutes, for years). */
async function readLastLine(file: string): Promise<string | null> {
  if (!existsSync(file)) return null;
  const handle = await fs.open(file, "r");
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer
      .toString("utf8")
      .split("\n")
      .filter((line) => line.trim());
    return lines.at(-1) ?? null;
  } finally {
    await handle.close();
  }
}

/**
 * Appends a signed checkpoint of the newest audit event, unless the newest checkpoint already
 * names it. Writers in every process take one advisory lock, so numbers and links stay in order
 * when the app and the worker share the file.
 */
export async function writeCheckpoint(
  db: Db,
  config: AnchorConfig,
  log: (message: string) => void = () => {},
): Promise<Checkpoint | null> {
  const key = await loadSigningKey(config, { create: true });
  const file = checkpointFile(config);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(${CHECKPOINT_LOCK})`;
    const newest = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    const seq = (newest?.seq ?? 0n).toString();
    const hash = newest?.hash ?? GENESIS_HASH;
    const lastLine = await readLastLine(file);
    const last = lastLine ? parseCheckpoint(lastLine) : null;
    if (last && last.seq === seq && last.hash === hash) return null;
    const checkpoint = signCheckpoint(
      {
        n: (last?.n ?? 0) + 1,
        seq,
        hash,
        at: new Date().toISOString(),
        prev: lastLine ? lineHash(lastLine) : GENESIS_HASH,
        keyId: keyIdOf(key),
      },
      key,
    );
    await fs.mkdir(config.dir, { recursive: true });
    await fs.appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o644 });
    // The process log is a second copy outside the database (journald / docker's log driver / syslog).
    log(`[audit] 审计检查点 #${checkpoint.n}：事件 #${seq} ${hash} 签名 ${checkpoint.sig}`);
    return checkpoint;
  });
}
