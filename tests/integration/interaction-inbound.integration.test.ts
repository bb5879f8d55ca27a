import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.INTERACTION_CAPTCHA_COST = "1";
  process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";
  process.env.INTERACTION_RELAY_MESSAGES_PER_MINUTE = "10";
  process.env.DELIVERY_RETRY_LIMIT = "2";
  process.env.DELIVERY_RETRY_DELAY_SECONDS = "1";
  process.env.DELIVERY_TIMEOUT_SECONDS = "2";
});

import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { hashPassword } from "@/lib/auth/password";
import { replyContentHash } from "@/lib/channels/reply-source";
import { verifyChannels } from "@/lib/channels/verify";
import { runDelivery } from "@/lib/channels/delivery-worker";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { acceptLetter } from "@/lib/interaction/handling/accept-letter";
import { assignLetter } from "@/lib/interaction/handling/assign-letter";
import { saveReply } from "@/lib/interaction/handling/save-reply";
import { submitReply } from "@/lib/interaction/handling/submit-reply";
import { reviewReply } from "@/lib/interaction/handling/review-reply";
import { rateLetter } from "@/lib/interaction/handling/rate-letter";
import { getLetter } from "@/lib/interaction/handling/get-letter";
import { getLetterStatus } from "@/lib/interaction/letter-status";
import { retryReplyDelivery } from "@/lib/interaction/inbound/retry-reply-delivery";
import type { DomainError } from "@/lib/errors";
import { actorFor, fileDb, makeUser, orgId } from "./helpers";
import { writeLetter } from "./support/interaction";
import { waitFor } from "./support/delivery";
import { lettersOfRelay, postAsRelay, registerRelay, relayedMessage, ReplyReceiver } from "./support/relay";

// Relayed messages on the real database (POST /api/interaction/inbound's use case): one letter in
// the same queue and on the same clocks as the site's own form, marked with its channel of origin;
// repeats by Idempotency-Key change nothing; the approved reply (and the 重办 reply) goes back to
// the relay as a delivery through the worker, hashed as the writer reads it.

const receiver = new ReplyReceiver();
let siteId: string;
let admin: Actor;
let handler: Actor;
let deputy: Actor;
let sectionHandler: Actor;
let disclosureUnit: string;

