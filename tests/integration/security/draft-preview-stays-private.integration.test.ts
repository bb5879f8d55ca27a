import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { publishApproved } from "@/lib/publish/publish";
import { findSiteByHost, listSitemapEntries } from "@/lib/sites/portal";
import { getPortalArticle } from "@/lib/sites/portal-article";
import { issuePreviewLink } from "@/lib/sites/preview/issue-preview";
import { openPreview } from "@/lib/sites/preview/open-preview";
import { signPreviewToken } from "@/lib/sites/preview/token";
import { withSecurity } from "@/lib/http/security";
import { PageCache } from "@/lib/sites/page-cache";
import { serveFromCache, withPageCache, type CacheServerState } from "@/lib/sites/cache-server";
import { tagPage } from "@/lib/cache/render-scope";
import type { Actor } from "@/lib/auth/session";
import { actorsFor, fileDb, makeUser, orgId } from "../helpers";

// What a draft-preview link must never do: open for someone who is neither editor nor reviewer of
// the item (a link forwarded to another unit, the site's administrator, the platform supervisor),
// open for a token the platform did not sign as it stands, or let unreviewed text reach the
// public — the portal page, the sitemap, search or the page cache — of an item already live.

const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
const METADATA = { source: { type: "original" } };
const doc = (text: string) => blocksToDoc([{ type: "paragraph", text }]);

async function ywdt() {
  return (
    await getDb().column.findFirstOrThrow({ where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } } })
  ).id;
}

/** A live item (revision 1) whose correction (revision 2) is in review, with a preview link to it. */
async function liveItemWithCorrectionLink() {
  const db = await fileDb();
  const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
  const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId("区政府办公室政务公开科") });
  const first = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 0,
    title: "区养老服务补贴发放通知",
    body: doc("补贴标准为每人每月一百元。"),
    metadata: METADATA,
  });
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: 1,
    publishMode: "MANUAL",
    columnIds: [await ywdt()],
  });
  const hash = first.revision.contentHash;
  for (const check of CHECKS)
    await signOff(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      check,
      decision: "APPROVE",
      contentHash: hash,
    });
  await signOff(deputy, { instanceId: instance.id, stagePosition: 1, decision: "APPROVE", contentHash: hash });
  await publishApproved(editor, instance.id);
  await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 1,
    title: "区养老服务补贴发放通知",
    body: doc("补贴标准为每人每月三百元（未审核的草稿）。"),
    metadata: METADATA,
  });
  await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: 2,
    publishMode: "MANUAL",
    correctionNote: "更正补贴标准",
  });
  const issued = await issuePreviewLink(editor, { resourceId: resource.id, columnId: await ywdt() });
  return { db, editor, resource, token: issued.path.replace("/admin/preview/", "") };
}

