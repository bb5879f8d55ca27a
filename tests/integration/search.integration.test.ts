import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { findSiteByHost } from "@/lib/sites/portal";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { saveColumn } from "@/lib/sites/admin";
import { PostgresEngine } from "@/lib/search/postgres/engine";
import { MeiliEngine } from "@/lib/search/meilisearch";
import { consumeOutbox } from "@/lib/events/outbox";
import { contentDocId, type SearchDoc } from "@/lib/search/documents";
import { meiliHandleEvent, reindexMeilisearch, reindexPostgres } from "@/lib/search/service";
import { searchLibrary } from "@/lib/search/library";
import { getSynonymsForAdmin, saveSynonyms } from "@/lib/search/synonyms";
import { actorsFor, makeUser, fileDb, restoreAfterTest } from "./helpers";
import { searchContract } from "./search-contract";
import { publish, search, title } from "./support/search";

// Search against the real database: the contract on PostgreSQL (and on Meilisearch when
// MEILI_URL is set), kept exact by the publishing transaction, the Meilisearch consumer of the
// outbox, the editors' library search and synonyms. The PostgreSQL engine's own index (rebuilding,
// time buckets, common lexemes, prepared statements): search-postgres.integration.test.ts.

beforeAll(async () => {
  await fileDb();
  await reindexPostgres();
});

describe("the contract on PostgreSQL", () => {
  searchContract(
    () => new PostgresEngine(),
    async () => {},
  );
});

describe.runIf(Boolean(process.env.MEILI_URL))("the contract on Meilisearch", () => {
  const engine = new MeiliEngine(process.env.MEILI_URL ?? "http://127.0.0.1:7700", process.env.MEILI_MASTER_KEY);
  searchContract(
    () => engine,
    async () => void (await reindexMeilisearch(engine)),
  );
});

describe("kept in step with publishing", () => {
  it("finds an item as soon as it is published, its correction replaces it, and withdrawal removes it at once", async () => {
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const id = await publish(editor, reviewer, deputy, {
      title: "沙坪坝区冬季燃气安全专项检查启动",
      body: "区应急管理局联合燃气企业开展入户安全检查。",
    });
    expect((await search("燃气安全专项检查")).hits.map((hit) => title(hit.title))).toContain(
      "沙坪坝区冬季燃气安全专项检查启动",
    );

    await publish(
      editor,
      reviewer,
      deputy,
      { title: "沙坪坝区冬季燃气安全大检查启动", body: "区应急管理局联合燃气企业开展入户安全检查。" },
      id,
    );
    expect((await search("燃气安全专项检查")).total).toBe(0);
    expect((await search("燃气安全大检查")).hits.map((hit) => title(hit.title))).toEqual([
      "沙坪坝区冬季燃气安全大检查启动",
    ]);

    const withdrawer = (await actorsFor("principal"))[0];
    await withdrawPublication(withdrawer, { resourceId: id, reason: "信息有误，撤下核实" });
    expect((await search("燃气安全大检查")).total).toBe(0);
    expect(await getDb().searchDocument.count({ where: { id: contentDocId(id) } })).toBe(0);
  });

  it("indexes a new service entry when the site administrator adds a link column", async () => {
    const [siteadmin] = await actorsFor("siteadmin");
    const district = (await findSiteByHost("localhost"))!;
    const parent = district.columns.find((column) => column.slug === "bsfw")!;
    await saveColumn(siteadmin, {
      siteId: district.id,
      parentId: parent.id,
      name: "居住证办理",
      slug: "jzzbl",
      kind: "LINK",
      linkUrl: "https://zwykb.cq.gov.cn/grbs/jzz/",
      position: "9",
    });
    const result = await search("居住证");
    expect(result.hits[0]).toMatchObject({ type: "SERVICE", href: "https://zwykb.cq.gov.cn/grbs/jzz/" });
  });
});

