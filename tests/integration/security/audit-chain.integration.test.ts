import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { recordAudit, hashAuditEvent } from "@/lib/audit/record";
import { verifyAudit } from "@/lib/audit/verify";
import {
  anchorConfig,
  checkpointFile,
  keyIdOf,
  lineHash,
  loadPublicKey,
  loadSigningKey,
  readCheckpoints,
  signCheckpoint,
  writeCheckpoint,
  type AnchorConfig,
} from "@/lib/audit/anchor";
import { exportAuditArchive, verifyAuditArchive } from "@/lib/audit/archive";
import { assertAppRoleConfined, inspectAppRole } from "@/lib/db/roles";
import { ConfigError, parseEnv } from "@/lib/env";

// The audit log cannot be quietly rewritten (issue #21, item 6). The app's own role cannot change
// or remove events at all; the owner (or a superuser) can, so the chain is anchored by signed
// checkpoints outside the database, and audit:verify names every missing or changed event.

const run = promisify(execFile);
let anchorDir: string;
let config: AnchorConfig;
let owner: pg.Client;

beforeAll(async () => {
  anchorDir = await fs.mkdtemp(path.join(os.tmpdir(), "tongyuan-audit-anchor-"));
  config = { dir: anchorDir };
  owner = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL });
  await owner.connect();
});

afterAll(async () => {
  await owner.end();
  await fs.rm(anchorDir, { recursive: true, force: true });
});

async function record(count: number, action = "test.event") {
  for (let i = 0; i < count; i += 1) {
    await getDb().$transaction((tx) =>
      recordAudit(tx, { actorId: null, action, subject: `s${i}`, data: { i }, ip: "192.0.2.1" }),
    );
  }
}

async function report() {
  return verifyAudit(getDb(), { checkpoints: await readCheckpoints(config), publicKey: await loadPublicKey(config) });
}

const messages = async () => (await report()).problems.map((problem) => problem.message);

/** Tampers as the owner (triggers disabled, as an attacker holding the owner's rights would), checks, then puts the table back. */
async function asOwnerTampering(tamper: (client: pg.Client) => Promise<void>, check: () => Promise<void>) {
  await owner.query(`drop table if exists audit_backup; create table audit_backup as select * from "AuditEvent"`);
  await owner.query("begin");
  await owner.query(`alter table "AuditEvent" disable trigger user`);
  await tamper(owner);
  await owner.query(`alter table "AuditEvent" enable trigger user`);
  await owner.query("commit");
  try {
    await check();
  } finally {
    await owner.query("begin");
    await owner.query(`alter table "AuditEvent" disable trigger user`);
    await owner.query(`delete from "AuditEvent"; insert into "AuditEvent" select * from audit_backup`);
    await owner.query(`alter table "AuditEvent" enable trigger user`);
    await owner.query("commit");
  }
}

