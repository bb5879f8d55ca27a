import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { fileDb, TEST_PASSWORD } from "./helpers";

const context = { ip: "203.0.113.7", userAgent: "vitest" };

describe("authenticate", () => {
  it("signs in a demo user and audits the success", async () => {
    const db = await fileDb();
    const user = await authenticate({ username: "editor", password: TEST_PASSWORD }, context);
    expect(user).toMatchObject({ username: "editor", displayName: "张敏" });
    const stored = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
    expect(stored.lastSignInAt).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.sign_in.success" },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({ actorId: stored.id, ip: "203.0.113.7", userAgent: "vitest" });
  });

  it("refuses a wrong password, an unknown user, a deactivated user and malformed input alike", async () => {
    const db = await fileDb();
    await db.user.update({ where: { username: "officer" }, data: { active: false } });
    const attempts = [
      { username: "editor", password: "wrong-password" },
      { username: "nobody", password: TEST_PASSWORD },
      { username: "officer", password: TEST_PASSWORD },
      { username: "", password: "" },
      { username: "editor" },
      null,
    ];
    for (const attempt of attempts) expect(await authenticate(attempt, context)).toBeNull();
    const failures = await db.auditEvent.findMany({
      where: { action: "auth.sign_in.failure" },
      orderBy: { seq: "asc" },
    });
    expect(failures.map((event) => (event.data as { reason: string }).reason)).toEqual([
      "wrong_password",
      "unknown_user",
      "inactive",
    ]);
  });

  it("chains every audit event to the one before it", async () => {
    const db = await fileDb();
    await authenticate({ username: "editor", password: TEST_PASSWORD }, context);
    await authenticate({ username: "editor", password: "nope-nope-nope" }, context);
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < events.length; i += 1) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
  });
});