beforeAll(async () => {
  const db = await fileDb();
  await receiver.start();
  siteId = (await db.site.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
  [admin, handler, deputy] = await Promise.all([actorFor("siteadmin"), actorFor("handler"), actorFor("deputy")]);
  sectionHandler = await makeUser("relay-section-handler", "INTERACTION_HANDLER", "区政府办公室政务公开科");
  disclosureUnit = await orgId("区政府办公室政务公开科");
});

afterAll(async () => {
  await receiver.stop();
});

describe("a signed relayed message", () => {
  it("becomes one letter of its channel of origin, on the clocks of a letter written on the site", async () => {
    const relay = await registerRelay(admin, { siteId, origin: "WECHAT", url: receiver.url });
    const now = new Date("2026-09-30T02:00:00Z");
    const sentAt = new Date("2026-09-30T01:50:00Z");
    const body = relayedMessage({ receivedAt: "2026-09-30T09:50:00+08:00", writerIdNumber: "" });
    const answer = await postAsRelay(relay, body, { key: "wx-0001", now });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ messageId: body.messageId, typeName: "投诉", receivedAt: "2026-09-30 09:50" });
    expect(answer.body).not.toHaveProperty("password");

    const [letter, ...others] = await lettersOfRelay(relay.relayId);
    expect(others).toHaveLength(0);
    expect(letter).toMatchObject({
      queryCode: answer.body.queryCode,
      channel: "WECHAT",
      externalRef: body.messageId,
      state: "PENDING",
      writerPhone: "13812345678",
      writerIdNumber: null,
      consentToPublish: true,
    });
    expect(letter!.receivedAt).toEqual(sentAt);
    // Same queue, same clock: a letter written on the site at that moment has the same due dates.
    const web = await writeLetter(siteId, {}, sentAt);
    const webLetter = await getDb().letter.findUniqueOrThrow({ where: { queryCode: web.queryCode } });
    expect(letter!.acceptDueAt).toEqual(webLetter.acceptDueAt);
    expect(letter!.clock).toEqual(webLetter.clock);
    expect(letter!.typeId).toBe(webLetter.typeId);

    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { subject: `letter:${letter!.id}` } });
    expect(audit).toMatchObject({ action: "interaction.letter.relay", actorId: null });
    expect(JSON.stringify(audit.data)).not.toContain("13812345678");

    // Its handlers see where it came from.
    const view = await getLetter(handler, letter!.id);
    expect(view.channel).toBe("WECHAT");
    expect(view.relay).toMatchObject({ messageId: body.messageId, deliveries: [] });
  });

  it("answers a repeat with the first answer and creates nothing; refuses another body under the key", async () => {
    const relay = await registerRelay(admin, { siteId, origin: "MEDIA_CENTER", url: receiver.url });
    const body = relayedMessage();
    const first = await postAsRelay(relay, body, { key: "rmt-42" });
    expect(first.status).toBe(201);
    const repeat = await postAsRelay(relay, body, { key: "rmt-42" });
    expect(repeat).toEqual({ ...first, headers: { "Idempotent-Replayed": "true" } });
    expect(await lettersOfRelay(relay.relayId)).toHaveLength(1);

    const other = await postAsRelay(relay, { ...body, title: "另一条留言的标题" }, { key: "rmt-42" });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatch(/Idempotency-Key/);
    // The same message under a new key is already registered: its 查询码 is named, nothing is added.
    const again = await postAsRelay(relay, body, { key: "rmt-43" });
    expect(again.status).toBe(409);
    expect(again.body.queryCode).toBe(first.body.queryCode);
    expect(await lettersOfRelay(relay.relayId)).toHaveLength(1);
    expect(await getDb().relayMessage.count({ where: { relayId: relay.relayId } })).toBe(1);
  });

  it("refuses malformed messages with Chinese field errors and writes nothing", async () => {
    const relay = await registerRelay(admin, { siteId, origin: "NATIONAL", url: receiver.url });
    const cases: [string | Record<string, unknown>, number, string[]][] = [
      ['{"type": "complaint",', 400, []],
      [
        relayedMessage({ writerPhone: "12345", consentToPublish: "yes", receivedAt: "yesterday" }),
        400,
        ["writerPhone", "consentToPublish", "receivedAt"],
      ],
      [relayedMessage({ type: "petition" }), 400, ["type"]],
      [relayedMessage({ type: "correction" }), 400, ["pageUrl"]],
      [relayedMessage({ receivedAt: new Date(Date.now() + 3_600_000).toISOString() }), 400, ["receivedAt"]],
    ];
    for (const [body, status, fields] of cases) {
      const answer = await postAsRelay(relay, body);
      expect(answer.status).toBe(status);
      expect(String(answer.body.error)).toMatch(/[\u4e00-\u9fff]/);
      for (const field of fields) expect(Object.keys(answer.body.fieldErrors as object)).toContain(field);
    }
    expect(await lettersOfRelay(relay.relayId)).toHaveLength(0);
    expect(await getDb().relayMessage.count({ where: { relayId: relay.relayId } })).toBe(0);

    // A 网站纠错 with its page runs on the 48-hour clock from when the writer sent it.
    const sent = new Date(Date.now() - 60_000);
    const correction = await postAsRelay(
      relay,
      relayedMessage({
        type: "correction",
        pageUrl: "https://www.spb.gov.cn/zwgk/1.html",
        receivedAt: sent.toISOString(),
      }),
    );
    expect(correction.status).toBe(201);
    const [letter] = await lettersOfRelay(relay.relayId);
    expect(letter!.replyDueAt!.getTime() - letter!.receivedAt.getTime()).toBe(48 * 3_600_000);
    expect(letter!.channel).toBe("NATIONAL");
  });

  it("limits each relay's posts a minute", async () => {
    const relay = await registerRelay(admin, { siteId, origin: "HOTLINE", url: receiver.url });
    const answers = [];
    for (let index = 0; index < 11; index += 1) answers.push(await postAsRelay(relay, relayedMessage()));
    expect(answers.slice(0, 10).map((answer) => answer.status)).toEqual(Array(10).fill(201));
    expect(answers[10]).toMatchObject({ status: 429, headers: { "Retry-After": expect.stringMatching(/^\d+$/) } });
    expect(await lettersOfRelay(relay.relayId)).toHaveLength(10);
  });
});

