// The captcha's proof of work is kept small here by configuration, as an e2e run would set it.
process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";
process.env.INTERACTION_LETTERS_PER_HOUR = "4";
// Letter passwords are hashed with a key derived from AUTH_SECRET, as in every deployment.
process.env.AUTH_SECRET = "intake-test-secret-intake-test-secret";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { submitLetter } from "@/lib/interaction/submit-letter";
import { verifyLetterPassword } from "@/lib/interaction/letter-password";
import { listInteractionTypes } from "@/lib/interaction/list-types";
import { QUERY_CODE_PATTERN } from "@/lib/interaction/query-code";
import { getAssetStore } from "@/lib/library/asset-store";
import { fileDb } from "./helpers";
import { letterForm, refused } from "./support/interaction";

// 政民互动 intake against the real database: a letter is stored with its 查询码, hashed password and
// acceptance due date; every trap (captcha forged, wrong or replayed, honeypot, rate limit, bad
// fields, bad attachment) refuses with a Chinese message and writes nothing.

const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);

let siteId: string;
let otherSiteId: string;
let address = 0;
/** A fresh client address, so the per-address limit of one test does not reach another. */
const nextIp = () => `203.0.113.${++address}`;

async function form(change: Record<string, string> = {}) {
  return letterForm({
    content: "沙坪坝区某小区门口每天傍晚有摊贩占道经营，影响通行，联系人张三，电话 13812345678。",
    writerName: "张三",
    writerPhone: "138 1234 5678",
    writerIdNumber: "11010519491231002X",
    writerEmail: "zhangsan@example.cn",
    website: "",
    ...change,
  });
}

async function counts() {
  const db = getDb();
  const [letters, attachments, captchas, audits] = await Promise.all([
    db.letter.count(),
    db.letterAttachment.count(),
    db.captchaUse.count(),
    db.auditEvent.count(),
  ]);
  return { letters, attachments, captchas, audits };
}

const refusal = (work: () => Promise<unknown>) => refused(work, "INVALID");

beforeAll(async () => {
  const db = await fileDb();
  const sites = await db.site.findMany({ orderBy: { position: "asc" } });
  siteId = sites[0]!.id;
  otherSiteId = sites[1]!.id;
  expect(getEnv().INTERACTION_CAPTCHA_MAX_COUNTER).toBe(20);
});

describe("message types", () => {
  it("both demo sites accept 信箱, 咨询, 投诉, 建议 and 网站纠错, each with its unit and limits", async () => {
    for (const id of [siteId, otherSiteId]) {
      const types = await listInteractionTypes(id);
      expect(types.map((type) => type.category)).toEqual([
        "MAILBOX",
        "CONSULT",
        "COMPLAINT",
        "SUGGESTION",
        "CORRECTION",
      ]);
      expect(types.find((type) => type.code === "consult")).toMatchObject({
        acceptWorkingDays: 1,
        replyWorkingDays: 5,
      });
      expect(types.find((type) => type.code === "complaint")).toMatchObject({ replyWorkingDays: 7 });
      expect(types.find((type) => type.code === "correction")).toMatchObject({
        replyHours: 48,
        replyWorkingDays: null,
      });
      for (const type of types) expect(type.unitName).toBeTruthy();
    }
  });
});

describe("a letter from the public", () => {
  it("is stored 待受理 with its 查询码, a hashed password and private attachments, and audited without PII", async () => {
    const before = await counts();
    const receipt = await submitLetter(siteId, await form(), [{ fileName: "现场.png", bytes: PNG }], {
      ip: nextIp(),
      userAgent: "vitest",
    });
    expect(receipt.queryCode).toMatch(QUERY_CODE_PATTERN);
    expect(receipt.password).toMatch(/^[A-Z2-9]{8}$/);
    const letter = await getDb().letter.findUniqueOrThrow({
      where: { queryCode: receipt.queryCode },
      include: { attachments: true, type: true },
    });
    expect(letter).toMatchObject({
      state: "PENDING",
      channel: "WEB",
      writerPhone: "13812345678",
      writerIdNumber: "11010519491231002X",
      consentToPublish: true,
      pageUrl: null,
      replyDueAt: null,
    });
    expect(letter.type.code).toBe("complaint");
    expect(letter.passwordHash).not.toContain(receipt.password);
    expect(letter.passwordHash).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(await verifyLetterPassword(letter.passwordHash, receipt.password)).toBe(true);
    expect(await verifyLetterPassword(letter.passwordHash, "ABCDEFGH")).toBe(false);
    expect(letter.attachments).toHaveLength(1);
    expect(letter.attachments[0]).toMatchObject({ fileName: "现场.png", mimeType: "image/png", size: PNG.byteLength });
    expect(Buffer.from(await getAssetStore().get(letter.attachments[0]!.storageKey)).equals(Buffer.from(PNG))).toBe(
      true,
    );
    expect(await counts()).toEqual({
      letters: before.letters + 1,
      attachments: before.attachments + 1,
      captchas: before.captchas + 1,
      audits: before.audits + 1,
    });
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { subject: `letter:${letter.id}` } });
    expect(audit.action).toBe("interaction.letter.submit");
    expect(audit.ip).toBe(`203.0.113.${address}`);
    const recorded = JSON.stringify(audit.data);
    for (const secret of ["张三", "13812345678", "11010519491231002X", "zhangsan@example.cn", receipt.password])
      expect(recorded).not.toContain(secret);
  });

  it("网站纠错 keeps the page address and is due 48 hours after receipt", async () => {
    const now = new Date("2026-12-04T02:00:00Z");
    const receipt = await submitLetter(
      otherSiteId,
      await form({ type: "correction", title: "页面错别字", pageUrl: "http://wlw.localhost/content/abc?x=1" }),
      [],
      { ip: nextIp() },
      now,
    );
    expect(receipt.replyDueAt?.toISOString()).toBe("2026-12-06T02:00:00.000Z");
    const letter = await getDb().letter.findUniqueOrThrow({ where: { queryCode: receipt.queryCode } });
    expect(letter.pageUrl).toBe("http://wlw.localhost/content/abc?x=1");
    expect(letter.clock).toMatchObject({ reply: { hours: 48 } });
  });

  it("submitted the day before National Day 2026, it is due for acceptance on the first working day after", async () => {
    // 2026-09-30 10:00 China time; 10-01…10-07 are 国庆节 days off.
    const receipt = await submitLetter(siteId, await form(), [], { ip: nextIp() }, new Date("2026-09-30T02:00:00Z"));
    expect(receipt.acceptDueAt.toISOString()).toBe("2026-10-08T15:59:59.999Z");
    const letter = await getDb().letter.findUniqueOrThrow({ where: { queryCode: receipt.queryCode } });
    const clock = letter.clock as {
      accept: { start: string; due: string; skipped: { date: string; reason: string }[] };
    };
    expect(clock.accept.start).toBe("2026-09-30");
    expect(clock.accept.due).toBe("2026-10-08");
    expect(clock.accept.skipped.map((day) => day.date)).toEqual([
      "2026-10-01",
      "2026-10-02",
      "2026-10-03",
      "2026-10-04",
      "2026-10-05",
      "2026-10-06",
      "2026-10-07",
    ]);
    expect(new Set(clock.accept.skipped.map((day) => day.reason))).toEqual(new Set(["国庆节"]));
  });
});

