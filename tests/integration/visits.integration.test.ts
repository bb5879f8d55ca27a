import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { parseChinaDateTime } from "@/lib/time/china";
import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { VisitCounter } from "@/lib/visits/counter";
import { siteVisitTotals } from "@/lib/visits/totals";
import type { PageView } from "@/lib/visits/batch";
import { fileDb } from "./helpers";

// Issue #29 item 4 on the real database: page views from three address/agent pairs over two days
// give exact page views and unique visitors per day; the day's salt is destroyed after the day,
// so the same pairs hash differently on day 2; no address or agent is stored anywhere; a batch
// that could not be written is kept and written later; counters flushing at once lose nothing.

const DAY1 = "2025-03-03";
const DAY2 = "2025-03-04";
const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const PAIRS = [
  { address: "203.0.113.7", agent: CHROME },
  { address: "203.0.113.7", agent: SAFARI },
  { address: "198.51.100.23", agent: CHROME },
] as const;

let db: Db;
let districtId: string;
let cultureId: string;

beforeAll(async () => {
  db = await fileDb();
  districtId = (await db.siteHost.findUniqueOrThrow({ where: { host: "localhost" } })).siteId;
  cultureId = (await db.siteHost.findUniqueOrThrow({ where: { host: "wlw.localhost" } })).siteId;
});

const clockAt = (value: string) => {
  const clock = { now: parseChinaDateTime(value) };
  return clock;
};

const view = (day: string, pair: { address: string; agent: string }, extra: Partial<PageView> = {}): PageView => ({
  day,
  host: "localhost:3000",
  path: "/",
  term: null,
  referrer: null,
  ...pair,
  ...extra,
});

const onDay = (day: string) => ({ day: new Date(`${day}T00:00:00Z`) });
const dayRow = (siteId: string, day: string) =>
  db.visitDay.findUnique({ where: { siteId_day: { siteId, day: new Date(`${day}T00:00:00Z`) } } });

