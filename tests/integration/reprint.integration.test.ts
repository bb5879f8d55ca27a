import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { signOff } from "@/lib/review/instances";
import { fetchSource } from "@/lib/reports/reprint/fetch-source";
import { listReprintQueue, setReprintColumn } from "@/lib/reports/reprint/queue";
import { ignoreReprint, takeReprint } from "@/lib/reports/reprint/take";
import { overdueReprints } from "@/lib/reports/reprint/overdue";
import { saveReprintSource } from "@/lib/reports/reprint/sources";
import { HOUR_MS } from "@/lib/reports/reprint/clock";
import { sourceLabel, ZStoredRevisionMetadata } from "@/lib/library/metadata";
import { actorsFor, fileDb, orgId } from "./helpers";
import { refused } from "./support/interaction";
import { clearDemoReprints, districtSite, startLocalFeed, subscribe, type LocalFeed } from "./support/reprint";

// Issue #29 item 3 on the real database, with a local upper-level feed and a fixed clock: a new
// item enters the subscribed site's 待转载 with its 1-hour clock; reprinting it within the hour
// goes through the unit's fast-track review and records when it was taken up and published; an
// item left past the hour, then past the working day, is what overdueReprints reports.

const MINUTE = 60_000;
let feed: LocalFeed;
let supervisor: Actor;
let editor: Actor;
let siteadmin: Actor;
let deputy: Actor;
let site: Awaited<ReturnType<typeof districtSite>>["site"];
let columnId: string;
let sourceId: string;
/** The fixed clock: the test's own "now", a little after the subscription was made. */
let t0: Date;
const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);

beforeAll(async () => {
  await fileDb();
  await clearDemoReprints();
  feed = await startLocalFeed();
  [supervisor, editor, siteadmin, deputy] = await actorsFor("supervisor", "editor", "siteadmin", "deputy");
  ({
    site,
    column: { id: columnId },
  } = await districtSite());
  // 转载快速通道 of the district government: its 直接责任人 alone signs reprints of upper-level information.
  await getDb().workflow.create({
    data: {
      name: "转载快速审核（直接责任人）",
      orgId: await orgId("重庆市沙坪坝区人民政府"),
      forReprint: true,
      stages: { create: [{ position: 0, name: "直接责任人审核", type: "DIRECT_RESPONSIBLE" }] },
    },
  });
  ({ id: sourceId } = await subscribe(supervisor, "中国政府网", feed.url, [site.id]));
  // Whole seconds, as RSS writes times.
  t0 = new Date(Math.ceil((Date.now() + MINUTE) / 1000) * 1000);
});

afterAll(async () => {
  await feed.close();
});

