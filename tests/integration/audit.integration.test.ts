import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { exportAuditCsv, listAuditEvents } from "@/lib/audit/query";
import { authenticate } from "@/lib/auth/authenticate";
import { actorFor, fileDb, TEST_PASSWORD } from "./helpers";

const run = promisify(execFile);
const context = { ip: "192.0.2.10", userAgent: "vitest" };

async function auditVerify() {
  try {
    const { stdout } = await run(path.resolve("node_modules/.bin/tsx"), ["scripts/audit-verify.ts"], {
      env: process.env,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

describe("the audit log", () => {
  it("is append-only in the database itself", async () => {
    const db = await fileDb();
    const event = await db.auditEvent.findFirstOrThrow();
    // The app's own role holds no right to change or remove events at all …
    await expect(db.$executeRaw`update "AuditEvent" set action = 'x' where seq = ${event.seq}`).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.$executeRaw`delete from "AuditEvent" where seq = ${event.seq}`).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.$executeRawUnsafe('truncate "AuditEvent"')).rejects.toThrow(/permission denied/);
    // … and the triggers refuse even the owner, unless it disables them.
    const owner = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL });
    await owner.connect();
    try {
      await expect(
        owner.query(`update "AuditEvent" set action = 'x' where seq = $1`, [event.seq.toString()]),
      ).rejects.toThrow(/append-only/);
      await expect(owner.query(`delete from "AuditEvent" where seq = $1`, [event.seq.toString()])).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query('truncate "AuditEvent"')).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });

  it("audit:verify passes on an intact chain and names the first tampered event", async () => {
    const db = await fileDb();
    for (let i = 0; i < 3; i += 1) await authenticate({ username: "editor", password: TEST_PASSWORD }, context);
    expect((await verifyAuditChain(db)).firstBreak).toBeNull();
    const intact = await auditVerify();
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(/audit chain intact\): \d+ events verified/);

    // Someone with database superuser rights bypasses the trigger and edits an event.
    const victim = (await db.auditEvent.findMany({ orderBy: { seq: "asc" } }))[2]!;
    const client = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL });
    await client.connect();
    await client.query("set session_replication_role = replica");
    await client.query(`update "AuditEvent" set ip = '10.0.0.1' where seq = $1`, [victim.seq.toString()]);
    await client.end();

    expect((await verifyAuditChain(db)).firstBreak).toEqual({ seq: victim.seq, reason: "hash_mismatch" });
    const broken = await auditVerify();
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`#${victim.seq}`);
  });

  it("is readable and exportable by the audit administrator only", async () => {
    await fileDb();
    await authenticate({ username: "editor", password: "Wrong-Passw0rd" }, context);
    for (const username of ["admin", "secadmin", "supervisor", "editor"]) {
      const actor = await actorFor(username);
      await expect(listAuditEvents(actor, {}), username).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(exportAuditCsv(actor, {}), username).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const auditor = await actorFor("auditor");
    const failures = await listAuditEvents(auditor, { action: "auth.sign_in.failure" });
    expect(failures.total).toBe(1);
    expect(failures.events[0]).toMatchObject({ action: "auth.sign_in.failure", ip: "192.0.2.10" });
    await expect(listAuditEvents(auditor, { from: "2026/01/01" })).rejects.toMatchObject({ code: "INVALID" });

    const csv = await exportAuditCsv(auditor, { action: "auth." });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe('"序号","时间","操作人","角色","操作","对象","内容","IP","User-Agent","哈希"');
    expect(lines.some((line) => line.includes('"auth.sign_in.failure"'))).toBe(true);
    // Exporting is itself audited, with the role used.
    const listed = await listAuditEvents(auditor, { action: "audit.export" });
    expect(listed.events[0]).toMatchObject({ role: "AUDIT_ADMIN" });
  });
});