describe("counting page views and unique visitors", () => {
  it("gives exact figures per day, rotates the salt and stores nothing raw", async () => {
    const clock = clockAt(`${DAY1} 09:00`);
    const counter = new VisitCounter(db, { clientAddress: () => null, now: () => clock.now });

    // Day 1: 5 + 3 + 2 views, written in two batches (the first pair is seen in both).
    for (let index = 0; index < 3; index += 1) counter.record(view(DAY1, PAIRS[0]));
    counter.record(view(DAY1, PAIRS[1], { path: "/search", term: "养老保险" }));
    await counter.flush();
    for (let index = 0; index < 2; index += 1) counter.record(view(DAY1, PAIRS[0], { path: "/columns/ywdt" }));
    counter.record(view(DAY1, PAIRS[1], { path: "/search", term: "养老保险" }));
    counter.record(view(DAY1, PAIRS[1], { referrer: "baidu.com" }));
    counter.record(view(DAY1, PAIRS[2]));
    counter.record(view(DAY1, PAIRS[2], { referrer: "cq.gov.cn" }));
    // Another site of the platform, by its own host.
    counter.record(view(DAY1, PAIRS[0], { host: "wlw.localhost" }));
    await counter.flush();

    expect(await dayRow(districtId, DAY1)).toMatchObject({ pageViews: 10, uniqueVisitors: 3 });
    expect(await dayRow(cultureId, DAY1)).toMatchObject({ pageViews: 1, uniqueVisitors: 1 });
    const paths = await db.visitPathDay.findMany({
      where: { siteId: districtId, ...onDay(DAY1) },
      orderBy: { path: "asc" },
    });
    expect(paths.map((row) => [row.path, row.pageViews])).toEqual([
      ["/", 6],
      ["/columns/ywdt", 2],
      ["/search", 2],
    ]);
    expect(await db.visitSearchDay.findMany({ where: { siteId: districtId, ...onDay(DAY1) } })).toMatchObject([
      { term: "养老保险", searches: 2 },
    ]);
    const referrers = await db.visitReferrerDay.findMany({
      where: { siteId: districtId, ...onDay(DAY1) },
      orderBy: { host: "asc" },
    });
    expect(referrers.map((row) => [row.host, row.pageViews])).toEqual([
      ["baidu.com", 1],
      ["cq.gov.cn", 1],
    ]);
    const day1Salt = await db.visitSalt.findUniqueOrThrow({ where: { day: new Date(`${DAY1}T00:00:00Z`) } });
    const day1Hashes = (await db.visitVisitor.findMany({ where: { siteId: districtId } })).map((row) =>
      Buffer.from(row.hash).toString("hex"),
    );
    expect(day1Hashes).toHaveLength(3);

    // Past midnight (and the few minutes of grace for late batches) the day-1 salt and hashes go.
    clock.now = parseChinaDateTime(`${DAY2} 00:10`);
    await counter.flush();
    expect(await db.visitSalt.count()).toBe(0);
    expect(await db.visitVisitor.count()).toBe(0);
    expect(await dayRow(districtId, DAY1)).toMatchObject({ pageViews: 10, uniqueVisitors: 3 });

    // Day 2: the first two pairs again, 4 + 1 views.
    for (let index = 0; index < 4; index += 1) counter.record(view(DAY2, PAIRS[0]));
    counter.record(view(DAY2, PAIRS[1]));
    await counter.flush();
    expect(await dayRow(districtId, DAY2)).toMatchObject({ pageViews: 5, uniqueVisitors: 2 });
    const day2Salt = await db.visitSalt.findUniqueOrThrow({ where: { day: new Date(`${DAY2}T00:00:00Z`) } });
    expect(Buffer.from(day2Salt.salt).equals(Buffer.from(day1Salt.salt))).toBe(false);
    const day2Hashes = (await db.visitVisitor.findMany({ where: { siteId: districtId } })).map((row) =>
      Buffer.from(row.hash).toString("hex"),
    );
    expect(day2Hashes).toHaveLength(2);
    expect(day2Hashes.filter((hash) => day1Hashes.includes(hash))).toEqual([]);

    // A late view of day 1 (its salt is gone) still counts as a view, but cannot be told apart as a visitor.
    counter.record(view(DAY1, PAIRS[2]));
    await counter.flush();
    expect(await dayRow(districtId, DAY1)).toMatchObject({ pageViews: 11, uniqueVisitors: 3 });
    expect(await db.visitSalt.count({ where: { day: new Date(`${DAY1}T00:00:00Z`) } })).toBe(0);

    expect(await siteVisitTotals(db, { siteId: districtId, from: DAY1, to: DAY2 })).toEqual({
      pageViews: 16,
      uniqueVisitors: 5,
    });
    expect(await siteVisitTotals(db, { siteId: districtId, from: DAY2, to: DAY2 })).toEqual({
      pageViews: 5,
      uniqueVisitors: 2,
    });

    // Nothing raw: no address, agent or part of them in any visit table.
    const dump = JSON.stringify(
      await db.$queryRaw`
        SELECT (SELECT json_agg(t) FROM "VisitDay" t) AS d, (SELECT json_agg(t) FROM "VisitPathDay" t) AS p,
               (SELECT json_agg(t) FROM "VisitSearchDay" t) AS s, (SELECT json_agg(t) FROM "VisitReferrerDay" t) AS r,
               (SELECT json_agg(encode(hash, 'escape')) FROM "VisitVisitor") AS v`,
    );
    for (const needle of ["203.0.113", "198.51.100", "Mozilla", "Chrome", "iPhone"]) expect(dump).not.toContain(needle);
    const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns WHERE table_name LIKE 'Visit%' ORDER BY 1, 2`;
    expect(columns.map((row) => row.column_name)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/ip|address|agent|referer|referrer$|cookie/i)]),
    );
  });
});

describe("batches", () => {
  it("keeps a batch the database refused and writes it with the next one", async () => {
    const clock = clockAt("2025-03-10 10:00");
    let refuse = true;
    const flaky = new Proxy(db, {
      get(target, property, receiver) {
        if (property === "$transaction" && refuse) {
          return () => Promise.reject(new Error("connection lost"));
        }
        return Reflect.get(target, property, receiver);
      },
    }) as Db;
    const counter = new VisitCounter(flaky, { clientAddress: () => null, now: () => clock.now });
    for (let index = 0; index < 7; index += 1) counter.record(view("2025-03-10", PAIRS[index % 3]!));
    await counter.flush();
    expect(counter.failures).toBe(1);
    expect(counter.pending).toBe(7);
    expect(await dayRow(districtId, "2025-03-10")).toBeNull();
    refuse = false;
    counter.record(view("2025-03-10", PAIRS[0]));
    await counter.flush();
    expect(counter.pending).toBe(0);
    expect(await dayRow(districtId, "2025-03-10")).toMatchObject({ pageViews: 8, uniqueVisitors: 3 });
  });

  it("loses nothing when several servers flush at once under load", async () => {
    const DAY = "2025-03-11";
    const clock = clockAt(`${DAY} 15:00`);
    // Four portal servers, each writing every 50 distinct keys while views keep coming.
    const counters = Array.from(
      { length: 4 },
      () => new VisitCounter(db, { clientAddress: () => null, now: () => clock.now, maxKeys: 50 }),
    );
    const hosts = ["localhost", "wlw.localhost", "bgt.localhost"];
    const sent = new Map<string, number>(hosts.map((host) => [host, 0]));
    const addresses = Array.from({ length: 40 }, (_, index) => `192.0.2.${index + 1}`);
    const flushes: Promise<void>[] = [];
    for (let index = 0; index < 4000; index += 1) {
      const host = hosts[index % 3]!;
      sent.set(host, sent.get(host)! + 1);
      counters[index % 4]!.record(
        view(DAY, { address: addresses[index % 40]!, agent: CHROME }, { host, path: `/content/${index % 25}` }),
      );
      if (index % 97 === 0) flushes.push(counters[(index + 1) % 4]!.flush());
      if (index % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([...flushes, ...counters.map((counter) => counter.stop())]);
    expect(counters.reduce((sum, counter) => sum + counter.failures, 0)).toBe(0);
    expect(counters.reduce((sum, counter) => sum + counter.written, 0)).toBe(4000);
    for (const host of hosts) {
      const siteId = (await db.siteHost.findUniqueOrThrow({ where: { host } })).siteId;
      const row = await dayRow(siteId, DAY);
      expect(row?.pageViews, host).toBe(sent.get(host));
      // Every address was seen on every site: 40 visitors each, however the views were split.
      expect(row?.uniqueVisitors, host).toBe(40);
      const pathViews = await db.visitPathDay.aggregate({
        where: { siteId, day: new Date(`${DAY}T00:00:00Z`) },
        _sum: { pageViews: true },
      });
      expect(pathViews._sum.pageViews).toBe(sent.get(host));
    }
  });
});

/** A request as the portal server hands it to the counter (only what the counter reads). */
function request(url: string, address: string, agent: string | undefined, extra: Record<string, string> = {}) {
  return {
    method: "GET",
    url,
    headers: { host: "localhost:3000", ...(agent ? { "user-agent": agent } : {}), ...extra },
    socket: { remoteAddress: address },
  } as unknown as IncomingMessage;
}
const answered = (statusCode = 200) => ({ writableEnded: true, statusCode }) as unknown as ServerResponse;

describe("the buffered path a cached hit takes (observe, folded before each write)", () => {
  it("counts exactly what a person was shown, per day, across midnight and concurrent flushes", async () => {
    const clock = clockAt("2025-03-12 23:59");
    // Small batches (50 distinct keys), four servers, a flush every few views while views keep coming.
    const counters = Array.from(
      { length: 4 },
      () =>
        new VisitCounter(db, {
          clientAddress: ({ peer, forwardedFor }) => (forwardedFor ? forwardedFor.split(",")[0]!.trim() : peer),
          now: () => clock.now,
          maxKeys: 50,
        }),
    );
    const addresses = Array.from({ length: 30 }, (_, index) => `192.0.2.${index + 101}`);
    const expected = new Map<string, number>([
      ["2025-03-12", 0],
      ["2025-03-13", 0],
    ]);
    const seen = new Map([...expected.keys()].map((day) => [day, new Set<string>()]));
    const flushes: Promise<void>[] = [];
    for (let index = 0; index < 3000; index += 1) {
      if (index === 1700) clock.now = parseChinaDateTime("2025-03-13 00:01");
      const day = index < 1700 ? "2025-03-12" : "2025-03-13";
      const counter = counters[index % 4]!;
      const address = addresses[index % 30]!;
      // Every tenth request is not a page view: a bot, an asset, a prefetch, the back office, a 404.
      const kind = index % 50;
      if (kind === 5) counter.observe(request("/", address, "Baiduspider/2.0"), answered(), "/");
      else if (kind === 15) counter.observe(request("/favicon.ico", address, CHROME), answered(), "/favicon.ico");
      else if (kind === 25)
        counter.observe(request("/", address, CHROME, { "sec-purpose": "prefetch" }), answered(), "/");
      else if (kind === 35) counter.observe(request("/admin", address, CHROME), answered(), "/admin");
      else if (kind === 45) counter.observe(request("/content/x", address, CHROME), answered(404), "/content/x");
      else if (kind === 46) counter.observe(request("/", address, undefined), answered(), "/");
      else {
        // Half of the pairs come through a proxy naming the client: the same visitor either way.
        const viaProxy = index % 2 === 0;
        const req = viaProxy
          ? request(`/search?q=养老保险`, "10.0.0.1", CHROME, { "x-forwarded-for": address })
          : request(`/search?q=养老保险`, address, CHROME);
        counter.observe(req, answered(), "/search?q=养老保险");
        expected.set(day, expected.get(day)! + 1);
        seen.get(day)!.add(address);
      }
      if (index % 83 === 0) flushes.push(counters[(index + 1) % 4]!.flush());
      if (index % 400 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // A rendered page counts when its answer finishes, not before.
    const rendered = Object.assign(new EventEmitter(), { writableEnded: false, statusCode: 200 });
    counters[0]!.observe(
      request("/columns/ywdt", addresses[0]!, CHROME),
      rendered as unknown as ServerResponse,
      "/columns/ywdt",
    );
    expect(counters[0]!.pending).toBeGreaterThanOrEqual(0);
    rendered.emit("finish");
    expected.set("2025-03-13", expected.get("2025-03-13")! + 1);

    await Promise.all([...flushes, ...counters.map((counter) => counter.stop())]);
    expect(counters.reduce((sum, counter) => sum + counter.failures, 0)).toBe(0);
    expect(counters.reduce((sum, counter) => sum + counter.pending, 0)).toBe(0);
    for (const [day, views] of expected) {
      const row = await dayRow(districtId, day);
      expect(row?.pageViews, day).toBe(views);
      // One browser per address: a visitor per address shown a page that day, proxied or not.
      expect(row?.uniqueVisitors, day).toBe(seen.get(day)!.size);
      expect(seen.get(day)!.size).toBeGreaterThan(20);
      const terms = await db.visitSearchDay.findMany({ where: { siteId: districtId, ...onDay(day) } });
      expect(terms.map((term) => [term.term, term.searches])).toEqual([
        ["养老保险", day === "2025-03-12" ? views : views - 1],
      ]);
    }
    // Nothing raw: no address appears in what was stored, only 16-byte hashes.
    const visitors = await db.visitVisitor.findMany({
      where: { siteId: districtId, day: { in: [new Date("2025-03-12T00:00:00Z"), new Date("2025-03-13T00:00:00Z")] } },
    });
    expect(visitors).toHaveLength(seen.get("2025-03-12")!.size + seen.get("2025-03-13")!.size);
    for (const visitor of visitors) expect(Buffer.from(visitor.hash).length).toBe(16);
    const stored = JSON.stringify(
      await Promise.all([
        db.visitPathDay.findMany({ where: { siteId: districtId } }),
        db.visitReferrerDay.findMany({ where: { siteId: districtId } }),
        db.visitSearchDay.findMany({ where: { siteId: districtId } }),
      ]),
    );
    for (const address of addresses) expect(stored).not.toContain(address);
  });
});
