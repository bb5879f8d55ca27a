import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { checkSameOrigin } from "@/lib/http/same-origin";
import { rotateRelaySecret, setRelayActive, createRelay } from "@/lib/interaction/inbound/relays";
import { actorFor, fileDb, makeUser } from "../helpers";
import { postAsRelay, registerRelay, relayedMessage } from "../support/relay";
import { countRows } from "./row-counts";

// What protects the letter queue from posts that are not a registered relay's (#25 item 6): an
// unsigned, badly signed, altered, stale, unknown or stopped relay's post is refused 401/403 with
// a Chinese message and writes nothing — not a letter, not an audit event, not a rate-limit count.
// Only a site administrator of the site's unit registers, re-keys or stops a relay, and the
// secret is kept nowhere in the clear.

let siteId: string;
let admin: Actor;
let relay: { relayId: string; secret: string; channelId: string };
let other: { relayId: string; secret: string; channelId: string };

beforeAll(async () => {
  const db = await fileDb();
  siteId = (await db.site.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
  admin = await actorFor("siteadmin");
  relay = await registerRelay(admin, { siteId, origin: "WECHAT", url: "https://rmt.spb.example.cn/replies" });
  other = await registerRelay(admin, { siteId, origin: "WEIBO", url: "https://rmt.spb.example.cn/replies" });
});

async function refusedWithoutWriting(
  post: () => Promise<{ status: number; body: Record<string, unknown> }>,
  status: number,
) {
  const before = await countRows();
  const answer = await post();
  expect(answer.status).toBe(status);
  expect(String(answer.body.error)).toMatch(/[\u4e00-\u9fff]/);
  expect(await countRows()).toEqual(before);
  return answer;
}

describe("posts that are not a registered relay's", () => {
  it("refuses a post without any one of the signature headers", async () => {
    for (const header of ["X-Tongyuan-Relay", "X-Tongyuan-Timestamp", "X-Tongyuan-Signature"])
      await refusedWithoutWriting(() => postAsRelay(relay, relayedMessage(), { omit: [header] }), 401);
  });

  it("refuses a wrong signature, another relay's secret, and a body altered after signing", async () => {
    await refusedWithoutWriting(
      () => postAsRelay(relay, relayedMessage(), { signature: "sha256=" + "0".repeat(64) }),
      401,
    );
    await refusedWithoutWriting(() => postAsRelay(relay, relayedMessage(), { signWith: other.secret }), 401);
    const body = relayedMessage();
    await refusedWithoutWriting(
      () => postAsRelay(relay, body, { sentBody: JSON.stringify({ ...body, consentToPublish: false }) }),
      401,
    );
  });

  it("refuses a stale or future timestamp, so a captured post cannot be replayed later", async () => {
    const now = Math.floor(Date.now() / 1000);
    await refusedWithoutWriting(() => postAsRelay(relay, relayedMessage(), { timestamp: String(now - 301) }), 401);
    await refusedWithoutWriting(() => postAsRelay(relay, relayedMessage(), { timestamp: String(now + 400) }), 401);
    await refusedWithoutWriting(() => postAsRelay(relay, relayedMessage(), { timestamp: "soon" }), 401);
  });

  it("refuses an unknown relay id, and a relay id that is not one at all", async () => {
    await refusedWithoutWriting(() => postAsRelay({ ...relay, relayId: randomUUID() }, relayedMessage()), 401);
    await refusedWithoutWriting(
      () => postAsRelay({ ...relay, relayId: '\'; drop table "Letter"; --' }, relayedMessage()),
      401,
    );
  });

  it("refuses a post without an Idempotency-Key, and an oversized body, before reading it", async () => {
    await refusedWithoutWriting(() => postAsRelay(relay, relayedMessage(), { omit: ["Idempotency-Key"] }), 400);
    await refusedWithoutWriting(() => postAsRelay(relay, relayedMessage({ content: "长".repeat(40_000) })), 413);
  });

  it("refuses a stopped relay (403) and the old secret after a rotation (401)", async () => {
    const stopped = await registerRelay(admin, { siteId, origin: "HOTLINE", url: "https://12345.example.cn/replies" });
    await setRelayActive(admin, { relayId: stopped.relayId, active: false });
    await refusedWithoutWriting(() => postAsRelay(stopped, relayedMessage()), 403);

    const rotated = await registerRelay(admin, {
      siteId,
      origin: "MEDIA_CENTER",
      url: "https://rmt.example.cn/replies",
    });
    const { secret } = await rotateRelaySecret(admin, { relayId: rotated.relayId });
    await refusedWithoutWriting(() => postAsRelay(rotated, relayedMessage()), 401);
    expect((await postAsRelay({ ...rotated, secret }, relayedMessage())).status).toBe(201);
  });

  it("lets only signed machine posts past the same-origin guard, never a page of another origin", () => {
    const post = (url: string, headers: Record<string, string> = {}) =>
      checkSameOrigin({ method: "POST", url, headers: { host: "www.spb.gov.cn", ...headers }, https: true });
    expect(post("/api/interaction/inbound")).toEqual({ ok: true });
    expect(post("/api/interaction/inbound", { origin: "https://evil.example" }).ok).toBe(false);
    expect(post("/api/interaction/inbound/../letters").ok).toBe(false);
    expect(post("/api/interaction/letters").ok).toBe(false);
  });
});

describe("relay administration", () => {
  it("is refused to anyone but a site administrator of the site's unit", async () => {
    const [editor, handler] = await Promise.all([actorFor("editor"), actorFor("handler")]);
    const cultureAdmin = await makeUser("culture-siteadmin", "SITE_ADMIN", "重庆市文化和旅游发展委员会");
    const input = { siteId, name: "冒名接入", origin: "NATIONAL", channelId: relay.channelId };
    for (const actor of [editor, handler, cultureAdmin, null]) {
      const before = await countRows();
      const error = await createRelay(actor, input).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DomainError);
      expect(["FORBIDDEN", "UNAUTHENTICATED"]).toContain((error as DomainError).code);
      const rotate = await rotateRelaySecret(actor, { relayId: relay.relayId }).catch((caught: unknown) => caught);
      expect(rotate).toBeInstanceOf(DomainError);
      const stop = await setRelayActive(actor, { relayId: relay.relayId, active: false }).catch(
        (caught: unknown) => caught,
      );
      expect(stop).toBeInstanceOf(DomainError);
      expect(await countRows()).toEqual(before);
    }
  });

  it("keeps the secret only encrypted, and out of the audit log", async () => {
    const stored = await getDb().interactionRelay.findUniqueOrThrow({ where: { id: relay.relayId } });
    expect(stored.secret).not.toContain(relay.secret);
    const audits = await getDb().auditEvent.findMany({ where: { action: { startsWith: "interaction.relay." } } });
    expect(audits.length).toBeGreaterThanOrEqual(2);
    for (const audit of audits) expect(JSON.stringify(audit.data)).not.toContain(relay.secret);
  });
});
