import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { PageCache } from "@/lib/sites/page-cache";
import { withPageCache, type CacheServerState } from "@/lib/sites/cache-server";
import { PORTAL_PURGE_CHANNEL, parsePurgePayload } from "@/lib/cache/portal-purge";
import { findSiteByHost } from "@/lib/sites/portal";
import { getPortalArticle, getWithdrawalNotice } from "@/lib/sites/portal-article";
import { listPolicyLibrary, listRelatedOnSite, ZPolicyFilters } from "@/lib/sites/policies";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { deleteColumn, saveColumn, updateSiteSettings } from "@/lib/sites/admin";
import type { Actor } from "@/lib/auth/session";
import { actorsFor, makeUser, fileDb, restoreAfterTest } from "./helpers";

// The portal cache against the real database: pages rendered by the real portal queries are
// labelled with tags; a withdrawal made through a request purges them before that request's
// response, and every change is announced to other servers with exactly the tags it touched.

const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";

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

async function nextNotification(): Promise<string[]> {
  return vi.waitFor(
    () => {
      const tags = notifications.shift();
      if (!tags) throw new Error("no purge notification within 5 s");
      return tags;
    },
    { timeout: 5000, interval: 20 },
  );
}

/** GET with a chosen Host header (fetch does not let callers set Host). */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
      })
      .on("error", reject);
  });
}

async function cityOpinionId() {
  return (await getDb().resource.findFirstOrThrow({ where: { title: CITY_OPINION } })).id;
}

/** A stand-in for Next.js that renders with the real portal queries, plus one write route. */
function portalServer(state: CacheServerState, withdrawer: Actor) {
  return http.createServer(
    withPageCache(state, async (req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (req.method === "POST" && url.pathname === "/withdraw") {
        const failed = await withdrawPublication(withdrawer, {
          resourceId: url.searchParams.get("id"),
          reason: "信息有误，撤下核实",
        }).then(
          () => null,
          (error: Error) => error.message,
        );
        res.writeHead(failed ? 500 : 303, { location: "/" });
        res.end(failed ?? "");
        return;
      }
      const site = (await findSiteByHost(req.headers.host ?? null))!;
      const id = url.pathname.split("/").pop()!;
      const article = await getPortalArticle(site, id);
      const notice = article ? null : await getWithdrawalNotice(site, id);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(article ? `<h1>${article.title}</h1>` : notice ? `<p>已撤回：${notice.title}</p>` : "<p>不存在</p>");
    }),
  );
}

