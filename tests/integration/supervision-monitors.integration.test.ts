import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { ResourceKind } from "@/lib/db/generated/client";
import { addChinaMonths } from "@/lib/time/china";
import { DEFAULT_THRESHOLDS, type CheckName, type CheckResult } from "@/lib/supervision/checks";
import { measureFreshness } from "@/lib/supervision/monitors/freshness";
import { measureInteraction } from "@/lib/supervision/monitors/interaction";
import { measureAvailability } from "@/lib/supervision/monitors/availability";
import { measureAccount } from "@/lib/supervision/monitors/accounts";
import { measureContent } from "@/lib/supervision/monitors/content";
import { fileDb, orgId } from "./helpers";
import { at } from "./support/interaction";

// Each veto line of 国办秘函〔2019〕19号 triggers exactly at its threshold, and its warning earlier,
// measured with a fixed clock on a site built for the test (the demo platform's units around it).

const NOW = at("2026-11-16T10:00:00");
const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUSING = "重庆市住房和城乡建设委员会";
const thresholds = DEFAULT_THRESHOLDS;

let siteSerial = 0;
let authorId = "";

async function newSite(name = "监测测试网站") {
  siteSerial += 1;
  return getDb().site.create({
    data: {
      name: `${name}${siteSerial}`,
      siteCode: `50000099${String(siteSerial).padStart(2, "0")}`,
      orgId: await orgId(HOUSING),
      position: 100 + siteSerial,
      hosts: { create: { host: `jc${siteSerial}.localhost` } },
    },
  });
}

async function column(siteId: string, name: string, options: { parentId?: string; kind?: "LIST" | "PAGE" } = {}) {
  return getDb().column.create({
    data: {
      siteId,
      name,
      slug: `c${Math.random().toString(36).slice(2, 10)}`,
      kind: options.kind ?? "LIST",
      parentId: options.parentId ?? null,
    },
  });
}

