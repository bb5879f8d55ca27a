// This file's process trusts one proxy range; set before lib/env.ts parses the environment.
process.env.TRUSTED_PROXIES = "10.0.0.0/8";

import { beforeEach, describe, expect, it } from "vitest";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { getAuthOptions } from "@/lib/auth/options";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { updateSecuritySettings } from "@/lib/auth/security-settings";
import { refuseThrottledSignIn } from "@/lib/auth/sign-in-request";
import { getDb } from "@/lib/db/client";
import { actorFor, fileDb, keepSecuritySettings, TEST_PASSWORD } from "../helpers";

// The audit IP and the sign-in throttle take the client address from one helper (issue #21
// item 10): X-Forwarded-For counts only when the connection comes from TRUSTED_PROXIES.

/** next-auth's credentials callback as the sign-in request runs it, with that request's headers. */
async function signInThroughNextAuth(username: string, password: string, headers: Record<string, string>) {
  const provider = getAuthOptions().providers[0] as unknown as { options: CredentialsConfig };
  return provider.options.authorize({ username, password }, { headers } as never);
}

async function lastSignInEvent() {
  return getDb().auditEvent.findFirstOrThrow({
    where: { action: { startsWith: "auth.sign_in." } },
    orderBy: { seq: "desc" },
  });
}

function signInRequest(headers: Record<string, string>) {
  return new Request("http://localhost/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ username: "editor", password: "x", json: "true" }),
  });
}

beforeEach(async () => {
  await getDb().signInThrottle.deleteMany();
  await keepSecuritySettings();
});

describe("the audit IP of a sign-in", () => {
  it("is the connection's address when it is not a trusted proxy, whatever X-Forwarded-For claims", async () => {
    await fileDb();
    const user = await signInThroughNextAuth("editor", TEST_PASSWORD, {
      [PEER_ADDRESS_HEADER]: "198.51.100.23",
      "x-forwarded-for": "1.1.1.1",
      "x-real-ip": "2.2.2.2",
      "user-agent": "vitest",
    });
    expect(user).toMatchObject({ username: "editor" });
    expect(await lastSignInEvent()).toMatchObject({
      action: "auth.sign_in.success",
      ip: "198.51.100.23",
      userAgent: "vitest",
    });
    const session = await getDb().session.findFirstOrThrow({
      where: { id: (user as unknown as { sessionId: string }).sessionId },
    });
    expect(session.ip).toBe("198.51.100.23");
  });

  it("behind a trusted proxy is the first untrusted hop from the right, not the client's forged entry", async () => {
    await fileDb();
    expect(
      await signInThroughNextAuth("editor", "Wrong-Passw0rd", {
        [PEER_ADDRESS_HEADER]: "::ffff:10.0.0.5",
        "x-forwarded-for": "1.1.1.1, 203.0.113.50, 10.1.2.3",
      }),
    ).toBeNull();
    expect(await lastSignInEvent()).toMatchObject({ action: "auth.sign_in.failure", ip: "203.0.113.50" });
  });

  it("is unknown (null), not a header's claim, when the connection's address is missing", async () => {
    await fileDb();
    await signInThroughNextAuth("editor", "Wrong-Passw0rd", { "x-forwarded-for": "1.1.1.1", "x-real-ip": "2.2.2.2" });
    expect((await lastSignInEvent()).ip).toBeNull();
  });
});

describe("the sign-in throttle's address", () => {
  it("is the same address: clients behind a trusted proxy are counted apart, a forged header is not", async () => {
    await fileDb();
    await updateSecuritySettings(await actorFor("secadmin"), { signInPerAddressPerMinute: 5 });
    const viaProxy = (client: string) =>
      signInRequest({ [PEER_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": client });
    for (let index = 0; index < 5; index += 1) expect(await refuseThrottledSignIn(viaProxy("203.0.113.60"))).toBeNull();
    expect((await refuseThrottledSignIn(viaProxy("203.0.113.60")))?.status).toBe(429);
    // Another client behind the same proxy is not held back by the first one.
    expect(await refuseThrottledSignIn(viaProxy("203.0.113.61"))).toBeNull();
    // A direct client cannot borrow a fresh address by sending the header itself.
    const direct = (forged: string) =>
      signInRequest({ [PEER_ADDRESS_HEADER]: "198.51.100.70", "x-forwarded-for": forged });
    for (let index = 0; index < 5; index += 1)
      expect(await refuseThrottledSignIn(direct(`192.0.2.${index}`))).toBeNull();
    expect((await refuseThrottledSignIn(direct("192.0.2.200")))?.status).toBe(429);
    const audit = await getDb().auditEvent.findMany({
      where: { action: "auth.sign_in.throttled" },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((event) => event.ip)).toEqual(["203.0.113.60", "198.51.100.70"]);
  });
});