describe("the Meilisearch consumer of the outbox", () => {
  it("sends an item's document on publication and its removal on withdrawal, in order, from its own cursor", async () => {
    const sent: { upsert?: string; remove?: string }[] = [];
    // Records what would be sent; the requests themselves are covered by the contract run.
    const recorder = {
      upsert: async (docs: SearchDoc[]) => void sent.push({ upsert: docs[0]!.title }),
      remove: async (ids: string[]) => void sent.push({ remove: ids[0] }),
    } as unknown as MeiliEngine;
    const db = getDb();
    const last = await db.outboxEvent.findFirst({ orderBy: { id: "desc" } });
    await db.outboxCursor.upsert({
      where: { consumer: "test.meili" },
      create: { consumer: "test.meili", lastId: last?.id ?? 0n },
      update: { lastId: last?.id ?? 0n },
    });
    const [editor, reviewer, deputy, principal] = await actorsFor("editor", "reviewer", "deputy", "principal");
    const id = await publish(editor, reviewer, deputy, {
      title: "区图书馆冬季开放时间调整",
      body: "自12月1日起调整。",
    });
    await withdrawPublication(principal, { resourceId: id, reason: "时间待定" });
    await consumeOutbox("test.meili", (event) => meiliHandleEvent(recorder, db, event.payload, event.topic));
    // Both events are handled after the withdrawal, so both send the item's current state: gone.
    expect(sent).toEqual([{ remove: contentDocId(id) }, { remove: contentDocId(id) }]);
  });

  it("sends a site's service entries anew when its link columns change", async () => {
    const replaced: { siteId: string; titles: string[] }[] = [];
    const recorder = {
      replaceServices: async (siteId: string, docs: SearchDoc[]) =>
        void replaced.push({ siteId, titles: docs.map((doc) => doc.title) }),
    } as unknown as MeiliEngine;
    const db = getDb();
    const last = await db.outboxEvent.findFirst({ orderBy: { id: "desc" } });
    await db.outboxCursor.upsert({
      where: { consumer: "test.meili.services" },
      create: { consumer: "test.meili.services", lastId: last?.id ?? 0n },
      update: { lastId: last?.id ?? 0n },
    });
    const [siteadmin] = await actorsFor("siteadmin");
    const district = (await findSiteByHost("localhost"))!;
    const parent = district.columns.find((column) => column.slug === "bsfw")!;
    await saveColumn(siteadmin, {
      siteId: district.id,
      parentId: parent.id,
      name: "出入境证件办理",
      slug: "crjzj",
      kind: "LINK",
      linkUrl: "https://zwykb.cq.gov.cn/grbs/crj/",
      position: "10",
    });
    expect(
      await consumeOutbox("test.meili.services", (event) => meiliHandleEvent(recorder, db, event.payload, event.topic)),
    ).toMatchObject({ error: null });
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.siteId).toBe(district.id);
    expect(replaced[0]!.titles).toContain("出入境证件办理");
    expect(replaced[0]!.titles).toContain("社会保障卡补办（挂失补换）");
  });
});

describe("the editors' library search", () => {
  it("finds drafts by their text for those who may see the unit, and refuses everyone else", async () => {
    const [editor] = await actorsFor("editor");
    const organization = await getDb().organization.findFirstOrThrow({ where: { name: "区政府办公室政务公开科" } });
    const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: organization.id });
    await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "关于征集民生实事项目的公告（草稿）",
      body: blocksToDoc([{ type: "paragraph", text: "面向全区征集二〇二七年民生实事候选项目。" }]),
      metadata: { source: { type: "original" } },
    });
    const hits = await searchLibrary(editor, { q: "民生实事候选" });
    expect(hits.map((hit) => hit.id)).toEqual([resource.id]);
    expect(hits[0]!.snippet.some((piece) => piece.mark && piece.text === "民生实事候选")).toBe(true);
    // The draft is not public.
    expect((await search("民生实事候选")).total).toBe(0);

    await expect(searchLibrary(null, { q: "民生实事" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const outsider = await makeUser("culture-editor", "EDITOR", "重庆市文化和旅游发展委员会");
    expect(await searchLibrary(outsider, { q: "民生实事候选" })).toEqual([]);
    await expect(searchLibrary(editor, { q: "" })).rejects.toMatchObject({ message: "请输入搜索词" });
  });
});

describe("synonyms kept by the system administrator", () => {
  it("takes effect on the next search; editors are refused; a bad line changes nothing", async () => {
    const [admin, editor] = await actorsFor("admin", "editor");
    await expect(saveSynonyms(editor, { text: "a=b" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const before = await getSynonymsForAdmin(admin);
    expect(before).toContain("社保=社会保险");
    restoreAfterTest(() => saveSynonyms(admin, { text: before }));
    expect((await search("网上政府办事平台")).total).toBe(0);
    await saveSynonyms(admin, { text: `${before}\n网上政府办事平台=政府网站` });
    expect((await search("网上政府办事平台")).total).toBeGreaterThan(0);
    await expect(saveSynonyms(admin, { text: "社保=社会保险\n医保" })).rejects.toMatchObject({
      message: expect.stringContaining("第 2 行"),
    });
    expect(await getSynonymsForAdmin(admin)).toBe(`${before}\n网上政府办事平台=政府网站`);
    expect(await getDb().auditEvent.count({ where: { action: "search.synonyms.update" } })).toBe(1);
  });
});
