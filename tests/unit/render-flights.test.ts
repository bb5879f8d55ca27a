import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PageCache } from "@/lib/sites/page-cache";
import { flightsInProgress, withPageCache, withRenderFlights, type CacheServerState } from "@/lib/sites/cache-server";
import { WorkQueue } from "@/lib/http/work-queue";
import { tagPage } from "@/lib/cache/render-scope";

// One render per page at a time (#21): after a publish purges a busy page, the requests for it wait
// for one render instead of each taking a render slot (or a fast 503), and never get a page older
// than the purge they arrived after.

function get(url: string) {
  return new Promise<{ status: number; body: string; cache?: string }>((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body, cache: res.headers["x-portal-cache"] as string | undefined }),
        );
      })
      .on("error", reject);
  });
}

let server: http.Server | undefined;
afterEach(() => server?.close());

/** The portal server's composition (scripts/server.ts) around a render that waits for `gate`. */
async function start(state: CacheServerState, options: { status?: () => number; queue?: number } = {}) {
  let renders = 0;
  let version = 1;
  let open = () => {};
  let gate = new Promise<void>((resolve) => (open = resolve));
  const slots = new WorkQueue({ concurrency: 1, queue: options.queue ?? 2, maxWaitMs: 5000 });
  const admitted = (handle: http.RequestListener) => async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const ran = await slots.run(
      () =>
        new Promise<void>((resolve) => {
          res.once("close", resolve);
          void handle(req, res);
        }),
    );
    if (ran) return;
    res.writeHead(503);
    res.end("busy");
  };
  const render = withPageCache(state, async (_req, res) => {
    renders += 1;
    const rendering = version;
    const status = options.status?.() ?? 200;
    await gate;
    tagPage("site:1");
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(`首页 第${rendering}版`);
  });
  server = http.createServer(withRenderFlights(state, admitted(render)));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    renders: () => renders,
    publish: () => {
      version += 1;
      state.cache.purge(["site:1"]);
    },
    release: () => {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    /** Every render from now on finishes at once. */
    releaseAll: () => {
      open();
      gate = Promise.resolve();
    },
  };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("one render per page at a time", () => {
  it("answers 50 requests for a purged page with one render, none refused as busy", async () => {
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    const portal = await start(state);
    const answers = Promise.all(Array.from({ length: 50 }, () => get(`${portal.base}/`)));
    await until(() => portal.renders() === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    portal.release();
    const all = await answers;
    expect(portal.renders()).toBe(1);
    expect(all.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    expect(new Set(all.map((answer) => answer.body))).toEqual(new Set(["首页 第1版"]));
    expect(all.filter((answer) => answer.cache === "HIT")).toHaveLength(49);
    expect(flightsInProgress(state)).toBe(0);
  });

  it("never hands a request the render of a page begun before the purge it came after", async () => {
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    const portal = await start(state, { queue: 10 });
    const before = get(`${portal.base}/`);
    await until(() => portal.renders() === 1);
    const joinedBefore = get(`${portal.base}/`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    portal.publish();
    // After the publish: not joined to the render begun before it.
    const after = get(`${portal.base}/`);
    portal.releaseAll();
    expect((await before).body).toBe("首页 第1版");
    // Joined before the publish, but the render it waited for was purged before it was stored: it
    // renders again rather than receive a page older than the publish.
    expect((await joinedBefore).body).toBe("首页 第2版");
    expect((await after).body).toBe("首页 第2版");
    expect(state.cache.get(`\n127.0.0.1:${new URL(portal.base).port}\n/`)).toBeDefined();
  });

  it("lets each waiter render for itself when the render it waited for stored nothing", async () => {
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    let status = 500;
    const portal = await start(state, { status: () => status, queue: 10 });
    const answers = Promise.all(Array.from({ length: 3 }, () => get(`${portal.base}/`)));
    await until(() => portal.renders() === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = 200;
    for (let round = 0; round < 3; round += 1) {
      portal.release();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const all = await answers;
    expect(all.map((answer) => answer.status).sort()).toEqual([200, 200, 500]);
    expect(portal.renders()).toBeLessThanOrEqual(3);
  });

  it("does not hold back requests the cache cannot serve (not GET, cache off)", async () => {
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: false };
    const portal = await start(state, { queue: 10 });
    const answers = Promise.all([get(`${portal.base}/`), get(`${portal.base}/`)]);
    await until(() => portal.renders() === 1);
    portal.release();
    await until(() => portal.renders() === 2);
    portal.release();
    expect((await answers).map((answer) => answer.status)).toEqual([200, 200]);
    expect(flightsInProgress(state)).toBe(0);
  });
});