describe("refusals write nothing", () => {
  it("a forged, wrong or missing captcha", async () => {
    const good = await form();
    const payload = JSON.parse(Buffer.from(good.captcha, "base64").toString("utf8"));
    const forged = structuredClone(payload);
    forged.challenge.parameters.expiresAt += 3600;
    const wrong = structuredClone(payload);
    // A key the counter does not derive (the derived key is what proves the work).
    wrong.solution.derivedKey = wrong.solution.derivedKey.replace(/.$/, (last: string) => (last === "0" ? "1" : "0"));
    const before = await counts();
    for (const captcha of [
      "",
      "not-base64-json",
      Buffer.from(JSON.stringify(forged)).toString("base64"),
      Buffer.from(JSON.stringify(wrong)).toString("base64"),
    ]) {
      const error = await refusal(() => submitLetter(siteId, { ...good, captcha }, [], { ip: nextIp() }));
      expect(error.fieldErrors.captcha?.[0]).toMatch(/人机验证/);
    }
    expect(await counts()).toEqual(before);
  });

  it("a replayed captcha: one letter per solved challenge", async () => {
    const first = await form();
    await submitLetter(siteId, first, [], { ip: nextIp() });
    const before = await counts();
    const error = await refusal(() => submitLetter(siteId, { ...first, title: "再次提交" }, [], { ip: nextIp() }));
    expect(error.fieldErrors.captcha).toBeDefined();
    expect(await counts()).toEqual(before);
  });

  it("the honeypot filled in", async () => {
    const before = await counts();
    await refusal(async () =>
      submitLetter(siteId, await form({ website: "http://spam.example" }), [], { ip: nextIp() }),
    );
    expect(await counts()).toEqual(before);
  });

  it("bad fields: phone, ID number, type of another site's making, 纠错 without its page, consent unanswered", async () => {
    const before = await counts();
    const cases: [Record<string, string>, string][] = [
      [{ writerPhone: "12345" }, "writerPhone"],
      [{ writerIdNumber: "110105194912310021" }, "writerIdNumber"],
      [{ type: "no-such-type" }, "type"],
      [{ type: "correction" }, "pageUrl"],
      [{ consentToPublish: "" }, "consentToPublish"],
      [{ privacyAccepted: "no" }, "privacyAccepted"],
      [{ content: `含有${"\u0000"}字符的内容，足够十个字` }, "content"],
    ];
    for (const [change, field] of cases) {
      const error = await refusal(async () => submitLetter(siteId, await form(change), [], { ip: nextIp() }));
      expect(error.fieldErrors[field], field).toBeDefined();
    }
    expect(await counts()).toEqual(before);
  });

  it("attachments that are not what they claim, or too many", async () => {
    const before = await counts();
    const text = new TextEncoder().encode("not an image at all");
    for (const files of [
      [{ fileName: "照片.png", bytes: text }],
      [{ fileName: "文件.exe", bytes: PNG }],
      Array.from({ length: 4 }, (_, index) => ({ fileName: `${index}.png`, bytes: PNG })),
    ]) {
      const error = await refusal(async () => submitLetter(siteId, await form(), files, { ip: nextIp() }));
      expect(error.fieldErrors.attachments).toBeDefined();
    }
    expect(await counts()).toEqual(before);
  });

  it("more letters from one address than the hourly limit; another address is still served", async () => {
    const ip = nextIp();
    for (let i = 0; i < 4; i += 1) await submitLetter(siteId, await form({ title: `第${i + 1}封信` }), [], { ip });
    const before = await counts();
    const error = await refusal(async () => submitLetter(siteId, await form(), [], { ip }));
    expect(error.message).toMatch(/提交过于频繁/);
    expect(await counts()).toEqual(before);
    await submitLetter(siteId, await form(), [], { ip: nextIp() });
  });
});