async function auditVerifyCli(...args: string[]) {
  const env = { ...process.env, AUDIT_ANCHOR_DIR: anchorDir };
  try {
    const { stdout, stderr } = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/audit-verify.ts", ...args], {
      env,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

describe("the app's database role", () => {
  it("is not a superuser and cannot delete, truncate, update or disable the triggers of AuditEvent", async () => {
    await record(2);
    const db = getDb();
    const rows = await db.$queryRaw<{ is_superuser: string }[]>`select current_setting('is_superuser') as is_superuser`;
    expect(rows[0]!.is_superuser).toBe("off");
    await expect(db.$executeRawUnsafe(`delete from "AuditEvent"`)).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe(`truncate "AuditEvent"`)).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe(`update "AuditEvent" set ip = '10.0.0.1'`)).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe(`alter table "AuditEvent" disable trigger user`)).rejects.toThrow(
      /must be owner/,
    );
    await expect(
      db.$executeRawUnsafe(`alter table "AuditEvent" disable trigger "AuditEvent_no_update_or_delete"`),
    ).rejects.toThrow(/must be owner/);
    await expect(db.$executeRawUnsafe(`set session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe(`drop table "AuditEvent"`)).rejects.toThrow(/must be owner/);
    // No new tables either: the schema is the owner's.
    await expect(db.$executeRawUnsafe(`create table intruder (id int)`)).rejects.toThrow(/permission denied/);
    expect(await inspectAppRole(process.env.DATABASE_URL!)).toEqual({
      superuser: false,
      ownsAuditEvent: false,
      canTamper: false,
    });
    expect(await db.auditEvent.count()).toBe(2);
    // Other tables stay writable for the app, as before.
    await db.platformState.create({ data: { key: "role-check", value: 1 } });
    await db.platformState.delete({ where: { key: "role-check" } });
  });

  it("refuses to start as a role that could rewrite the log, and two URLs of one role", async () => {
    await expect(assertAppRoleConfined(process.env.DATABASE_OWNER_URL!)).rejects.toThrow(/superuser/);
    await expect(assertAppRoleConfined(process.env.DATABASE_OWNER_URL!)).rejects.toBeInstanceOf(ConfigError);
    expect(() =>
      parseEnv({
        DATABASE_URL: "postgresql://tongyuan:x@db/tongyuan",
        DATABASE_OWNER_URL: "postgresql://tongyuan:y@db/tongyuan",
        AUTH_SECRET: "a".repeat(32),
      }),
    ).toThrow(/DATABASE_URL: must name a different role/);
    expect(
      parseEnv({
        DATABASE_URL: "postgresql://app:x@db/t",
        MIGRATION_DATABASE_URL: "postgresql://own:y@db/t",
        AUTH_SECRET: "a".repeat(32),
      }).databaseOwnerUrl,
    ).toBe("postgresql://own:y@db/t");
  });
});

describe("audit event numbers", () => {
  it("have no gaps, even when a writer rolls back or many write at once", async () => {
    const before = (await getDb().auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
    await expect(
      getDb().$transaction(async (tx) => {
        await recordAudit(tx, { actorId: null, action: "test.rolled_back" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    // Fewer writers than the pool's connections, with room to wait for the chain's lock on a busy machine.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        getDb().$transaction((tx) => recordAudit(tx, { actorId: null, action: "test.concurrent", data: { i } }), {
          maxWait: 30_000,
          timeout: 30_000,
        }),
      ),
    );
    const seqs = (
      await getDb().auditEvent.findMany({
        where: { seq: { gt: before } },
        orderBy: { seq: "asc" },
        select: { seq: true },
      })
    ).map((event) => event.seq);
    expect(seqs).toEqual(Array.from({ length: 8 }, (_, i) => before + BigInt(i) + 1n));
  });
});

describe("the anchored chain", () => {
  // Events #1… exist from the tests above; the anchor covers them too.
  let first: bigint;
  let newest: bigint;

  beforeAll(async () => {
    await record(10);
    const one = await writeCheckpoint(getDb(), config);
    await record(20);
    const two = await writeCheckpoint(getDb(), config);
    first = BigInt(one!.seq);
    newest = BigInt(two!.seq);
    expect(newest - first).toBe(20n);
  });

  it("verifies clean, with both checkpoints, and a checkpoint is written only when the log moved", async () => {
    expect(await writeCheckpoint(getDb(), config)).toBeNull();
    const clean = await report();
    expect(clean.problems).toEqual([]);
    expect(clean.checkpoints).toBe(2);
    expect(clean.newestSeq).toBe(newest);
    const cli = await auditVerifyCli();
    expect(cli.code).toBe(0);
    expect(cli.output).toContain(`numbered without gaps to #${newest}`);
    expect(cli.output).toContain("2 signed checkpoint(s) matched");
  }, 180_000);

  it("names the last event deleted by the owner", async () => {
    await asOwnerTampering(
      (client) => client.query(`delete from "AuditEvent" where seq = $1`, [newest.toString()]).then(() => {}),
      async () => expect(await messages()).toEqual([expect.stringContaining(`事件 #${newest} 缺失`)]),
    );
  });

  it("names the last 20 events deleted by the owner (audit:verify exits 1)", async () => {
    await asOwnerTampering(
      (client) => client.query(`delete from "AuditEvent" where seq > $1`, [(newest - 20n).toString()]).then(() => {}),
      async () => {
        expect(await messages()).toEqual([expect.stringContaining(`事件 #${newest - 19n}–#${newest} 缺失`)]);
        const cli = await auditVerifyCli();
        expect(cli.code).toBe(1);
        expect(cli.output).toContain(`事件 #${newest - 19n}–#${newest} 缺失`);
      },
    );
  }, 180_000);

  it("names every event when all were deleted", async () => {
    await asOwnerTampering(
      (client) => client.query(`delete from "AuditEvent"`).then(() => {}),
      async () => expect(await messages()).toEqual([expect.stringContaining(`事件 #1–#${newest} 缺失`)]),
    );
  });

  it("names an event removed from the middle even when every later hash was recomputed", async () => {
    const victim = first + 5n;
    await asOwnerTampering(
      async (client) => {
        await client.query(`delete from "AuditEvent" where seq = $1`, [victim.toString()]);
        await rehashFrom(client, victim + 1n);
      },
      async () => {
        const found = await messages();
        expect(found).toContainEqual(expect.stringContaining(`事件 #${victim} 缺失`));
        expect(found).toContainEqual(expect.stringContaining(`事件 #${newest} 与检查点 #2 不符`));
      },
    );
  });

  it("names a changed event whose later hashes were all recomputed with the app's own function", async () => {
    const victim = first + 2n;
    const archive = await exportAuditArchive(getDb(), {
      before: new Date(Date.now() + 60_000),
      outDir: path.join(anchorDir, "archives"),
      key: await loadSigningKey(config, { create: false }),
    });
    await asOwnerTampering(
      async (client) => {
        await client.query(`update "AuditEvent" set ip = '10.6.6.6' where seq = $1`, [victim.toString()]);
        await rehashFrom(client, victim);
      },
      async () => {
        const chain = await report();
        // The chain itself is consistent again; only the anchor shows the change, and where.
        expect(chain.firstBreak).toBeNull();
        expect(chain.problems.map((problem) => problem.message)).toEqual([
          expect.stringContaining(`事件 #${newest} 与检查点 #2 不符：事件 #${first + 1n}–#${newest} 中有事件被改动`),
        ]);
        // An archive taken before the change names the very event.
        const against = await verifyAuditArchive(archive.file, await loadPublicKey(config), getDb());
        expect(against.problems).toContainEqual(expect.stringContaining(`数据库中事件 #${victim} 与归档不符`));
      },
    );
  });

  it("names a checkpoint forged with another key", async () => {
    const lines = await readCheckpoints(config);
    const last = lines.at(-1)!;
    const { privateKey: otherKey } = generateKeyPairSync("ed25519");
    const forged = signCheckpoint(
      {
        n: last.checkpoint!.n + 1,
        seq: (newest + 5n).toString(),
        hash: "f".repeat(64),
        at: new Date().toISOString(),
        prev: lineHash(last.text),
        keyId: keyIdOf(otherKey),
      },
      otherKey,
    );
    const file = checkpointFile(config);
    const original = await fs.readFile(file, "utf8");
    await fs.appendFile(file, `${JSON.stringify(forged)}\n`);
    try {
      const found = await messages();
      expect(found).toEqual([expect.stringContaining(`检查点 #${forged.n} 签名无效`)]);
      // Removing a checkpoint from the middle of the file shows too.
      const kept = original.split("\n").filter(Boolean);
      await fs.writeFile(file, `${kept.slice(1).join("\n")}\n`);
      expect(await messages()).toContainEqual(expect.stringContaining("检查点 #1 缺失"));
    } finally {
      await fs.writeFile(file, original);
    }
    expect((await report()).problems).toEqual([]);
  });
});

describe("archive export", () => {
  it("exports events older than a date, signed, deletes nothing, and a tampered archive fails", async () => {
    await record(3, "test.archive");
    const countBefore = await getDb().auditEvent.count();
    const key = await loadSigningKey(config, { create: true });
    const result = await exportAuditArchive(getDb(), {
      before: new Date(Date.now() + 60_000),
      outDir: path.join(anchorDir, "archives"),
      key,
    });
    expect(result.count).toBe(countBefore);
    expect(result.firstSeq).toBe("1");
    // Nothing left the live table; the export itself is an audit event.
    expect(await getDb().auditEvent.count()).toBe(countBefore + 1);
    expect((await getDb().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).action).toBe("audit.archive");

    const publicKey = await loadPublicKey(config);
    expect((await verifyAuditArchive(result.file, publicKey, getDb())).problems).toEqual([]);

    const original = await fs.readFile(result.file, "utf8");
    // One changed address: the signature fails, and the event is named.
    const lines = original.split("\n");
    const index = lines.findIndex((line) => line.includes('"action":"test.archive"'));
    const seq = (JSON.parse(lines[index]!) as { seq: string }).seq;
    lines[index] = lines[index]!.replace('"ip":"192.0.2.1"', '"ip":"192.0.2.99"');
    await fs.writeFile(result.file, lines.join("\n"));
    const tampered = await verifyAuditArchive(result.file, publicKey);
    expect(tampered.problems).toContainEqual(expect.stringContaining("归档签名无效"));
    expect(tampered.problems).toContainEqual(expect.stringContaining(`归档中事件 #${seq} 已被改动`));
    // A line removed and the file re-signed with another key: still refused.
    const { privateKey: otherKey } = generateKeyPairSync("ed25519");
    const shortened = original
      .split("\n")
      .filter((_, i) => i !== index)
      .join("\n");
    await fs.writeFile(result.file, shortened);
    const { sign } = await import("node:crypto");
    await fs.writeFile(`${result.file}.sig`, sign(null, Buffer.from(shortened), otherKey).toString("base64"));
    const resigned = await verifyAuditArchive(result.file, publicKey);
    expect(resigned.problems).toContainEqual(expect.stringContaining("归档签名无效"));
    expect(resigned.problems).toContainEqual(expect.stringContaining(`归档中事件 #${seq}`));
    const cliTampered = await auditVerifyCli("--archive", result.file);
    expect(cliTampered.code).toBe(1);
    expect(cliTampered.output).toContain("归档签名无效");
  }, 180_000);

  it("keeps its key outside the database: generated once into the anchor folder, public key beside it", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tongyuan-audit-key-"));
    try {
      const env = parseEnv({ AUDIT_ANCHOR_DIR: dir });
      const first = await loadSigningKey(anchorConfig(env), { create: true });
      const again = await loadSigningKey(anchorConfig(env), { create: true });
      expect(keyIdOf(again)).toBe(keyIdOf(first));
      expect(keyIdOf(await loadPublicKey(anchorConfig(env)))).toBe(keyIdOf(first));
      expect((await fs.stat(path.join(dir, "signing-key.pem"))).mode & 0o077).toBe(0);
      const { rows } = await owner.query(
        `select count(*)::int as n from "PlatformState" where value::text like '%PRIVATE KEY%'`,
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

/** What an attacker with the owner's rights does after a change: recompute every later hash with the app's own function. */
async function rehashFrom(client: pg.Client, from: bigint) {
  const { rows: before } = await client.query<{ hash: string }>(
    `select hash from "AuditEvent" where seq < $1 order by seq desc limit 1`,
    [from.toString()],
  );
  let prevHash = before[0]?.hash ?? "0".repeat(64);
  const { rows } = await client.query<{
    seq: string;
    at: string;
    actorId: string | null;
    role: string | null;
    action: string;
    subject: string | null;
    data: Record<string, unknown>;
    ip: string | null;
    userAgent: string | null;
  }>(
    `select seq, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, "actorId", role, action, subject, data, ip, "userAgent"
     from "AuditEvent" where seq >= $1 order by seq`,
    [from.toString()],
  );
  for (const row of rows) {
    const hash = hashAuditEvent(prevHash, { ...row, at: new Date(row.at) });
    await client.query(`update "AuditEvent" set "prevHash" = $1, hash = $2 where seq = $3`, [prevHash, hash, row.seq]);
    prevHash = hash;
  }
}
