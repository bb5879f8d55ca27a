import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { changeOwnPassword } from "@/lib/auth/account";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { loadActor } from "@/lib/auth/session";
import { createUser, resetPassword } from "@/lib/org/users";
import { addMembership } from "@/lib/org/memberships";
import { getDb } from "@/lib/db/client";
import { actorFor, orgId, fileDb } from "../helpers";

// Changing one's own password (issue #21 item 8): other sessions end, wrong current passwords count
// toward the lockout like failed sign-ins, and no password may contain the username.

const context = { ip: "198.51.100.40", userAgent: "vitest" };

/** A new account signed in twice (two browsers), as the actor of the first. */
async function newAccount(username: string) {
  // 三员分立: the system administrator opens the account, the security administrator grants its role.
  const { userId, oneTimePassword } = await createUser(await actorFor("admin"), { username, displayName: username });
  await addMembership(await actorFor("secadmin"), {
    userId,
    orgId: await orgId("区政府办公室政务公开科"),
    role: "EDITOR",
  });
  const first = (await authenticate({ username, password: oneTimePassword }, context))!;
  const second = (await authenticate({ username, password: oneTimePassword }, context))!;
  const actor = (await loadActor(userId, first.sessionId))!;
  return { userId, oneTimePassword, actor, first, second };
}

const change = (currentPassword: string, newPassword: string) => ({
  currentPassword,
  newPassword,
  confirmPassword: newPassword,
});

describe("changing one's own password", () => {
  it("ends every other session of the user, keeps this one, and audits it", async () => {
    const db = await fileDb();
    const { userId, oneTimePassword, actor, first, second } = await newAccount("sess0");
    expect(await loadActor(userId, second.sessionId)).not.toBeNull();

    await changeOwnPassword(actor, change(oneTimePassword, "Strong-Pass-2026"), context);
    expect(await loadActor(userId, second.sessionId)).toBeNull();
    expect(await loadActor(userId, first.sessionId)).not.toBeNull();
    const ended = await db.session.findUniqueOrThrow({ where: { id: second.sessionId } });
    expect(ended.endedAt).not.toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.session.password_changed", subject: `user:${userId}` },
    });
    expect(audit.data).toEqual({ endedSessionIds: [second.sessionId], keptSessionId: first.sessionId });
    expect(audit.ip).toBe(context.ip);
  });

  it("refuses a password containing the username in any letter case, on every path that sets one", async () => {
    await fileDb();
    expect(checkPasswordPolicy("sess1sess1A!", "sess1")).toContain("密码不能包含用户名。");
    expect(checkPasswordPolicy("Xx-SESS1-2026", "sess1")).toContain("密码不能包含用户名。");
    expect(checkPasswordPolicy("Strong-Pass-2026", "sess1")).toEqual([]);

    const { userId, oneTimePassword, actor, second } = await newAccount("sess1");
    for (const attempt of ["sess1sess1A!", "My-Sess1-Pass"]) {
      await expect(changeOwnPassword(actor, change(oneTimePassword, attempt), context)).rejects.toMatchObject({
        code: "INVALID",
        fieldErrors: { newPassword: expect.arrayContaining(["密码不能包含用户名。"]) },
      });
    }
    // Refused changes change nothing: the old password still works, other sessions live on,
    // and a policy refusal is not a wrong current password.
    expect(await loadActor(userId, second.sessionId)).not.toBeNull();
    expect((await getDb().user.findUniqueOrThrow({ where: { id: userId } })).failedSignIns).toBe(0);
    expect(await authenticate({ username: "sess1", password: "sess1sess1A!" }, context)).toBeNull();

    // The one-time passwords of creation and reset obey the same policy.
    const reset = await resetPassword(await actorFor("admin"), userId, context);
    if (reset.pending || !reset.oneTimePassword) throw new Error("an ordinary account is reset directly");
    expect(checkPasswordPolicy(reset.oneTimePassword, "sess1")).toEqual([]);
    expect(checkPasswordPolicy(oneTimePassword, "sess1")).toEqual([]);
  });
});

describe("wrong current passwords", () => {
  it("count with failed sign-ins toward one lockout; the locking attempt ends this session", async () => {
    const db = await fileDb();
    const { userId, oneTimePassword, actor, first, second } = await newAccount("sess2");
    for (let index = 0; index < 2; index += 1)
      expect(await authenticate({ username: "sess2", password: "Wrong-Passw0rd" }, context)).toBeNull();
    for (let index = 0; index < 2; index += 1) {
      await expect(
        changeOwnPassword(actor, change("Wrong-Passw0rd", "Strong-Pass-2026"), context),
      ).rejects.toMatchObject({
        fieldErrors: { currentPassword: ["当前密码不正确"] },
      });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).failedSignIns).toBe(4);
    expect(await loadActor(userId, first.sessionId)).not.toBeNull();

    // The fifth failure locks the account and ends the session it came from.
    await expect(changeOwnPassword(actor, change("Wrong-Passw0rd", "Strong-Pass-2026"), context)).rejects.toMatchObject(
      {
        code: "INVALID",
        fieldErrors: { currentPassword: ["账号已锁定"] },
      },
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).lockedUntil!.getTime()).toBeGreaterThan(
      Date.now(),
    );
    expect(await db.auditEvent.count({ where: { action: "auth.lockout", subject: `user:${userId}` } })).toBe(1);
    expect(await loadActor(userId, first.sessionId)).toBeNull();
    // Locked: the right current password changes nothing, and sign-in with it is refused.
    const other = (await loadActor(userId, second.sessionId))!;
    await expect(changeOwnPassword(other, change(oneTimePassword, "Strong-Pass-2026"), context)).rejects.toMatchObject({
      code: "INVALID",
    });
    expect(await authenticate({ username: "sess2", password: oneTimePassword }, context)).toBeNull();
    expect(await authenticate({ username: "sess2", password: "Strong-Pass-2026" }, context)).toBeNull();
  });

  it("sent at once are each counted: one lockout, the rest refused as locked", async () => {
    const db = await fileDb();
    const { userId, actor } = await newAccount("sess3");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => changeOwnPassword(actor, change("Wrong-Passw0rd", "Strong-Pass-2026"), context)),
    );
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect(
      await db.auditEvent.count({ where: { action: "account.password.change_failure", subject: `user:${userId}` } }),
    ).toBe(5);
    expect(await db.auditEvent.count({ where: { action: "auth.lockout", subject: `user:${userId}` } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).lockedUntil!.getTime()).toBeGreaterThan(
      Date.now(),
    );
  });
});
