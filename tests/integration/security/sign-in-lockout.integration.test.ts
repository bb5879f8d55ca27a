import { beforeEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { updateSecuritySettings } from "@/lib/auth/security-settings";
import { admitSignInAttempt, noteSignInFailure } from "@/lib/auth/sign-in-throttle";
import { refuseThrottledSignIn } from "@/lib/auth/sign-in-request";
import { getDb } from "@/lib/db/client";
import { actorFor, fileDb, keepSecuritySettings, TEST_PASSWORD } from "../helpers";

// Sign-in lockout and throttle (issue #21 item 1): failures are counted under the account's row
// lock, so concurrent attempts neither lose counts nor slip past a lock; the throttle refuses
// floods per address, per username and across usernames (spraying), with a real HTTP 429.

const WRONG = "Wrong-Passw0rd";
const THRESHOLD = 5;

async function failureReasons(username: string) {
  const events = await getDb().auditEvent.findMany({
    where: { action: "auth.sign_in.failure", subject: `user:${username}` },
    orderBy: { seq: "asc" },
  });
  return events.map((event) => (event.data as { reason: string }).reason);
}

function signInRequest(peer: string, username: string, headers: Record<string, string> = {}) {
  return new Request("http://localhost/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", [PEER_ADDRESS_HEADER]: peer, ...headers },
    body: new URLSearchParams({ username, password: WRONG, csrfToken: "x", json: "true" }),
  });
}

// The tests of this file share one database: each starts with empty throttle counters, and the
// security settings a test changes are put back when it ends.
beforeEach(async () => {
  await getDb().signInThrottle.deleteMany();
  await keepSecuritySettings();
});