async function answer(letterId: string, body: string) {
  let letter = await getDb().letter.findUniqueOrThrow({ where: { id: letterId } });
  if (letter.state === "PENDING") {
    await acceptLetter(handler, { letterId, version: letter.version });
    letter = await getDb().letter.findUniqueOrThrow({ where: { id: letterId } });
    await assignLetter(handler, {
      letterId,
      version: letter.version,
      unitIds: [disclosureUnit],
      leadUnitId: disclosureUnit,
    });
    letter = await getDb().letter.findUniqueOrThrow({ where: { id: letterId } });
  }
  await saveReply(sectionHandler, { letterId, version: letter.version, body });
  await submitReply(sectionHandler, { letterId, version: letter.version + 1 });
  await reviewReply(deputy, { letterId, version: letter.version + 2, decision: "APPROVE" });
}

describe("a reply that cannot go back as approved", () => {
  it("is not sent once its text changed, may be sent again by its unit, and a web letter's reply is never sent", async () => {
    // No job runner yet: the deliveries wait PENDING, and this test carries them out itself.
    const relay = await getDb().interactionRelay.findFirstOrThrow({ where: { origin: "WECHAT" } });
    const webReceipt = await writeLetter(siteId);
    const web = await getDb().letter.findUniqueOrThrow({ where: { queryCode: webReceipt.queryCode } });
    const before = await getDb().delivery.count();
    await answer(web.id, "您反映的问题已转区城市管理局处理，处理结果将另行答复。");
    expect(await getDb().delivery.count()).toBe(before);

    const [letter] = await getDb().letter.findMany({ where: { relayId: relay.id }, take: 1 });
    await answer(letter!.id, "您反映的天星桥公交站雨棚问题已交区交通局修复，预计本周内完成。");
    const reply = await getDb().letterReply.findFirstOrThrow({ where: { letterId: letter!.id, round: 1 } });
    const delivery = await getDb().delivery.findFirstOrThrow({ where: { letterReplyId: reply.id } });
    expect(delivery.status).toBe("PENDING");
    await getDb().letterReply.update({ where: { id: reply.id }, data: { body: `${reply.body}（已改）` } });
    expect(await runDelivery({ deliveryId: delivery.id, retryCount: 0, retryLimit: 2 })).toBe("failed");
    expect(await getDb().delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "FAILED",
      failure: "CONTENT_CHANGED",
    });
    await getDb().letterReply.update({ where: { id: reply.id }, data: { body: reply.body } });

    // 重新回传: only the answering unit's handler may send it again, and only while it is failed.
    const cultureHandler = await makeUser("relay-culture-handler", "INTERACTION_HANDLER", "重庆市文化和旅游发展委员会");
    const refusal = async (actor: Actor) =>
      ((await retryReplyDelivery(actor, { deliveryId: delivery.id }).catch((error: unknown) => error)) as DomainError)
        .code;
    expect(await refusal(cultureHandler)).toBe("NOT_FOUND");
    expect(await refusal(admin)).toBe("NOT_FOUND");
    await retryReplyDelivery(sectionHandler, { deliveryId: delivery.id });
    expect(await refusal(sectionHandler)).toBe("CONFLICT");
    expect(await runDelivery({ deliveryId: delivery.id, retryCount: 0, retryLimit: 2 })).toBe("acknowledged");
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "interaction.reply.redeliver" },
      orderBy: { seq: "desc" },
    });
    expect(audit).toMatchObject({ subject: `letter:${letter!.id}`, actorId: sectionHandler.id });
  });
});

