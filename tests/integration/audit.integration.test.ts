import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { exportAuditCsv, getAuditEvent, listAuditEvents } from "@/lib/audit/query";
import { describeAuditSubjects } from "@/lib/audit/subjects";
import { setUserActive } from "@/lib/org/users";
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

    const csv = await exportAuditCsv(auditor, { category: "account" });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe(
      '"序号","时间","操作人","用户名","角色","操作类别","操作","对象","内容","IP","浏览器标识","哈希","操作代码"',
    );
    // The action in words, the code only in the last, extra column.
    const failure = lines.find((line) => line.endsWith('"auth.sign_in.failure"'));
    expect(failure).toContain('"登录与账号","登录失败"');
    expect(failure).toContain(`"原因：密码错误；用户名：editor"`);
    // Exporting is itself audited, with the role used.
    const listed = await listAuditEvents(auditor, { action: "audit.export" });
    expect(listed.events[0]).toMatchObject({ role: "审计管理员", actionLabel: "导出审计记录", categoryLabel: "审计" });
  });

  it("filters by action category, action and person, in words, with subjects named and linked", async () => {
    const db = await fileDb();
    await authenticate({ username: "editor", password: "Wrong-Passw0rd" }, context);
    await authenticate({ username: "editor", password: TEST_PASSWORD }, context);
    const [auditor, admin] = [await actorFor("auditor"), await actorFor("admin")];
    const editor = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
    await setUserActive(admin, editor.id, false, context);
    await setUserActive(admin, editor.id, true, context);

    const account = await listAuditEvents(auditor, { category: "account" });
    expect(account.total).toBeGreaterThanOrEqual(2);
    expect(account.events.every((event) => /^(auth|account)\./.test(event.action))).toBe(true);
    expect(account.events.every((event) => event.categoryLabel === "登录与账号")).toBe(true);
    const registry = await listAuditEvents(auditor, { category: "registry" });
    expect(registry.total).toBeGreaterThan(0);
    expect(registry.events.every((event) => event.action.startsWith("registry."))).toBe(true);
    // Categories partition the log: their totals add up to every event.
    const all = await listAuditEvents(auditor, {});
    let sum = 0;
    for (const category of ["account", "users", "security", "resource", "review", "publish", "channel", "registry"])
      sum += (await listAuditEvents(auditor, { category })).total;
    for (const category of ["site", "audit", "system"]) sum += (await listAuditEvents(auditor, { category })).total;
    expect(sum).toBe(all.total);

    // One action of the list, by a person named by part of their name or by user name.
    const deactivated = await listAuditEvents(auditor, { action: "user.deactivate", actor: "admin" });
    expect(deactivated.total).toBe(1);
    const byName = await listAuditEvents(auditor, { actor: editor.displayName.slice(0, 2), category: "account" });
    expect(byName.events.length).toBeGreaterThan(0);
    expect(byName.events.every((event) => event.actor?.username === editor.username)).toBe(true);
    const row = deactivated.events[0]!;
    expect(row).toMatchObject({
      actionLabel: "停用用户",
      categoryLabel: "用户、角色与组织",
      role: "系统管理员",
      summary: "修改：启用",
      subject: { kind: "用户", name: editor.displayName, loginName: "editor", href: null },
    });
    expect(row.actor).toMatchObject({ username: "admin" });

    // A free prefix or an unknown category is refused with a Chinese message, not a 5xx.
    for (const bad of [{ action: "auth." }, { category: "auth" }, { action: "test.rolled_back" }])
      await expect(listAuditEvents(auditor, bad)).rejects.toMatchObject({ code: "INVALID", message: /操作/ });

    // The detail: a before/after table with Chinese field names and values.
    const detail = await getAuditEvent(auditor, row.seq);
    expect(detail.detail).toEqual({
      kind: "change",
      rows: [{ field: "active", label: "启用", before: "是", after: "否" }],
      other: [],
    });
    expect(detail).toMatchObject({ action: "user.deactivate", subjectCode: `user:${editor.id}` });
    await expect(getAuditEvent(auditor, "999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const bad of ["x", "0", "-1", "0x10", "1e5", "99999999999999999999999", " 3"])
      await expect(getAuditEvent(auditor, bad), bad).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAuditEvent(admin, row.seq)).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Ids in the content read as names: the unit of a registered account.
    const registered = await db.auditEvent.findFirstOrThrow({ where: { action: "registry.account.register" } });
    const unit = await db.organization.findUniqueOrThrow({
      where: { id: (registered.data as { orgId: string }).orgId },
    });
    const registeredDetail = await getAuditEvent(auditor, registered.seq.toString());
    expect(registeredDetail.detail.rows).toContainEqual({ field: "orgId", label: "单位", value: unit.name });
    expect(registeredDetail.detail.rows).toContainEqual({ field: "platform", label: "平台", value: "微信公众号" });

    // Subjects link to their admin page only for a viewer who may open it.
    const forAdmin = await describeAuditSubjects(admin, [`user:${editor.id}`, "user:nobody", "platform"]);
    expect(forAdmin.get(`user:${editor.id}`)).toMatchObject({ href: `/admin/users/${editor.id}` });
    expect(forAdmin.get("user:nobody")).toEqual({ kind: "用户", name: "", loginName: "nobody", href: null });
    expect(forAdmin.get("platform")).toMatchObject({ kind: "平台", href: null });
  });
});