describe("policy pages", () => {
  async function publishInterpretation(
    editor: Actor,
    reviewer: Actor,
    deputy: Actor,
    policyId: string,
    columnId: string,
  ) {
    const resource = await createResource(editor, {
      kind: "INTERPRETATION",
      ownerOrgId: (await getDb().organization.findFirstOrThrow({ where: { name: "区政府办公室政务公开科" } })).id,
    });
    const { revision } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "一图读懂政府网站和政务新媒体实施意见",
      body: blocksToDoc([{ type: "paragraph", text: "实施意见明确了集约化建设的要求。" }]),
      metadata: { source: { type: "original" }, relations: [{ kind: "INTERPRETS", targetId: policyId }] },
    });
    const instance = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: revision.number,
      publishMode: "ON_APPROVAL",
      columnIds: [columnId],
    });
    for (const check of ["politics", "law", "policy", "secrecy", "wording"])
      await signOff(reviewer, {
        instanceId: instance.id,
        stagePosition: 0,
        check,
        decision: "APPROVE",
        contentHash: instance.contentHash,
      });
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    return resource.id;
  }

  it("links a policy and its interpretation both ways on the site that shows both, and filters the policy library", async () => {
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const district = (await findSiteByHost("localhost"))!;
    const culture = (await findSiteByHost("wlw.localhost"))!;
    const policies = await getDb().resource.findMany({ where: { kind: "POLICY" }, select: { id: true, title: true } });
    const policy = policies.find((row) => row.title.startsWith("重庆市人民政府办公厅关于推进"))!;
    const zcjd = district.columns.find((column) => column.slug === "zcjd")!;
    const interpretationId = await publishInterpretation(editor, reviewer, deputy, policy.id, zcjd.id);

    const onPolicy = await listRelatedOnSite(district.id, policy.id);
    expect(onPolicy).toEqual([
      expect.objectContaining({ resourceId: interpretationId, kind: "INTERPRETS", direction: "to" }),
    ]);
    const onInterpretation = await listRelatedOnSite(district.id, interpretationId);
    expect(onInterpretation).toEqual([
      expect.objectContaining({ resourceId: policy.id, kind: "INTERPRETS", direction: "from" }),
    ]);
    // The culture site does not show the interpretation, so it does not link to it.
    expect(await listRelatedOnSite(culture.id, policy.id)).toEqual([]);

    const libraryColumns = district.columns
      .filter((column) => column.kind === "POLICY_LIBRARY")
      .map((column) => column.id);
    const all = await listPolicyLibrary(district.id, libraryColumns, ZPolicyFilters.parse({}));
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.facets.issuer.reduce((sum, facet) => sum + facet.count, 0)).toBe(all.total);
    const byNumber = await listPolicyLibrary(
      district.id,
      libraryColumns,
      ZPolicyFilters.parse({ docNumber: "渝府办发" }),
    );
    expect(byNumber.items.map((item) => item.docNumber)).toEqual(["渝府办发〔2019〕64号"]);
    const year = all.facets.year[0]!;
    const byYear = await listPolicyLibrary(district.id, libraryColumns, ZPolicyFilters.parse({ year: year.value }));
    expect(byYear.total).toBe(year.count);
    const issuer = all.facets.issuer.at(-1)!;
    const byIssuer = await listPolicyLibrary(
      district.id,
      libraryColumns,
      ZPolicyFilters.parse({ issuer: issuer.value }),
    );
    expect(byIssuer.total).toBe(issuer.count);
    expect(
      (await listPolicyLibrary(district.id, libraryColumns, ZPolicyFilters.parse({ validity: "REPEALED" }))).total,
    ).toBe(0);
    // Bad filter values are ignored rather than failing the page.
    expect(ZPolicyFilters.parse({ year: "19; drop table", validity: "nonsense", page: "-3" })).toMatchObject({
      year: undefined,
      validity: undefined,
      page: 1,
    });
  });
});