describe("a draft preview stays private", () => {
  it("opens only for the item's editors and reviewers, not for whoever holds the link", async () => {
    const { editor, token } = await liveItemWithCorrectionLink();
    const [siteAdmin, supervisor] = await actorsFor("siteadmin", "supervisor");
    const outsiders: Actor[] = [
      siteAdmin,
      supervisor,
      await makeUser("hx.editor", "EDITOR", "重庆市住房和城乡建设委员会"),
      await makeUser("wl.reviewer", "CHECK_REVIEWER", "重庆市文化和旅游发展委员会"),
    ];
    for (const outsider of outsiders)
      await expect(openPreview(outsider, token), outsider.username).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A person who still owes a password change is refused before anything else.
    await expect(
      openPreview({ ...editor, pendingObligation: "请先修改密码后再继续操作。" }, token),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "请先修改密码后再继续操作。",
    });
    expect((await openPreview(editor, token)).article.bodyHtml).toContain("三百元");
  });

  it("refuses a token re-pointed at another item, or signed with another platform's secret", async () => {
    const { editor, token, db } = await liveItemWithCorrectionLink();
    const other = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId("区政府办公室政务公开科") });
    const otherRevision = await saveRevision(editor, {
      resourceId: other.id,
      baseVersion: 0,
      title: "另一份草稿",
      body: doc("不应被预览。"),
      metadata: METADATA,
    });
    const site = (await findSiteByHost("localhost"))!;
    const claims = {
      resourceId: other.id,
      revisionId: otherRevision.revision.id,
      siteId: site.id,
      columnId: await ywdt(),
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    // Another item's payload under this link's signature.
    const [payload] = signPreviewToken(claims, Buffer.alloc(32)).split(".");
    await expect(openPreview(editor, `${payload}.${token.split(".")[1]}`)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // A well-formed token signed with a key derived from some other secret.
    const foreignKey = createHmac("sha256", "another-platform-secret-of-32-characters")
      .update("tongyuan:draft-preview-link:v1")
      .digest();
    await expect(openPreview(editor, signPreviewToken(claims, foreignKey))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.auditEvent.count({ where: { action: "preview.issue", subject: `resource:${other.id}` } })).toBe(0);
  });

  it("leaves the public page, the sitemap, search, the outbox and the page cache as they were", async () => {
    const { db, editor, resource, token } = await liveItemWithCorrectionLink();
    const site = (await findSiteByHost("localhost"))!;
    const before = {
      outbox: await db.outboxEvent.count(),
      purges: await db.portalPurge.count(),
      search: await db.searchDocument.findMany({ where: { id: `res-${resource.id}` }, select: { body: true } }),
      sitemap: await listSitemapEntries(site.id, 1000),
    };
    const preview = await openPreview(editor, token);
    expect(preview.article.bodyHtml).toContain("三百元");
    expect(preview.article.correction).toMatchObject({ note: "更正补贴标准" });
    expect(preview.banner.status).toBe("审核中");

    expect((await getPortalArticle(site, resource.id))?.bodyHtml).toContain("一百元");
    expect((await getPortalArticle(site, resource.id))?.bodyHtml).not.toContain("三百元");
    expect(await db.outboxEvent.count()).toBe(before.outbox);
    expect(await db.portalPurge.count()).toBe(before.purges);
    const search = await db.searchDocument.findMany({ where: { id: `res-${resource.id}` }, select: { body: true } });
    expect(search).toEqual(before.search);
    expect(search.every((row) => !row.body.includes("三百元"))).toBe(true);
    expect(await listSitemapEntries(site.id, 1000)).toEqual(before.sitemap);
  });
});

describe("the preview address on the portal server", () => {
  // The same composition as scripts/server.ts (security, then the page cache, then the app), with
  // a stand-in for Next.js that labels every page as a portal render would.
  const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
  let server: http.Server;
  let base = "";
  let renders = 0;

  beforeAll(async () => {
    server = http.createServer(
      withSecurity(
        withPageCache(state, async (_req, res) => {
          renders += 1;
          tagPage("site:test");
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.end(`<!doctype html><html><body><p>预览 ${renders}</p></body></html>`);
        }),
        { answerFromStore: (req, res) => serveFromCache(state, req, res) },
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, resolve));
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is never stored or answered by the page cache, and is sent no-store, private and noindex", async () => {
    const path = "/admin/preview/AAAA.BBBB";
    const first = await fetch(`${base}${path}`);
    const second = await fetch(`${base}${path}`);
    expect(await first.text()).toContain("预览 1");
    expect(await second.text()).toContain("预览 2");
    for (const response of [first, second]) {
      expect(response.headers.get("cache-control")).toBe("no-store, private");
      expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
      expect(response.headers.get("x-portal-cache")).toBeNull();
    }
    expect(state.cache.size).toBe(0);
    // A public page beside it is cached as usual (the stand-in is not what keeps previews out).
    await fetch(`${base}/columns/ywdt`);
    expect((await fetch(`${base}/columns/ywdt`)).headers.get("x-portal-cache")).toBe("HIT");
  });
});