/** A live item placed in the column, published at `publishedAt`. */
async function item(columnId: string, publishedAt: Date, kind: ResourceKind = "ARTICLE", body?: string, doc?: object) {
  const db = getDb();
  const org = await orgId(HOUSING);
  const resource = await db.resource.create({
    data: { kind, ownerOrgId: org, createdById: authorId, state: "PUBLISHED", title: "测试信息", version: 1 },
  });
  const text = body ?? "住房城乡建设工作动态";
  const revision = await db.revision.create({
    data: {
      resourceId: resource.id,
      number: 1,
      title: "测试信息",
      body: doc ?? { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
      bodyHtml: `<p>${text}</p>`,
      metadata: {},
      contentHash: `h${resource.id}`,
      authorId,
    },
  });
  await db.publication.create({
    data: { resourceId: resource.id, revisionId: revision.id, origin: "IMPORTED", publishedAt },
  });
  await db.placement.create({ data: { columnId, resourceId: resource.id } });
  return resource;
}

const byName = (results: CheckResult[], name: CheckName) => results.find((result) => result.name === name)!;

async function freshness(siteId: string, now = NOW) {
  const site = await getDb().site.findUniqueOrThrow({ where: { id: siteId } });
  return measureFreshness(getDb(), site, now, thresholds);
}

beforeAll(async () => {
  const db = await fileDb();
  authorId = (await db.user.findUniqueOrThrow({ where: { username: "editor" } })).id;
});

describe("首页不更新: 2 weeks, warned at 10 days", () => {
  it("fails at exactly 14 days, warns from 10 days, passes before", async () => {
    const site = await newSite();
    const news = await column(site.id, "工作动态");
    await item(news.id, new Date(NOW.getTime() - 14 * DAY));
    expect(byName(await freshness(site.id), "site.home-stale").status).toBe("fail");
    expect(byName(await freshness(site.id, new Date(NOW.getTime() - MINUTE)), "site.home-stale").status).toBe("warn");
    expect(byName(await freshness(site.id, new Date(NOW.getTime() - 4 * DAY)), "site.home-stale").status).toBe("warn");
    expect(byName(await freshness(site.id, new Date(NOW.getTime() - 4 * DAY - MINUTE)), "site.home-stale").status).toBe(
      "ok",
    );
  });

  it("counts a home page showing only undated items as not updated", async () => {
    const site = await newSite();
    const leaders = await column(site.id, "领导之窗");
    await item(leaders.id, new Date(NOW.getTime() - DAY), "LEADER");
    const home = byName(await freshness(site.id), "site.home-stale");
    expect(home.status).toBe("fail");
    expect(home.evidence).toMatchObject({ newest: null });
  });
});

describe("栏目不更新", () => {
  it("a 动态 column is stale at 14 days (warned at 10); five of them fail the site, three warn", async () => {
    const site = await newSite();
    const columns = await Promise.all([1, 2, 3, 4, 5].map((n) => column(site.id, `部门动态${n}`)));
    // A fresh column keeps the home page fresh: only the columns are measured here.
    const fresh = await column(site.id, "要闻");
    await item(fresh.id, NOW);
    for (const entry of columns.slice(0, 4)) await item(entry.id, new Date(NOW.getTime() - 14 * DAY));
    await item(columns[4]!.id, new Date(NOW.getTime() - 14 * DAY + MINUTE));
    let stale = byName(await freshness(site.id), "site.columns-stale");
    expect(stale.measured).toBe(4);
    expect(stale.status).toBe("warn");
    const warned = (stale.evidence.warned as { columnId: string }[]).map((entry) => entry.columnId);
    expect(warned).toEqual([columns[4]!.id]);
    // One minute later the fifth reaches its line: five stale columns, the veto line.
    stale = byName(await freshness(site.id, new Date(NOW.getTime() + MINUTE)), "site.columns-stale");
    expect(stale.measured).toBe(5);
    expect(stale.status).toBe("fail");
    expect(stale.veto).toBe(true);
    // Nine days before: none stale, none warned.
    expect(byName(await freshness(site.id, new Date(NOW.getTime() - 5 * DAY)), "site.columns-stale").status).toBe("ok");
    // Three stale columns already warn the site.
    expect(byName(await freshness(site.id, new Date(NOW.getTime() - 4 * DAY)), "site.columns-stale").status).toBe(
      "warn",
    );
  });

  it("a top-level 通知公告 column is stale at 6 calendar months, warned at 5; a lower one is not held to it", async () => {
    const site = await newSite();
    const fresh = await column(site.id, "要闻");
    await item(fresh.id, NOW);
    const notices = await column(site.id, "通知公告");
    await item(notices.id, addChinaMonths(NOW, -6));
    let stale = byName(await freshness(site.id), "site.columns-stale");
    expect(stale.measured).toBe(1);
    expect((stale.evidence.columns as { class: string }[])[0]!.class).toBe("notice");
    stale = byName(await freshness(site.id, new Date(NOW.getTime() - MINUTE)), "site.columns-stale");
    expect(stale.measured).toBe(0);
    expect((stale.evidence.warned as { columnId: string }[]).map((entry) => entry.columnId)).toEqual([notices.id]);
    // Five months less a minute: no warning yet.
    stale = byName(
      await freshness(site.id, new Date(addChinaMonths(NOW, -1).getTime() - MINUTE)),
      "site.columns-stale",
    );
    expect(stale.evidence.warned).toEqual([]);
  });

  it("five blank columns fail the site, three warn; a column with only undated items is stale, not blank", async () => {
    const site = await newSite();
    const fresh = await column(site.id, "要闻");
    await item(fresh.id, NOW);
    const blanks = [];
    for (const n of [1, 2, 3]) blanks.push(await column(site.id, `专项工作${n}`));
    let blank = byName(await freshness(site.id), "site.columns-blank");
    expect(blank.measured).toBe(3);
    expect(blank.status).toBe("warn");
    for (const n of [4, 5]) blanks.push(await column(site.id, `专项工作${n}`));
    blank = byName(await freshness(site.id), "site.columns-blank");
    expect(blank.measured).toBe(5);
    expect(blank.status).toBe("fail");
    // An item without a publication date fills the column but does not update it.
    const undated = await column(site.id, "政务动态");
    await item(undated.id, new Date(NOW.getTime() - DAY), "MEDIA");
    const results = await freshness(site.id);
    expect(byName(results, "site.columns-blank").measured).toBe(5);
    const stale = byName(results, "site.columns-stale").evidence.columns as { columnId: string; undated?: boolean }[];
    expect(stale).toEqual([expect.objectContaining({ columnId: undated.id, undated: true })]);
  });

  it("ten long-unupdated 'should update' columns fail the site", async () => {
    const site = await newSite();
    const fresh = await column(site.id, "要闻");
    await item(fresh.id, NOW);
    for (let n = 1; n <= 10; n += 1) {
      const entry = await column(site.id, `统计数据${n}`);
      await item(entry.id, new Date(NOW.getTime() - (n === 10 ? 364 : 365) * DAY));
    }
    let long = byName(await freshness(site.id), "site.columns-long-stale");
    expect(long.measured).toBe(9);
    expect(long.status).toBe("warn");
    long = byName(await freshness(site.id, new Date(NOW.getTime() + DAY)), "site.columns-long-stale");
    expect(long.measured).toBe(10);
    expect(long.status).toBe("fail");
  });
});

describe("互动回应差", () => {
  async function letter(
    siteId: string,
    typeId: string,
    receivedAt: Date,
    state: "PENDING" | "ANSWERED" | "REJECTED" = "PENDING",
  ) {
    return getDb().letter.create({
      data: {
        siteId,
        typeId,
        queryCode: `Q${Math.random().toString(36).slice(2, 12)}`,
        passwordHash: "x",
        title: "咨询公租房申请条件",
        content: "请问公租房申请需要哪些材料？",
        writerName: "王女士",
        writerPhone: "13800000000",
        consentToPublish: false,
        state,
        receivedAt,
        acceptDueAt: receivedAt,
        clock: {},
      },
    });
  }

  it("fails past 3 months unanswered (not at 3 months), warns from 1 month; no channel fails", async () => {
    const site = await newSite();
    let results = await measureInteraction(getDb(), site.id, NOW, thresholds);
    expect(byName(results, "site.interaction-channel").status).toBe("fail");
    const type = await getDb().interactionType.create({
      data: {
        siteId: site.id,
        code: "consult",
        name: "咨询",
        category: "CONSULT",
        description: "政策咨询",
        unitId: await orgId(HOUSING),
        replyWorkingDays: 5,
      },
    });
    results = await measureInteraction(getDb(), site.id, NOW, thresholds);
    expect(byName(results, "site.interaction-channel").status).toBe("ok");
    expect(byName(results, "site.interaction-unanswered").status).toBe("ok");
    const received = addChinaMonths(NOW, -3);
    await letter(site.id, type.id, received);
    // Answered, rejected and year-old messages do not count.
    await letter(site.id, type.id, addChinaMonths(NOW, -5), "ANSWERED");
    await letter(site.id, type.id, addChinaMonths(NOW, -4), "REJECTED");
    await letter(site.id, type.id, addChinaMonths(NOW, -16));
    expect(
      byName(await measureInteraction(getDb(), site.id, NOW, thresholds), "site.interaction-unanswered").status,
    ).toBe("warn");
    const later = new Date(NOW.getTime() + 1);
    const unanswered = byName(
      await measureInteraction(getDb(), site.id, later, thresholds),
      "site.interaction-unanswered",
    );
    expect(unanswered.status).toBe("fail");
    expect(unanswered.evidence).toMatchObject({ title: "咨询公租房申请条件" });
    // The warning, like the line, counts from past the month.
    const oneMonth = addChinaMonths(received, 1);
    expect(
      byName(
        await measureInteraction(getDb(), site.id, new Date(oneMonth.getTime() + 1), thresholds),
        "site.interaction-unanswered",
      ).status,
    ).toBe("warn");
    expect(
      byName(await measureInteraction(getDb(), site.id, oneMonth, thresholds), "site.interaction-unanswered").status,
    ).toBe("ok");
  });
});

describe("站点无法访问", () => {
  it("fails at 5 % failed probes over the week, warns from 2 %, decides nothing on too few probes", async () => {
    const site = await newSite();
    const probes = (failures: number, total: number, from: Date) =>
      Array.from({ length: total }, (_, n) => ({
        siteId: site.id,
        at: new Date(from.getTime() + n * 30 * MINUTE),
        url: "http://jc.localhost/",
        ok: n >= failures,
        elapsedMs: n >= failures ? 120 : 15_000,
        error: n >= failures ? null : "超时（15 秒）",
      }));
    await getDb().availabilityProbe.createMany({ data: probes(1, 10, new Date(NOW.getTime() - 6 * DAY)) });
    let result = await measureAvailability(getDb(), site.id, NOW, thresholds);
    expect(result.measured).toBe(0.1);
    expect(result.status).toBe("warn");
    await getDb().availabilityProbe.createMany({ data: probes(4, 90, new Date(NOW.getTime() - 5 * DAY + MINUTE)) });
    result = await measureAvailability(getDb(), site.id, NOW, thresholds);
    expect(result.measured).toBe(0.05);
    expect(result.status).toBe("fail");
    // Probes older than the rolling week leave the window.
    result = await measureAvailability(getDb(), site.id, new Date(NOW.getTime() + DAY + 6 * 60 * MINUTE), thresholds);
    expect(result.evidence).toMatchObject({ probes: 90, failures: 4 });
    expect(result.status).toBe("warn");
    expect(result.measured).toBeCloseTo(4 / 90);
  });
});

describe("政务新媒体", () => {
  it("an account is stale at 14 days (warned at 10), short of 3 updates a week below target, interaction warned when unseen", async () => {
    const db = getDb();
    const org = await orgId(HOUSING);
    const account = await db.newMediaAccount.create({
      data: { orgId: org, platform: "WECHAT", name: "重庆住建", manager: "陈红", phone: "023-63672222" },
    });
    const facts = { id: account.id, name: account.name, platform: account.platform, orgId: org };
    let results = await measureAccount(db, facts, NOW, thresholds);
    expect(byName(results, "account.stale")).toMatchObject({ status: "warn", evidence: { measurable: false } });
    const channel = await db.channel.create({
      data: { name: "重庆住建公众号", kind: "WECHAT", orgId: org, accountId: account.id, config: {} },
    });
    const deliver = (sentAt: Date, n: number) =>
      db.delivery.create({
        data: {
          channelId: channel.id,
          action: "PUBLISH",
          contentHash: "h",
          idempotencyKey: `k${account.id}${n}`,
          status: "ACKNOWLEDGED",
          sentAt,
        },
      });
    await deliver(new Date(NOW.getTime() - 14 * DAY), 1);
    results = await measureAccount(db, facts, NOW, thresholds);
    expect(byName(results, "account.stale").status).toBe("fail");
    expect(byName(results, "account.stale").veto).toBe(true);
    expect(
      byName(await measureAccount(db, facts, new Date(NOW.getTime() - MINUTE), thresholds), "account.stale").status,
    ).toBe("warn");
    expect(
      byName(await measureAccount(db, facts, new Date(NOW.getTime() - 4 * DAY - MINUTE), thresholds), "account.stale")
        .status,
    ).toBe("ok");
    await deliver(new Date(NOW.getTime() - 3 * DAY), 2);
    await deliver(new Date(NOW.getTime() - 2 * DAY), 3);
    results = await measureAccount(db, facts, NOW, thresholds);
    expect(byName(results, "account.weekly-updates")).toMatchObject({ status: "fail", measured: 2, veto: false });
    await deliver(new Date(NOW.getTime() - DAY), 4);
    results = await measureAccount(db, facts, NOW, thresholds);
    expect(byName(results, "account.weekly-updates")).toMatchObject({ status: "ok", measured: 3 });
    expect(byName(results, "account.interaction").status).toBe("warn");
  });
});

describe("内容与链接", () => {
  it("a serious error fails the site, personal data is flagged, a dead internal link names its page", async () => {
    const site = await newSite();
    const news = await column(site.id, "工作动态");
    const bad = await item(news.id, NOW, "ARTICLE", "深入学习贯彻党的第二十届全国代表大会精神");
    const results = await measureContent(getDb(), site, NOW, thresholds);
    const serious = byName(results, "site.content-serious");
    expect(serious.status).toBe("fail");
    expect(serious.veto).toBe(true);
    expect(serious.evidence).toMatchObject({ items: [{ resourceId: bad.id, page: `/content/${bad.id}` }] });
    // The right form passes.
    const good = await newSite();
    const goodNews = await column(good.id, "工作动态");
    await item(goodNews.id, NOW, "ARTICLE", "深入学习贯彻党的第二十次全国代表大会精神");
    expect(byName(await measureContent(getDb(), good, NOW, thresholds), "site.content-serious").status).toBe("ok");
    // A link to a page that does not exist.
    const linked = await newSite();
    const linkColumn = await column(linked.id, "工作动态");
    const db = getDb();
    const withLink = await item(linkColumn.id, NOW, "ARTICLE", undefined, {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "详见" },
            { type: "text", text: "附件", marks: [{ type: "link", attrs: { href: "/columns/no-such-column" } }] },
          ],
        },
      ],
    });
    const links = byName(await measureContent(db, linked, NOW, thresholds), "site.links");
    expect(links.status).toBe("fail");
    expect(links.veto).toBe(false);
    expect(links.evidence).toMatchObject({
      broken: [{ url: "/columns/no-such-column", page: `/content/${withLink.id}` }],
      externalChecked: false,
    });
  });
});
