import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { PageCache } from "@/lib/sites/page-cache";
import { withPageCache, type CacheServerState } from "@/lib/sites/cache-server";
import { markUncacheable } from "@/lib/cache/render-scope";
import { PORTAL_PURGE_CHANNEL, PURGE_ALL, parsePurgePayload } from "@/lib/cache/portal-purge";
import { findSiteByHost } from "@/lib/sites/portal";
import { updateSiteSettings } from "@/lib/sites/admin";
import { renameOrganization } from "@/lib/org/organizations";
import { searchPortal } from "@/lib/search/search-portal";
import { ZSearchParams } from "@/lib/search/query";
import { PostgresEngine } from "@/lib/search/postgres/engine";
import { reindexPostgres } from "@/lib/search/service";
import { actorsFor, fileDb, restoreAfterTest } from "./helpers";

// The site a host names is read once per portal server and shared by the renders after it until
// the page cache's next purge: a purge from a request of this server, a purge heard from another,
// and a server whose cache is off (purges may be missed) reads it every time.

let listener: pg.Client;
const notifications: string[][] = [];

beforeAll(async () => {
  await fileDb();
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (message) => notifications.push(parsePurgePayload(message.payload)));
  await listener.query(`listen ${PORTAL_PURGE_CHANNEL}`);
});

afterAll(async () => {
  await listener.end();
});

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve(Buffer.concat(chunks).toString()));
      })
      .on("error", reject);
  });
}

/** A stand-in for Next.js: an uncacheable page (as search is) showing the site's contact line, and a settings route. */
async function portalServer(state: CacheServerState, save: () => Promise<unknown>) {
  const server = http.createServer(
    withPageCache(state, async (req, res) => {
      if (req.method === "POST") {
        await save();
        res.writeHead(303, { location: "/" });
        res.end();
        return;
      }
      markUncacheable();
      const site = (await findSiteByHost(req.headers.host ?? null))!;
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      res.end(`${site.contact}|${site.theme}`);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return { server, base: `http://localhost:${(server.address() as AddressInfo).port}` };
}

describe("site lookups shared between renders", () => {
  it("reuses the site until a purge, and reads it afresh after one from this server or another", async () => {
    const [siteadmin] = await actorsFor("siteadmin");
    const district = (await findSiteByHost("localhost"))!;
    const original = await getDb().site.findUniqueOrThrow({ where: { id: district.id }, include: { hosts: true } });
    const settings = (theme: string) => ({
      siteId: district.id,
      name: original.name,
      siteCode: original.siteCode,
      icpNumber: original.icpNumber ?? "",
      psbNumber: original.psbNumber ?? "",
      contact: original.contact ?? "",
      theme,
      hosts: original.hosts.map((host) => host.host).join(" "),
    });
    restoreAfterTest(() => getDb().site.update({ where: { id: district.id }, data: { contact: original.contact } }));
    restoreAfterTest(() => updateSiteSettings(siteadmin, settings(original.theme)));

    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    const { server, base } = await portalServer(state, () => updateSiteSettings(siteadmin, settings("landscape")));
    try {
      expect(await get(`${base}/search`)).toBe(`${original.contact}|${original.theme}`);
      // A write that announces nothing is not seen: the renders share what the first one read.
      await getDb().site.update({ where: { id: district.id }, data: { contact: "共享读取测试 023-00000000" } });
      expect(await get(`${base}/search`)).toBe(`${original.contact}|${original.theme}`);

      // A change made by a request of this server purges before its response: the next render reads again.
      expect((await fetch(`${base}/settings`, { method: "POST", redirect: "manual" })).status).toBe(303);
      expect(await get(`${base}/search`)).toBe(`${original.contact}|landscape`);

      // A purge heard from another server (the listener applies it to the cache) does the same.
      await getDb().site.update({ where: { id: district.id }, data: { contact: "另一台服务器改过 023-11111111" } });
      expect(await get(`${base}/search`)).toBe(`${original.contact}|landscape`);
      state.cache.purge([`resource:00000000-0000-0000-0000-000000000000`]);
      expect(await get(`${base}/search`)).toBe("另一台服务器改过 023-11111111|landscape");

      // While the cache is off (the listener is down, purges may be missed) nothing is shared.
      state.enabled = false;
      await getDb().site.update({ where: { id: district.id }, data: { contact: "缓存关闭时 023-22222222" } });
      expect(await get(`${base}/search`)).toBe("缓存关闭时 023-22222222|landscape");
    } finally {
      server.close();
    }
  });

  it("shares a search's results between renders until a purge, and never while the cache is off", async () => {
    await reindexPostgres();
    const district = (await findSiteByHost("localhost"))!;
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    const server = http.createServer(
      withPageCache(state, async (req, res) => {
        const query = Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams);
        const result = await searchPortal(ZSearchParams.parse(query), {
          siteId: district.id,
          hrefFor: async (_siteId, href) => href,
        });
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        res.end(`${result.total}|${result.hits.map((hit) => hit.id).join(",")}|${result.suggestion ?? ""}`);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const base = `http://localhost:${(server.address() as AddressInfo).port}`;
    const engine = vi.spyOn(PostgresEngine.prototype, "search");
    try {
      const query = `${base}/search?q=${encodeURIComponent("政府网站")}`;
      const first = await get(query);
      expect(first).toMatch(/^[1-9]\d*\|/);
      expect(await get(query)).toBe(first);
      expect(engine).toHaveBeenCalledTimes(1);
      // Another query, another page of the same query: their own reads.
      await get(`${query}&page=2`);
      await get(`${base}/search?q=${encodeURIComponent("政务公开")}`);
      expect(engine).toHaveBeenCalledTimes(3);
      // Any purge (a publication, withdrawal or correction here or on another server) ends the sharing.
      state.cache.purge([`resource:00000000-0000-0000-0000-000000000000`]);
      expect(await get(query)).toBe(first);
      expect(engine).toHaveBeenCalledTimes(4);
      // While the cache is off (purges may be missed) every search reads the index.
      state.enabled = false;
      await get(query);
      await get(query);
      expect(engine).toHaveBeenCalledTimes(6);
    } finally {
      engine.mockRestore();
      server.close();
    }
  });

  it("purges every portal page when a unit is renamed, since its name is in footers and sources", async () => {
    const [admin] = await actorsFor("admin");
    const district = (await findSiteByHost("localhost"))!;
    const org = await getDb().organization.findUniqueOrThrow({ where: { id: district.orgId } });
    restoreAfterTest(() =>
      renameOrganization(admin, { orgId: org.id, name: org.name, shortName: org.shortName ?? "" }),
    );
    notifications.length = 0;
    await renameOrganization(admin, { orgId: org.id, name: `${org.name}（更名测试）`, shortName: org.shortName ?? "" });
    const tags = await vi.waitFor(
      () => {
        const next = notifications.shift();
        if (!next) throw new Error("no purge notification within 5 s");
        return next;
      },
      { timeout: 5000, interval: 20 },
    );
    expect(tags).toEqual([PURGE_ALL]);
    expect((await findSiteByHost("localhost"))!.org.name).toBe(`${org.name}（更名测试）`);
  });
});