describe("lockout under concurrency", () => {
  it("counts 40 parallel wrong guesses as 40: the threshold locks, the rest are refused as locked", async () => {
    const db = await fileDb();
    const attempts = Array.from({ length: 40 }, (_, index) =>
      authenticate({ username: "officer", password: WRONG }, { ip: `198.51.100.${index + 1}`, userAgent: "vitest" }),
    );
    expect(await Promise.all(attempts)).toEqual(Array(40).fill(null));

    const reasons = await failureReasons("officer");
    expect(reasons).toHaveLength(40);
    expect(reasons.filter((reason) => reason === "wrong_password")).toHaveLength(THRESHOLD);
    expect(reasons.filter((reason) => reason === "locked")).toHaveLength(40 - THRESHOLD);
    const user = await db.user.findUniqueOrThrow({ where: { username: "officer" } });
    expect(await db.auditEvent.count({ where: { action: "auth.lockout", subject: `user:${user.id}` } })).toBe(1);
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("25 wrong passwords and the right one at once: the right one never signs in after the threshold", async () => {
    const db = await fileDb();
    const attempts = [
      ...Array.from({ length: 25 }, () =>
        authenticate({ username: "editor", password: WRONG }, { ip: "203.0.113.5", userAgent: "vitest" }),
      ),
      authenticate({ username: "editor", password: TEST_PASSWORD }, { ip: "203.0.113.5", userAgent: "vitest" }),
    ];
    const results = await Promise.all(attempts);
    expect(results.slice(0, 25)).toEqual(Array(25).fill(null));

    const user = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
    const events = await db.auditEvent.findMany({
      where: {
        OR: [{ subject: "user:editor" }, { subject: `user:${user.id}` }],
        action: { in: ["auth.sign_in.failure", "auth.sign_in.success", "auth.lockout"] },
      },
      orderBy: { seq: "asc" },
    });
    const successAt = events.findIndex((event) => event.action === "auth.sign_in.success");
    if (results[25]) {
      // It was decided before the account locked: fewer than THRESHOLD failures came before it.
      const failuresBefore = events.slice(0, successAt).filter((event) => event.action === "auth.sign_in.failure");
      expect(failuresBefore.length).toBeLessThan(THRESHOLD);
      expect(events.slice(0, successAt).some((event) => event.action === "auth.lockout")).toBe(false);
    } else {
      expect(successAt).toBe(-1);
    }
    // However the race went, 25 failures lock the account, and now the right password is refused,
    // concurrent attempts included.
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const again = await Promise.all(
      Array.from({ length: 5 }, () =>
        authenticate({ username: "editor", password: TEST_PASSWORD }, { ip: "203.0.113.5", userAgent: "vitest" }),
      ),
    );
    expect(again).toEqual(Array(5).fill(null));
    expect((await failureReasons("editor")).slice(-5)).toEqual(Array(5).fill("locked"));
  });
});

describe("sign-in throttle", () => {
  it("refuses the attempt after the configured count from one address, whoever is named; other addresses go on", async () => {
    await fileDb();
    const secadmin = await actorFor("secadmin");
    await updateSecuritySettings(secadmin, { signInPerAddressPerMinute: 5 });
    const settingsAudit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "security.settings.update" },
      orderBy: { seq: "desc" },
    });
    expect(settingsAudit.data).toMatchObject({ after: { signInPerAddressPerMinute: 5 } });

    // Sent at once: the shared counter lets exactly five through.
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, index) => admitSignInAttempt({ ip: "192.0.2.10", username: `user${index}` })),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    const refused = decisions.find((decision) => !decision.allowed);
    expect(refused).toMatchObject({ allowed: false, reason: "address" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(await admitSignInAttempt({ ip: "192.0.2.11", username: "editor" })).toEqual({ allowed: true });
    // Refusals are audited once per window, not once per request.
    expect(
      await getDb().auditEvent.count({ where: { action: "auth.sign_in.throttled", subject: "ip:192.0.2.10" } }),
    ).toBe(1);

    // A raised limit applies to the next attempt.
    await updateSecuritySettings(secadmin, { signInPerAddressPerMinute: 30 });
    expect(await admitSignInAttempt({ ip: "192.0.2.10", username: "editor" })).toEqual({ allowed: true });
    // Out of bounds is refused and changes nothing.
    await expect(updateSecuritySettings(secadmin, { signInPerAddressPerMinute: 2 })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(
      updateSecuritySettings(await actorFor("admin"), { signInPerAddressPerMinute: 1000 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("answers the sign-in request with HTTP 429, Retry-After and a Chinese message; a forged X-Forwarded-For does not dodge it", async () => {
    await fileDb();
    await updateSecuritySettings(await actorFor("secadmin"), { signInPerAddressPerMinute: 5 });
    for (let index = 0; index < 5; index += 1) {
      // Each claims another client address; without TRUSTED_PROXIES the connection's address counts.
      expect(
        await refuseThrottledSignIn(signInRequest("192.0.2.20", "editor", { "x-forwarded-for": `10.9.8.${index}` })),
      ).toBeNull();
    }
    const response = await refuseThrottledSignIn(
      signInRequest("192.0.2.20", "someone-else", { "x-forwarded-for": "10.9.8.77" }),
    );
    expect(response?.status).toBe(429);
    expect(Number(response!.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await response!.json()) as { url: string; message: string };
    expect(new URL(body.url).searchParams.get("error")).toBe("THROTTLED");
    expect(body.message).toMatch(/^登录尝试过于频繁，请.+后再试。$/);
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "auth.sign_in.throttled" },
      orderBy: { seq: "desc" },
    });
    expect(audit.ip).toBe("192.0.2.20");
    // A malformed body still gets a decision, never an error.
    const malformed = new Request("http://localhost/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/json", [PEER_ADDRESS_HEADER]: "192.0.2.20" },
      body: "{not json",
    });
    expect((await refuseThrottledSignIn(malformed))?.status).toBe(429);
  });

  it("slows guessing at one username from many addresses, including usernames that do not exist", async () => {
    await fileDb();
    await updateSecuritySettings(await actorFor("secadmin"), { signInFailuresPerUsernamePerMinute: 3 });
    for (let index = 0; index < 3; index += 1) {
      const ip = `198.18.0.${index + 1}`;
      expect(await admitSignInAttempt({ ip, username: "ghost" })).toEqual({ allowed: true });
      expect(await authenticate({ username: "ghost", password: WRONG }, { ip, userAgent: "vitest" })).toBeNull();
    }
    expect(await admitSignInAttempt({ ip: "198.18.0.99", username: "GHOST" })).toMatchObject({
      allowed: false,
      reason: "username_failures",
    });
    expect(await admitSignInAttempt({ ip: "198.18.0.99", username: "editor" })).toEqual({ allowed: true });
    expect(await getDb().auditEvent.count({ where: { action: "auth.sign_in.throttled", subject: "user:ghost" } })).toBe(
      1,
    );
  });

  it("counts a username with control characters like any other, and audits it printable", async () => {
    await fileDb();
    await updateSecuritySettings(await actorFor("secadmin"), { signInFailuresPerUsernamePerMinute: 3 });
    const name = "fuzz\u0000-1";
    for (let index = 0; index < 3; index += 1) await noteSignInFailure({ ip: `198.18.1.${index + 1}`, username: name });
    expect(await admitSignInAttempt({ ip: "198.18.1.99", username: name })).toMatchObject({
      allowed: false,
      reason: "username_failures",
    });
    expect(
      await getDb().auditEvent.count({ where: { action: "auth.sign_in.throttled", subject: "user:fuzz\ufffd-1" } }),
    ).toBe(1);
  });

  it("slows password spraying: failures across many accounts from one address", async () => {
    await fileDb();
    await updateSecuritySettings(await actorFor("secadmin"), {
      signInPerAddressPerMinute: 1000,
      signInFailuresPerAddressPerHour: 10,
    });
    const sprayer = "203.0.113.66";
    const lockedBefore = await getDb().user.count({ where: { lockedUntil: { gt: new Date() } } });
    const usernames = [
      "editor",
      "officer",
      "reviewer",
      "deputy",
      "principal",
      "siteadmin",
      "supervisor",
      "admin",
      "secadmin",
      "auditor",
    ];
    for (const username of usernames) {
      expect(await admitSignInAttempt({ ip: sprayer, username })).toEqual({ allowed: true });
      expect(
        await authenticate({ username, password: "Spring-2026!" }, { ip: sprayer, userAgent: "vitest" }),
      ).toBeNull();
    }
    // One failure per account locks none of them, but the address is stopped for the hour.
    expect(await getDb().user.count({ where: { lockedUntil: { gt: new Date() } } })).toBe(lockedBefore);
    expect(await admitSignInAttempt({ ip: sprayer, username: "newcomer" })).toMatchObject({
      allowed: false,
      reason: "address_failures",
    });
    expect(await admitSignInAttempt({ ip: "203.0.113.67", username: "editor" })).toEqual({ allowed: true });
    // A successful sign-in does not count as a failure.
    expect(
      await authenticate(
        { username: "reviewer", password: TEST_PASSWORD },
        { ip: "203.0.113.67", userAgent: "vitest" },
      ),
    ).not.toBeNull();
    expect(await admitSignInAttempt({ ip: "203.0.113.67", username: "reviewer" })).toEqual({ allowed: true });
  });
});
