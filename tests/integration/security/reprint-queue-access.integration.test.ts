import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { fetchSource, fetchSourceNow } from "@/lib/reports/reprint/fetch-source";
import { listReprintQueue, setReprintColumn } from "@/lib/reports/reprint/queue";
import { ignoreReprint, takeReprint } from "@/lib/reports/reprint/take";
import { listReprintSources, saveReprintSource } from "@/lib/reports/reprint/sources";
import { actorsFor, fileDb } from "../helpers";
import { refused } from "../support/interaction";
import { clearDemoReprints, districtSite, startLocalFeed, subscribe, type LocalFeed } from "../support/reprint";

// 转载 is the site's own unit's work and the supervising unit's configuration: another unit's
// editor does not even see a site's queue item, a reviewer of the unit may look but not reprint,
// and only the supervising unit manages sources. Every refusal leaves the item as it was.

let feed: LocalFeed;
let itemId: string;
let version: number;
let supervisor: Actor;
let editor: Actor;
let otherEditor: Actor;
let reviewer: Actor;
let siteadmin: Actor;
let siteId: string;

beforeAll(async () => {
  await fileDb();
  await clearDemoReprints();
  feed = await startLocalFeed();
  [supervisor, editor, otherEditor, reviewer, siteadmin] = await actorsFor(
    "supervisor",
    "editor",
    "wlw-officer",
    "reviewer",
    "siteadmin",
  );
  const { site, column } = await districtSite();
  siteId = site.id;
  await setReprintColumn(siteadmin, { siteId, columnId: column.id });
  const { id } = await subscribe(supervisor, "中国政府网", feed.url, [siteId]);
  feed.setItems([{ guid: "g1", title: "国务院常务会议部署推进城市更新", pubDate: new Date(Date.now() + 60_000) }]);
  await fetchSource(getDb(), id, new Date(Date.now() + 120_000));
  const item = await getDb().reprintItem.findFirstOrThrow({ where: { siteId } });
  ({ id: itemId, version } = item);
});

afterAll(async () => {
  await feed.close();
});

describe("the 待转载 queue's boundaries", () => {
  it("hides a site's items from another unit's editor", async () => {
    await refused(() => takeReprint(otherEditor, { itemId, version }), "NOT_FOUND");
    await refused(() => ignoreReprint(otherEditor, { itemId, version, reason: "无关" }), "NOT_FOUND");
    await refused(() => listReprintQueue(otherEditor, { siteId }), "NOT_FOUND");
    expect((await listReprintQueue(otherEditor, {})).rows).toEqual([]);
  });

  it("lets the unit's reviewer look but not reprint", async () => {
    expect((await listReprintQueue(reviewer, { siteId })).rows.map((row) => row.id)).toEqual([itemId]);
    await refused(() => takeReprint(reviewer, { itemId, version }), "FORBIDDEN");
    await refused(() => ignoreReprint(reviewer, { itemId, version, reason: "无关" }), "FORBIDDEN");
  });

  it("refuses a stale version and malformed input without a change", async () => {
    await refused(() => takeReprint(editor, { itemId, version: version + 1 }), "CONFLICT");
    await refused(() => takeReprint(editor, { itemId: "not-a-uuid", version }), "INVALID");
    await refused(() => listReprintQueue(editor, { state: "DONE" }), "INVALID");
    expect(await getDb().reprintItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      state: "PENDING",
      version,
    });
    expect(await getDb().resource.count({ where: { title: "国务院常务会议部署推进城市更新" } })).toBe(0);
  });

  it("leaves sources to the supervising unit", async () => {
    const input = { name: "伪造源", feedUrl: "https://example.com/rss", siteIds: [siteId], enabled: true };
    await refused(() => saveReprintSource(editor, input), "FORBIDDEN");
    await refused(() => saveReprintSource(siteadmin, input), "FORBIDDEN");
    await refused(() => listReprintSources(editor), "FORBIDDEN");
    const source = await getDb().reprintSource.findFirstOrThrow();
    await refused(() => fetchSourceNow(editor, { sourceId: source.id }), "FORBIDDEN");
    await refused(() => saveReprintSource(supervisor, { ...input, feedUrl: "javascript:alert(1)" }), "INVALID");
    await refused(() => saveReprintSource(supervisor, { ...input, feedUrl: feed.url }), "CONFLICT");
  });
});
