import { describe, expect, it } from "vitest";
import { authenticate, SecondFactorError } from "@/lib/auth/authenticate";
import { beginTotpEnrollment, changeOwnPassword, confirmTotpEnrollment } from "@/lib/auth/account";
import { generateTotp } from "@/lib/auth/totp";
import { loadActor } from "@/lib/auth/session";
import { createUser } from "@/lib/org/users";
import { addMembership } from "@/lib/org/memberships";
import { actorFor, orgId, fileDb, TEST_PASSWORD } from "./helpers";

const context = { ip: "198.51.100.9", userAgent: "vitest" };

describe("lockout", () => {
  it("locks after 5 failures, refuses even the right password while locked, and opens after the window", async () => {
    const db = await fileDb();
    for (let i = 0; i < 5; i += 1)
      expect(await authenticate({ username: "editor", password: "Wrong-Passw0rd" }, context)).toBeNull();
    const locked = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await db.auditEvent.count({ where: { action: "auth.lockout", subject: `user:${locked.id}` } })).toBe(1);

    expect(await authenticate({ username: "editor", password: TEST_PASSWORD }, context)).toBeNull();
    const last = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.sign_in.failure" },
      orderBy: { seq: "desc" },
    });
    expect(last.data).toMatchObject({ reason: "locked" });

    // The window passes.
    await db.user.update({ where: { id: locked.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await authenticate({ username: "editor", password: TEST_PASSWORD }, context)).toMatchObject({
      username: "editor",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: locked.id } })).failedSignIns).toBe(0);
  });

  it("does not lock on fewer failures, and a success resets the count", async () => {
    const db = await fileDb();
    for (let i = 0; i < 4; i += 1) await authenticate({ username: "officer", password: "Wrong-Passw0rd" }, context);
    expect(await authenticate({ username: "officer", password: TEST_PASSWORD }, context)).not.toBeNull();
    await authenticate({ username: "officer", password: "Wrong-Passw0rd" }, context);
    const user = await db.user.findUniqueOrThrow({ where: { username: "officer" } });
    expect(user).toMatchObject({ failedSignIns: 1, lockedUntil: null });
  });
});

describe("new accounts", () => {
  it("must change the one-time password before doing anything else", async () => {
    await fileDb();
    const { userId, oneTimePassword } = await createUser(await actorFor("admin"), {
      username: "wang.fang",
      displayName: "王芳",
    });
    await addMembership(await actorFor("secadmin"), {
      userId,
      orgId: await orgId("区政府办公室政务公开科"),
      role: "EDITOR",
    });
    const signedIn = await authenticate({ username: "wang.fang", password: oneTimePassword }, context);
    expect(signedIn).not.toBeNull();
    const actor = (await loadActor(signedIn!.id, signedIn!.sessionId))!;
    expect(actor.obligation).toBe("change_password");

    await expect(
      changeOwnPassword(actor, {
        currentPassword: oneTimePassword,
        newPassword: "wang.fang",
        confirmPassword: "wang.fang",
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      changeOwnPassword(actor, {
        currentPassword: "nope",
        newPassword: "Wangfang-2026",
        confirmPassword: "Wangfang-2026",
      }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { currentPassword: ["当前密码不正确"] } });
    await changeOwnPassword(actor, {
      currentPassword: oneTimePassword,
      newPassword: "Wangfang-2026",
      confirmPassword: "Wangfang-2026",
    });
    expect((await loadActor(signedIn!.id, signedIn!.sessionId))!.obligation).toBeNull();
    expect(await authenticate({ username: "wang.fang", password: oneTimePassword }, context)).toBeNull();
    expect(await authenticate({ username: "wang.fang", password: "Wangfang-2026" }, context)).not.toBeNull();
  });
});

describe("TOTP two-factor sign-in", () => {
  it("enrols with an authenticator code, then requires the code at sign-in", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const { secret, uri, qrSvg } = await beginTotpEnrollment(editor);
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*editor\?.*secret=/);
    expect(qrSvg).toContain("<svg");
    const stored = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
    expect(stored.totpSecret).not.toContain(secret);

    await expect(
      confirmTotpEnrollment(editor, { code: "000000" === generateTotp(secret) ? "111111" : "000000" }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await confirmTotpEnrollment(editor, { code: generateTotp(secret) });

    await expect(authenticate({ username: "editor", password: TEST_PASSWORD }, context)).rejects.toEqual(
      new SecondFactorError("OTP_REQUIRED"),
    );
    await expect(authenticate({ username: "editor", password: TEST_PASSWORD, otp: "12345" }, context)).rejects.toThrow(
      SecondFactorError,
    );
    // A wrong password never reaches the second factor.
    expect(
      await authenticate({ username: "editor", password: "Wrong-Passw0rd", otp: generateTotp(secret) }, context),
    ).toBeNull();
    expect(
      await authenticate({ username: "editor", password: TEST_PASSWORD, otp: generateTotp(secret) }, context),
    ).toMatchObject({ username: "editor" });
  });

  it("is required of approvers outside demo mode", async () => {
    await fileDb();
    const { userId, oneTimePassword } = await createUser(await actorFor("admin"), {
      username: "li.qiang",
      displayName: "李强",
    });
    await addMembership(await actorFor("secadmin"), {
      userId,
      orgId: await orgId("重庆市沙坪坝区人民政府"),
      role: "DIRECT_RESPONSIBLE",
    });
    const session = (await authenticate({ username: "li.qiang", password: oneTimePassword }, context))!;
    const actor = (await loadActor(userId, session.sessionId))!;
    await changeOwnPassword(actor, {
      currentPassword: oneTimePassword,
      newPassword: "Liqiang-2026!",
      confirmPassword: "Liqiang-2026!",
    });
    expect((await loadActor(userId, session.sessionId))!.obligation).toBe("enroll_totp");
  });
});

describe("sessions", () => {
  it("end after the idle timeout", async () => {
    const db = await fileDb();
    const session = (await authenticate({ username: "supervisor", password: TEST_PASSWORD }, context))!;
    expect(await loadActor(session.id, session.sessionId, new Date(Date.now() + 29 * 60_000))).not.toBeNull();
    expect(await loadActor(session.id, session.sessionId, new Date(Date.now() + 61 * 60_000))).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: session.sessionId } })).endedAt).not.toBeNull();
    expect(await loadActor(session.id, session.sessionId)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.session.idle_timeout" } })).toBe(1);
  });
});