describe("待转载 from a local upper-level feed", () => {
  it("queues a new item with its clock; older and (on the first fetch) undated items are not queued", async () => {
    feed.setItems([
      {
        guid: "gov-1",
        title: "国务院关于进一步优化营商环境的意见",
        link: "https://www.gov.cn/zhengce/content/202612/content_1.htm",
        pubDate: at(0),
        description: "<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>",
      },
      { guid: "gov-old", title: "订阅之前发布的通知", link: "https://www.gov.cn/old.htm", pubDate: at(-24 * 60) },
      { guid: "gov-undated", title: "没有发布时间的旧信息", link: "https://www.gov.cn/undated.htm" },
    ]);
    const outcome = await fetchSource(getDb(), sourceId, at(5));
    expect(outcome).toMatchObject({ status: "updated", format: "RSS", newEntries: 3, queued: 1 });

    const queue = await listReprintQueue(editor, { siteId: site.id }, at(5));
    expect(queue.rows).toHaveLength(1);
    const [row] = queue.rows;
    expect(row).toMatchObject({
      title: "国务院关于进一步优化营商环境的意见",
      sourceName: "中国政府网",
      link: "https://www.gov.cn/zhengce/content/202612/content_1.htm",
      state: "PENDING",
      standing: "WAITING",
      remaining: "还剩 55 分钟",
    });
    expect(row!.dueAt.getTime()).toBe(at(0).getTime() + HOUR_MS);
    expect(queue.figures).toMatchObject({ waiting: 1, pastHour: 0, onTime: 0 });
  });

  it("asks again politely: a conditional GET, and an unchanged feed costs a 304", async () => {
    const before = await getDb().reprintItem.count();
    expect(await fetchSource(getDb(), sourceId, at(10))).toEqual({ status: "not-modified" });
    expect(feed.requests.at(-1)!["if-none-match"]).toBe('"v1"');
    expect(feed.requests.at(-1)!["user-agent"]).toMatch(/Tongyuan/);
    expect(await getDb().reprintItem.count()).toBe(before);
  });

  it("reprints within the hour through the unit's fast-track review and records who and when", async () => {
    const [row] = (await listReprintQueue(editor, { siteId: site.id, state: "PENDING" }, at(6))).rows;
    // No column chosen for reprints yet: a clear refusal, nothing changes.
    await refused(() => takeReprint(editor, { itemId: row!.id, version: row!.version }), "INVALID");
    await refused(() => setReprintColumn(editor, { siteId: site.id, columnId }), "FORBIDDEN");
    await setReprintColumn(siteadmin, { siteId: site.id, columnId });

    const taken = await takeReprint(editor, { itemId: row!.id, version: row!.version });
    expect(taken.workflowName).toBe("转载快速审核（直接责任人）");
    const item = await getDb().reprintItem.findUniqueOrThrow({ where: { id: row!.id } });
    expect(item).toMatchObject({
      state: "TAKEN",
      takenById: editor.id,
      resourceId: taken.resourceId,
      publishedAt: null,
    });
    const resource = await getDb().resource.findUniqueOrThrow({
      where: { id: taken.resourceId },
      include: { revisions: true },
    });
    expect(resource).toMatchObject({
      kind: "ARTICLE",
      state: "IN_REVIEW",
      title: "国务院关于进一步优化营商环境的意见",
    });
    const metadata = ZStoredRevisionMetadata.parse(resource.revisions[0]!.metadata);
    expect(metadata.source).toEqual({
      type: "reprint",
      originName: "中国政府网",
      originUrl: "https://www.gov.cn/zhengce/content/202612/content_1.htm",
    });
    expect(sourceLabel(metadata, "重庆市沙坪坝区人民政府")).toBe("中国政府网");
    expect(resource.revisions[0]!.bodyHtml).toContain("各省、自治区、直辖市人民政府");
    expect(resource.revisions[0]!.bodyHtml).toContain("原文发布时间：");

    // Replayed: the same form again is refused, and so is ignoring what was taken.
    await refused(() => takeReprint(editor, { itemId: row!.id, version: row!.version }), "CONFLICT");
    await refused(() => ignoreReprint(editor, { itemId: row!.id, version: item.version, reason: "重复" }), "CONFLICT");

    await signOff(deputy, {
      instanceId: taken.instanceId,
      stagePosition: 0,
      decision: "APPROVE",
      contentHash: resource.revisions[0]!.contentHash,
    });
    const published = await getDb().reprintItem.findUniqueOrThrow({ where: { id: row!.id } });
    const publication = await getDb().publication.findFirstOrThrow({ where: { resourceId: taken.resourceId } });
    expect(published.publishedAt).toEqual(publication.publishedAt);
    expect(published.publishedAt!.getTime()).toBeLessThanOrEqual(published.dueAt.getTime());
    expect(await getDb().placement.count({ where: { resourceId: taken.resourceId, columnId } })).toBe(1);
    expect(await getDb().auditEvent.count({ where: { subject: `reprint:${row!.id}`, action: "reprint.take" } })).toBe(
      1,
    );

    const queue = await listReprintQueue(editor, { siteId: site.id }, at(30));
    expect(queue.rows[0]).toMatchObject({ state: "TAKEN", standing: "ON_TIME", takenBy: "张敏" });
    expect(queue.figures).toMatchObject({ waiting: 0, onTime: 1, late: 0 });
  });

  it("reports an item left past the hour, then past the working day, until it is ignored", async () => {
    // An undated item after the first fetch: its clock runs from the fetch.
    feed.setItems([
      {
        guid: "gov-2",
        title: "国务院办公厅关于做好2027年元旦春节期间有关工作的通知",
        link: "https://www.gov.cn/2.htm",
      },
    ]);
    expect(await fetchSource(getDb(), sourceId, at(20))).toMatchObject({ status: "updated", queued: 1 });
    const item = await getDb().reprintItem.findFirstOrThrow({ where: { entry: { key: "gov-2" } } });
    expect(item.dueAt).toEqual(at(80));

    expect(await overdueReprints(getDb(), at(79))).toEqual([]);
    const pastHour = await overdueReprints(getDb(), at(90));
    expect(pastHour).toEqual([
      expect.objectContaining({
        siteId: site.id,
        siteName: site.name,
        pastHour: [
          expect.objectContaining({
            itemId: item.id,
            title: "国务院办公厅关于做好2027年元旦春节期间有关工作的通知",
            sourceName: "中国政府网",
            dueAt: at(80),
            originPublishedAt: null,
          }),
        ],
        pastDeadline: [],
      }),
    ]);
    const queue = await listReprintQueue(editor, { siteId: site.id, state: "PENDING" }, at(90));
    expect(queue.rows[0]).toMatchObject({ standing: "PAST_HOUR", remaining: "已超时 10 分钟" });
    expect(queue.figures).toMatchObject({ waiting: 1, pastHour: 1, pastDeadline: 0, onTime: 1 });

    const later = new Date(item.deadlineAt.getTime() + MINUTE);
    expect((await overdueReprints(getDb(), later))[0]!.pastDeadline.map((overdue) => overdue.itemId)).toEqual([
      item.id,
    ]);

    await refused(() => ignoreReprint(editor, { itemId: item.id, version: item.version, reason: " " }), "INVALID");
    await ignoreReprint(editor, { itemId: item.id, version: item.version, reason: "与本网站无关" });
    expect(await overdueReprints(getDb(), later)).toEqual([]);
    expect(await getDb().reprintItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      state: "IGNORED",
      ignoreReason: "与本网站无关",
      ignoredById: editor.id,
    });
  });

  it("keeps a fetch error on the source instead of failing", async () => {
    feed.setRaw("<html><body>系统维护中</body></html>");
    expect(await fetchSource(getDb(), sourceId, at(40))).toMatchObject({ status: "failed" });
    expect(await getDb().reprintSource.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({
      lastError: expect.stringContaining("无法解析"),
      lastErrorAt: at(40),
    });
    feed.setRaw("维护", 503);
    expect(await fetchSource(getDb(), sourceId, at(41))).toEqual({ status: "failed", error: "服务器返回 503" });
    feed.setRaw(`<rss><channel>${"<item><title>大</title></item>".repeat(120_000)}</channel></rss>`);
    expect(await fetchSource(getDb(), sourceId, at(42))).toMatchObject({ error: expect.stringContaining("内容过大") });

    const { id: closed } = await saveReprintSource(supervisor, {
      name: "重庆市人民政府网",
      feedUrl: "http://127.0.0.1:9/rss.xml",
      siteIds: [site.id],
      enabled: true,
    });
    expect(await fetchSource(getDb(), closed, at(43))).toMatchObject({
      status: "failed",
      error: expect.stringContaining("无法连接"),
    });
  });
});