describe("portal page cache", () => {
  it("serves a page from memory and refreshes it before the response of the request that withdrew it", async () => {
    const officeAdmin = await makeUser("office.deputy", "DIRECT_RESPONSIBLE", "重庆市人民政府办公厅");
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    const server = portalServer(state, officeAdmin);
    notifications.length = 0;
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const base = `http://localhost:${(server.address() as AddressInfo).port}`;
    const id = await cityOpinionId();
    try {
      const first = await get(`${base}/content/${id}`);
      expect(first.headers["x-portal-cache"]).toBe("MISS");
      expect(first.body).toContain(CITY_OPINION);
      const second = await get(`${base}/content/${id}`);
      expect(second.headers["x-portal-cache"]).toBe("HIT");
      const culture = await get(`${base}/content/${id}`, { host: "wlw.localhost" });
      expect(culture.body).toContain(CITY_OPINION);
      expect(state.cache.size).toBe(2);
      // Revalidation by ETag.
      const notModified = await get(`${base}/content/${id}`, { "if-none-match": String(second.headers.etag) });
      expect(notModified.status).toBe(304);

      const withdrawn = await fetch(`${base}/withdraw?id=${id}`, { method: "POST", redirect: "manual" });
      expect(withdrawn.status).toBe(303);
      // The very next request, on either site, is rendered afresh.
      const after = await get(`${base}/content/${id}`);
      expect(after.headers["x-portal-cache"]).toBe("MISS");
      expect(after.body).toContain(`已撤回：${CITY_OPINION}`);
      const afterCulture = await get(`${base}/content/${id}`, { host: "wlw.localhost" });
      expect(afterCulture.body).toContain("已撤回");

      // Every other server hears the same change, with the tags of both sites.
      const tags = await nextNotification();
      expect(tags).toContain(`resource:${id}`);
      const placements = await getDb().placement.findMany({
        where: { resourceId: id },
        select: { columnId: true, column: { select: { siteId: true } } },
      });
      expect(placements).toHaveLength(2);
      expect(new Set(placements.map((placement) => placement.column.siteId)).size).toBe(2);
      for (const placement of placements) {
        expect(tags).toContain(`column:${placement.columnId}`);
        expect(tags).toContain(`listing:${placement.column.siteId}`);
      }
    } finally {
      server.close();
    }
  });

  it("does not pass through or store back-office pages, client-router requests or unlabelled pages", async () => {
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    const server = http.createServer(
      withPageCache(state, async (_req, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("plain");
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const base = `http://localhost:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/admin`);
      await fetch(`${base}/columns/x`, { headers: { rsc: "1" } });
      await fetch(`${base}/unlabelled`);
      await fetch(`${base}/unlabelled`);
      expect(state.cache.size).toBe(0);
      expect((await fetch(`${base}/admin`)).headers.get("x-portal-cache")).toBeNull();
    } finally {
      server.close();
    }
  });
});

describe("site administration", () => {
  it("lets the district's site administrator change theme, hosts and columns, and refuses everyone else", async () => {
    const [siteadmin, editor] = await actorsFor("siteadmin", "editor");
    const district = (await findSiteByHost("localhost"))!;
    const culture = (await findSiteByHost("wlw.localhost"))!;
    const settings = {
      siteId: district.id,
      name: district.name,
      siteCode: district.siteCode,
      icpNumber: district.icpNumber,
      psbNumber: "",
      contact: "区政府办公室 023-65368000",
      theme: "landscape",
      hosts: "localhost 127.0.0.1 spb.localhost www.cqspb.gov.cn",
    };
    const original = await getDb().site.findUniqueOrThrow({ where: { id: district.id }, include: { hosts: true } });
    restoreAfterTest(() =>
      updateSiteSettings(siteadmin, {
        ...settings,
        psbNumber: original.psbNumber ?? "",
        contact: original.contact ?? "",
        theme: original.theme,
        hosts: original.hosts.map((host) => host.host).join(" "),
      }),
    );

    await expect(updateSiteSettings(editor, settings)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      updateSiteSettings(siteadmin, { ...settings, siteId: culture.id, siteCode: culture.siteCode }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      updateSiteSettings(siteadmin, { ...settings, hosts: "localhost wlw.localhost" }),
    ).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("wlw.localhost") });
    await expect(updateSiteSettings(siteadmin, { ...settings, siteCode: culture.siteCode })).rejects.toMatchObject({
      code: "INVALID",
    });
    expect((await getDb().site.findUniqueOrThrow({ where: { id: district.id } })).theme).toBe("classic");

    notifications.length = 0;
    await updateSiteSettings(siteadmin, settings);
    expect(await nextNotification()).toEqual([`site:${district.id}`]);
    const updated = (await findSiteByHost("www.cqspb.gov.cn"))!;
    expect(updated).toMatchObject({ id: district.id, theme: "landscape", psbNumber: null });
    expect(await getDb().auditEvent.count({ where: { action: "site.update", subject: `site:${district.id}` } })).toBe(
      1,
    );

    const parent = district.columns.find((column) => column.slug === "news")!;
    const child = await saveColumn(siteadmin, {
      siteId: district.id,
      parentId: parent.id,
      name: "基层动态",
      slug: "jcdt",
      kind: "LIST",
      linkUrl: "",
      position: "5",
    });
    await expect(
      saveColumn(siteadmin, {
        siteId: district.id,
        columnId: parent.id,
        parentId: child.id,
        name: parent.name,
        slug: parent.slug,
        kind: "LIST",
        linkUrl: "",
        position: "0",
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("下级栏目"),
    });
    await expect(
      saveColumn(siteadmin, {
        siteId: district.id,
        parentId: "",
        name: "重复路径",
        slug: "news",
        kind: "LIST",
        linkUrl: "",
        position: "1",
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      saveColumn(editor, {
        siteId: district.id,
        parentId: "",
        name: "编辑建的",
        slug: "bjj",
        kind: "LIST",
        linkUrl: "",
        position: "1",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const ywdt = district.columns.find((column) => column.slug === "sjwj")!;
    await expect(deleteColumn(siteadmin, { siteId: district.id, columnId: ywdt.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("篇稿件"),
    });
    await expect(deleteColumn(siteadmin, { siteId: district.id, columnId: parent.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("下级栏目"),
    });
    await deleteColumn(siteadmin, { siteId: district.id, columnId: child.id });
    expect(await getDb().column.count({ where: { id: child.id } })).toBe(0);
  });
});
