import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.QA_REQUESTS_PER_MINUTE = "5";
});

import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import type { DomainError } from "@/lib/errors";
import { findSiteByHost } from "@/lib/sites/portal";
import { admitQaRequest } from "@/lib/interaction/ask/api-access";
import { createQaKey, listQaKeys, revokeQaKey } from "@/lib/interaction/ask/api-keys";
import { actorFor, fileDb, makeUser } from "../helpers";

// GET /api/qa is public: an address may ask QA_REQUESTS_PER_MINUTE questions a minute (429 in
// Chinese beyond); a partner's key has its own limit, works on its own site only, stops when
// revoked, never enters the audit record, and only the site's administrator gives one.

let siteId: string;
let otherSiteId: string;
let officer: Actor;
let siteAdmin: Actor;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: DomainError) => ({ code: error.code, message: error.message }),
  );

beforeAll(async () => {
  const db = await fileDb();
  siteId = (await findSiteByHost("localhost"))!.id;
  otherSiteId = (await db.site.findFirstOrThrow({ where: { id: { not: siteId } } })).id;
  [officer, siteAdmin] = await Promise.all([actorFor("officer"), actorFor("siteadmin")]);
});

describe("who may ask how often", () => {
  it("limits an address to QA_REQUESTS_PER_MINUTE, in Chinese, with the seconds to wait", async () => {
    const results = [];
    for (let i = 0; i < 6; i += 1) results.push(await admitQaRequest({ siteId, ip: "203.0.113.7", apiKey: null }));
    expect(results.slice(0, 5).every((result) => result.allowed)).toBe(true);
    expect(results[5]).toMatchObject({ allowed: false, status: 429 });
    expect((results[5] as { message: string }).message).toMatch(/^提问过于频繁，请 \d+ 秒后再试。$/);
    expect(await admitQaRequest({ siteId, ip: "203.0.113.8", apiKey: null })).toMatchObject({ allowed: true });
  });

  it("gives a partner's key its own limit, on its own site only, until it is revoked", async () => {
    const created = await createQaKey(siteAdmin, { siteId, name: "12345 热线", requestsPerMinute: "3" });
    expect(created.key).toMatch(/^tyqa_/);
    const listed = await listQaKeys(siteAdmin);
    expect(listed.find((key) => key.id === created.id)).toMatchObject({ name: "12345 热线", requestsPerMinute: 3 });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    for (let i = 0; i < 3; i += 1)
      expect(await admitQaRequest({ siteId, ip: "203.0.113.7", apiKey: created.key })).toMatchObject({
        allowed: true,
        partner: { id: created.id },
      });
    expect(await admitQaRequest({ siteId, ip: "203.0.113.9", apiKey: created.key })).toMatchObject({
      allowed: false,
      status: 429,
    });
    expect(await admitQaRequest({ siteId: otherSiteId, ip: null, apiKey: created.key })).toEqual({
      allowed: false,
      status: 401,
      message: "接口密钥无效或已停用。",
    });
    expect(await admitQaRequest({ siteId, ip: null, apiKey: "tyqa_guessed" })).toMatchObject({ status: 401 });
    await revokeQaKey(siteAdmin, { keyId: created.id });
    const another = await createQaKey(siteAdmin, { siteId, name: "政务 App", requestsPerMinute: "100" });
    await revokeQaKey(siteAdmin, { keyId: another.id });
    expect(await admitQaRequest({ siteId, ip: null, apiKey: another.key })).toMatchObject({ status: 401 });
    const events = await getDb().auditEvent.findMany({ where: { subject: `qakey:${created.id}` } });
    expect(events.map((event) => event.action).sort()).toEqual([
      "interaction.ask.key.create",
      "interaction.ask.key.revoke",
    ]);
    expect(JSON.stringify(events.map((event) => event.data))).not.toContain(created.key);
  });

  it("refuses keys to anyone but the site's administrator", async () => {
    expect(await refusal(createQaKey(officer, { siteId, name: "热线", requestsPerMinute: "10" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const cultureAdmin = await makeUser("qa.culture.admin", "SITE_ADMIN", "重庆市文化和旅游发展委员会");
    expect(await refusal(createQaKey(cultureAdmin, { siteId, name: "热线", requestsPerMinute: "10" }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