describe("the reply to a relayed letter", () => {
  let runner: JobRunner;

  beforeAll(async () => {
    runner = await startJobRunner(process.env.DATABASE_URL!, "inbound-worker-in-test", () => {});
  });

  afterAll(async () => {
    await runner.stop();
  });

  it("goes back to the relay as one delivery hashed as the writer reads it, and so does the 重办 reply", async () => {
    const relay = await registerRelay(admin, { siteId, origin: "WEIBO", url: receiver.url });
    const posted = await postAsRelay(relay, relayedMessage({ messageId: "wb-2026-0815" }));
    const [letter] = await lettersOfRelay(relay.relayId);
    const text = "您反映的天星桥公交站雨棚破损问题，经区交通局核查属实，已于 2026 年 12 月 8 日完成修复。";
    await answer(letter!.id, text);

    const [delivery, ...more] = await getDb().delivery.findMany({ where: { channelId: relay.channelId } });
    expect(more).toHaveLength(0);
    expect(delivery).toMatchObject({
      action: "REPLY",
      publicationId: null,
      resourceId: null,
      contentHash: replyContentHash(text),
    });
    const done = await waitFor(async () => {
      const row = await getDb().delivery.findUniqueOrThrow({ where: { id: delivery!.id } });
      return row.status === "ACKNOWLEDGED" ? row : null;
    }, "the reply delivery");
    expect(done.remoteId).toMatch(/^reply-/);

    const received = receiver.received.filter((entry) => entry.body.reply?.messageId === "wb-2026-0815");
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      valid: true,
      key: delivery!.idempotencyKey,
      body: {
        event: "interaction.replied",
        contentHash: delivery!.contentHash,
        reply: { queryCode: posted.body.queryCode, round: 1, text, unitName: "区政府办公室政务公开科" },
      },
    });

    // Same source, same hash: the text the writer reads with the 查询码 hashes to the delivery's hash.
    await getDb().letter.update({ where: { id: letter!.id }, data: { passwordHash: await hashPassword("ABCDEFGH") } });
    const credentials = { queryCode: String(posted.body.queryCode), password: "ABCDEFGH" };
    const status = await getLetterStatus(siteId, credentials, null);
    expect(replyContentHash(status.replies[0]!.body)).toBe(delivery!.contentHash);

    // 不满意 → 重办: the second reply goes back as a delivery of its own.
    await rateLetter(siteId, { ...credentials, rating: "DISSATISFIED", rework: "yes" });
    const second = "经再次核查，已在该站台增设临时雨棚，并安排每日巡查，直至新雨棚安装完毕。";
    await answer(letter!.id, second);
    await waitFor(
      async () => receiver.received.find((entry) => entry.body.reply?.round === 2 && entry.body.reply.text === second),
      "the 重办 reply",
    );
    const deliveries = await getDb().delivery.findMany({
      where: { channelId: relay.channelId },
      orderBy: { createdAt: "asc" },
    });
    expect(deliveries.map((row) => row.contentHash)).toEqual([replyContentHash(text), replyContentHash(second)]);
    expect(new Set(deliveries.map((row) => row.idempotencyKey)).size).toBe(2);

    // The letter's page shows both, in words.
    const view = await getLetter(handler, letter!.id);
    expect(view.relay!.deliveries.map((row) => [row.round, row.stateLabel])).toEqual([
      [1, expect.stringMatching(/确认|送达|已/)],
      [2, expect.any(String)],
    ]);

    // 同源核验 covers replies: both went back as approved; a changed record is named.
    const ofRelay = <T extends { channelId: string }>(items: T[]) =>
      items.filter((item) => item.channelId === relay.channelId);
    let report = await verifyChannels(getDb());
    expect([...ofRelay(report.mismatches), ...ofRelay(report.missing)]).toEqual([]);
    await getDb().delivery.update({
      where: { id: deliveries[1]!.id },
      data: { contentHash: replyContentHash("别的文字") },
    });
    await getDb().delivery.delete({ where: { id: deliveries[0]!.id } });
    report = await verifyChannels(getDb());
    expect(ofRelay(report.mismatches).map((item) => [item.deliveryId, item.message])).toEqual([
      [deliveries[1]!.id, "回传的答复与审核通过的答复正文不一致"],
    ]);
    expect(ofRelay(report.missing).map((item) => item.title)).toEqual([
      `留言答复（${posted.body.queryCode}，第 1 轮）`,
    ]);
    await getDb().delivery.update({
      where: { id: deliveries[1]!.id },
      data: { contentHash: deliveries[1]!.contentHash },
    });
  });
});
