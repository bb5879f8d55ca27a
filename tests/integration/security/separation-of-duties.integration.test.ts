import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { authenticate } from "@/lib/auth/authenticate";
import { createUser, getUser, resetPassword, resetTotp } from "@/lib/org/users";
import { addMembership, removeMembership } from "@/lib/org/memberships";
import { approveCredentialReset, listCredentialResets, refuseCredentialReset } from "@/lib/org/credential-resets";
import { actorFor, makeUser, orgId, fileDb, TEST_PASSWORD } from "../helpers";

// 三员分立 (等保 2.0): the system, security and audit administrators are separate people with
// separate duties, and none of them can take another's duty alone. Each case below is a
// refusal a hostile test found, or a step of the two-person reset.

const ROOT = "重庆市人民政府办公厅";
const SECTION = "电子政务处"; // a section directly under the root unit
const context = { ip: null, userAgent: null };

async function userId(username: string) {
  return (await getDb().user.findUniqueOrThrow({ where: { username } })).id;
}

async function rolesOf(username: string) {
  return (await getDb().membership.findMany({ where: { user: { username } } }))
    .map((membership) => membership.role)
    .sort();
}

describe("account creation", () => {
  it("by the system administrator gives no role, and cannot make an audit or security administrator", async () => {
    const db = await fileDb();
    const admin = await actorFor("admin");
    const root = await orgId(ROOT);
    for (const role of ["AUDIT_ADMIN", "SECURITY_ADMIN", "SYSTEM_ADMIN", "EDITOR"] as const) {
      await expect(
        createUser(admin, { username: `new.${role.toLowerCase()}`, displayName: "新管理员", orgId: root, role }),
        role,
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await db.user.count({ where: { username: { startsWith: "new." } } })).toBe(0);

    const { userId: created, oneTimePassword } = await createUser(admin, {
      username: "new.person",
      displayName: "新同事",
    });
    expect(await db.membership.count({ where: { userId: created } })).toBe(0);
    // With only the one-time password the account can do nothing: no role, so every action is refused.
    const session = await authenticate({ username: "new.person", password: oneTimePassword }, context);
    expect(session).not.toBeNull();
    expect((await getUser(admin, created)).memberships).toEqual([]);
    // The system administrator cannot make it an administrator afterwards either.
    await expect(addMembership(admin, { userId: created, orgId: root, role: "AUDIT_ADMIN" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.membership.count({ where: { userId: created } })).toBe(0);
  });

  it("goes through the same grant rules as addMembership (a sub-unit system administrator is refused by both)", async () => {
    const db = await fileDb();
    const section = await orgId(SECTION);
    // An account from before 三员分立 was enforced that holds both duties: the grant rules still
    // refuse what addMembership refuses, whichever function is called.
    const legacy = await makeUser("legacy.both", "SYSTEM_ADMIN", ROOT);
    await db.membership.create({ data: { userId: legacy.id, orgId: await orgId(ROOT), role: "SECURITY_ADMIN" } });
    const both = await actorFor("legacy.both");
    const viaCreate = createUser(both, {
      username: "sub.sysadmin",
      displayName: "下级系统管理员",
      orgId: section,
      role: "SYSTEM_ADMIN",
    });
    await expect(viaCreate).rejects.toMatchObject({
      code: "INVALID",
      message: "系统、安全、审计管理员只能在最上级单位设置。",
    });
    expect(await db.user.count({ where: { username: "sub.sysadmin" } })).toBe(0);

    const secadmin = await actorFor("secadmin");
    const { userId: created } = await createUser(await actorFor("admin"), {
      username: "sub.sysadmin",
      displayName: "下级系统管理员",
    });
    await expect(
      addMembership(secadmin, { userId: created, orgId: section, role: "SYSTEM_ADMIN" }),
    ).rejects.toMatchObject({
      code: "INVALID",
      message: "系统、安全、审计管理员只能在最上级单位设置。",
    });
    // The security administrator may not create accounts at all: creation and granting stay with two people.
    await expect(
      createUser(secadmin, {
        username: "sock.puppet",
        displayName: "傀儡",
        orgId: await orgId(ROOT),
        role: "AUDIT_ADMIN",
      }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.user.count({ where: { username: "sock.puppet" } })).toBe(0);
  });
});

describe("granting and revoking roles", () => {
  it("refuses the security administrator granting itself roles and revoking its own", async () => {
    const db = await fileDb();
    const secadmin = await actorFor("secadmin");
    const root = await orgId(ROOT);
    for (const role of ["AUDIT_ADMIN", "SYSTEM_ADMIN", "EDITOR"] as const) {
      await expect(addMembership(secadmin, { userId: secadmin.id, orgId: root, role }), role).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await rolesOf("secadmin")).toEqual(["SECURITY_ADMIN"]);

    // A second security administrator grants an ordinary role; the first still cannot revoke it from itself.
    const second = await makeUser("secadmin2", "SECURITY_ADMIN", ROOT);
    await addMembership(second, { userId: secadmin.id, orgId: await orgId("区政府办公室综合科"), role: "EDITOR" });
    const own = await db.membership.findFirstOrThrow({ where: { userId: secadmin.id, role: "EDITOR" } });
    await expect(removeMembership(secadmin, own.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const ownAdmin = await db.membership.findFirstOrThrow({ where: { userId: secadmin.id, role: "SECURITY_ADMIN" } });
    await expect(removeMembership(secadmin, ownAdmin.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await rolesOf("secadmin")).toEqual(["EDITOR", "SECURITY_ADMIN"]);
    await removeMembership(second, own.id);
    expect(await rolesOf("secadmin")).toEqual(["SECURITY_ADMIN"]);
  });

  it("keeps the three administrator roles apart on one person, in any unit", async () => {
    const db = await fileDb();
    const secadmin = await actorFor("secadmin");
    const root = await orgId(ROOT);
    // The seeded system administrator cannot also become the auditor or a security administrator.
    for (const role of ["AUDIT_ADMIN", "SECURITY_ADMIN"] as const) {
      await expect(
        addMembership(secadmin, { userId: await userId("admin"), orgId: root, role }),
        role,
      ).rejects.toMatchObject({ code: "INVALID" });
    }
    // A security administrator held in a host unit (legacy data) still excludes the other two at the root.
    const hostSec = await makeUser("host.sec", "SECURITY_ADMIN", "重庆市文化和旅游发展委员会");
    await expect(
      addMembership(secadmin, { userId: hostSec.id, orgId: root, role: "SYSTEM_ADMIN" }),
    ).rejects.toMatchObject({ code: "INVALID" });
    // Concurrent grants of two different administrator roles: at most one lands.
    const { userId: fresh } = await createUser(await actorFor("admin"), {
      username: "fresh.admin",
      displayName: "新管理员",
    });
    const results = await Promise.allSettled([
      addMembership(secadmin, { userId: fresh, orgId: root, role: "AUDIT_ADMIN" }),
      addMembership(secadmin, { userId: fresh, orgId: root, role: "SYSTEM_ADMIN" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { userId: fresh } })).toBe(1);
    expect(await rolesOf("admin")).toEqual(["SYSTEM_ADMIN"]);
    expect(await rolesOf("host.sec")).toEqual(["SECURITY_ADMIN"]);
  });
});

describe("resetting an administrator's credentials (two-person rule)", () => {
  it("does not reset the auditor's password directly: the system administrator only opens a request", async () => {
    const db = await fileDb();
    const admin = await actorFor("admin");
    const auditorId = await userId("auditor");
    const before = await db.user.findUniqueOrThrow({ where: { id: auditorId } });
    const outcome = await resetPassword(admin, auditorId);
    expect(outcome).toMatchObject({ pending: true });
    expect(outcome).not.toHaveProperty("oneTimePassword");
    const after = await db.user.findUniqueOrThrow({ where: { id: auditorId } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.mustChangePassword).toBe(before.mustChangePassword);
    expect(await authenticate({ username: "auditor", password: TEST_PASSWORD }, context)).not.toBeNull();
    // The holder is told, in the request's transaction, as is the audit log.
    expect(await db.notification.count({ where: { userId: auditorId, title: { contains: "申请重置您的密码" } } })).toBe(
      1,
    );
    expect(
      await db.auditEvent.count({ where: { action: "credential_reset.request", subject: `user:${auditorId}` } }),
    ).toBe(1);
    // A second request for the same account waits for the first.
    await expect(resetPassword(admin, auditorId)).rejects.toMatchObject({ code: "CONFLICT" });
    // The same holds for 2FA, requested by the security administrator.
    const totp = await resetTotp(await actorFor("secadmin"), auditorId);
    expect(totp).toMatchObject({ pending: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: auditorId } })).toMatchObject({
      totpSecret: before.totpSecret,
    });
    // Refused, both requests end with nothing reset (the database is shared by this file's tests).
    for (const request of await db.credentialResetRequest.findMany({
      where: { targetId: auditorId, status: "PENDING" },
    })) {
      await refuseCredentialReset(await actorFor("secadmin"), { requestId: request.id });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: auditorId } })).passwordHash).toBe(before.passwordHash);
  });

  it("applies the reset when a different administrator approves, showing the one-time password to the approver only", async () => {
    const db = await fileDb();
    const [admin, secadmin, auditor] = await Promise.all([
      actorFor("admin"),
      actorFor("secadmin"),
      actorFor("auditor"),
    ]);
    const auditorId = auditor.id;
    const outcome = await resetPassword(admin, auditorId);
    if (!outcome.pending) throw new Error("expected a pending request");

    // Refusals: the requester, the holder, and anyone who is not one of the three administrators.
    await expect(approveCredentialReset(admin, { requestId: outcome.requestId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(approveCredentialReset(auditor, { requestId: outcome.requestId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    for (const username of ["editor", "supervisor", "principal"]) {
      await expect(
        approveCredentialReset(await actorFor(username), { requestId: outcome.requestId }),
        username,
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listCredentialResets(await actorFor(username)), username).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect((await db.credentialResetRequest.findUniqueOrThrow({ where: { id: outcome.requestId } })).status).toBe(
      "PENDING",
    );
    expect(await authenticate({ username: "auditor", password: TEST_PASSWORD }, context)).not.toBeNull();

    const listed = await listCredentialResets(secadmin);
    expect(listed.pending).toMatchObject([
      { id: outcome.requestId, canApprove: true, target: { username: "auditor" }, requestedBy: { username: "admin" } },
    ]);
    expect((await listCredentialResets(admin)).pending).toMatchObject([
      { id: outcome.requestId, canApprove: false, canRefuse: true },
    ]);

    const approved = await approveCredentialReset(secadmin, { requestId: outcome.requestId });
    expect(approved.oneTimePassword).toMatch(/^Tmp\d\d-/);
    expect(await authenticate({ username: "auditor", password: TEST_PASSWORD }, context)).toBeNull();
    expect(await authenticate({ username: "auditor", password: approved.oneTimePassword! }, context)).not.toBeNull();
    // The auditor's sessions from before the reset are over.
    expect(await db.session.count({ where: { id: auditor.sessionId, endedAt: null } })).toBe(0);

    // A replayed approval (or a refusal after the fact) finds the request decided and changes nothing.
    const hash = (await db.user.findUniqueOrThrow({ where: { id: auditorId } })).passwordHash;
    const third = await makeUser("secadmin3", "SECURITY_ADMIN", ROOT);
    await expect(approveCredentialReset(secadmin, { requestId: outcome.requestId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(approveCredentialReset(third, { requestId: outcome.requestId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(refuseCredentialReset(third, { requestId: outcome.requestId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: auditorId } })).passwordHash).toBe(hash);

    const request = await db.credentialResetRequest.findUniqueOrThrow({ where: { id: outcome.requestId } });
    expect(request).toMatchObject({ status: "APPROVED", requestedById: admin.id, decidedById: secadmin.id });
    const events = await db.auditEvent.findMany({
      where: { subject: `user:${auditorId}`, data: { path: ["requestId"], equals: outcome.requestId } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([
      ["credential_reset.request", admin.id],
      ["user.reset_password", secadmin.id],
    ]);
    expect(await db.notification.count({ where: { userId: auditorId, title: { contains: "已按申请重置" } } })).toBe(1);
  });

  it("approves concurrent decisions once, and a refused request resets nothing", async () => {
    const db = await fileDb();
    const [admin, secadmin, auditor] = await Promise.all([
      actorFor("admin"),
      actorFor("secadmin"),
      actorFor("auditor"),
    ]);
    const secadminId = secadmin.id;
    const totp = await resetTotp(admin, secadminId);
    if (!totp.pending) throw new Error("expected a pending request");
    await db.user.update({ where: { id: secadminId }, data: { totpSecret: "kept", totpEnabledAt: new Date() } });
    // The security administrator cannot decide a reset of its own account, either way.
    await expect(refuseCredentialReset(secadmin, { requestId: totp.requestId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await refuseCredentialReset(auditor, { requestId: totp.requestId });
    await expect(approveCredentialReset(auditor, { requestId: totp.requestId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: secadminId } })).toMatchObject({ totpSecret: "kept" });

    const again = await resetTotp(admin, secadminId);
    if (!again.pending) throw new Error("expected a pending request");
    const second = await makeUser("auditor2", "AUDIT_ADMIN", ROOT);
    const results = await Promise.allSettled([
      approveCredentialReset(auditor, { requestId: again.requestId }),
      approveCredentialReset(second, { requestId: again.requestId }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await db.user.findUniqueOrThrow({ where: { id: secadminId } })).toMatchObject({
      totpSecret: null,
      totpEnabledAt: null,
    });
    expect(await db.auditEvent.count({ where: { action: "user.reset_totp", subject: `user:${secadminId}` } })).toBe(1);
  });

  it("refuses an administrator resetting its own credentials, and non-administrators requesting", async () => {
    const db = await fileDb();
    const admin = await actorFor("admin");
    const before = await db.credentialResetRequest.count();
    await expect(resetPassword(admin, admin.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resetPassword(await actorFor("editor"), await userId("auditor"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(resetTotp(await actorFor("siteadmin"), await userId("secadmin"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.credentialResetRequest.count()).toBe(before);
  });
});
