import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { blocksToDoc } from "@/lib/library/content";
import { listLibrary } from "@/lib/library/browse";
import { createResource, saveRevision, saveWorkingDraft } from "@/lib/library/resources";
import { listAssets, uploadAsset } from "@/lib/library/assets";
import { searchLibrary } from "@/lib/search/library";
import { ZSearchParams } from "@/lib/search/query";
import { listAuditEvents } from "@/lib/audit/query";
import { parsePolicyFilters } from "@/lib/sites/policies";
import { saveColumn } from "@/lib/sites/admin";
import type { Actor } from "@/lib/auth/session";
import { actorFor, orgId, fileDb } from "../helpers";
import { countRows } from "./row-counts";

// Bad input gets a clear Chinese error and changes nothing (DESIGN invariant 8): a NUL or other
// control character in any free-text field, and values a filter does not know, are refused by
// the lib schemas with a domain error (never a PostgreSQL error, which would be a 500).

const NUL = "\u0000";
const CHINESE = /[\u4e00-\u9fff]/;
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);

async function refusal(work: () => Promise<unknown>): Promise<DomainError> {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  const domain = error as DomainError;
  expect(domain.code).toBe("INVALID");
  expect(domain.message).toMatch(CHINESE);
  return domain;
}

let editor: Actor;
let auditor: Actor;
let siteadmin: Actor;
let resourceId: string;
let siteId: string;

beforeAll(async () => {
  const db = await fileDb();
  [editor, auditor, siteadmin] = await Promise.all([actorFor("editor"), actorFor("auditor"), actorFor("siteadmin")]);
  resourceId = (await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId("区政府办公室政务公开科") }))
    .id;
  siteId = (await db.site.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
});

describe("filters and searches refuse NUL and unknown values", () => {
  it("library browser: unknown kind, state, sort or date, and NUL in text", async () => {
    const before = await countRows();
    for (const filter of [
      { kind: "FOO" },
      { state: "GONE" },
      { sort: "sideways" },
      { from: "2026-13-45x" },
      { from: "2026-02-30" },
      { to: "9999-99-99" },
      { q: `政务${NUL}` },
      { genre: NUL },
      { themeCode: `01${NUL}` },
    ]) {
      await refusal(() => listLibrary(editor, filter));
    }
    expect(await countRows()).toEqual(before);
  });

  it("library full-text search and the asset picker", async () => {
    expect((await refusal(() => searchLibrary(editor, { q: `公开${NUL}` }))).message).toBeTruthy();
    await refusal(() => listAssets(editor, { q: `a${NUL}` }));
  });

  it("portal search", () => {
    const parsed = ZSearchParams.safeParse({ q: `政策${NUL}解读` });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe("内容含有不允许的控制字符。");
    expect(ZSearchParams.safeParse({ q: "政策", kind: "FOO" }).error?.issues[0]?.message).toMatch(CHINESE);
  });

  it("policy library filters", () => {
    for (const filters of [{ issuer: `重庆市${NUL}` }, { docNumber: `渝府办发${NUL}` }, { year: `2026${NUL}` }]) {
      expect(() => parsePolicyFilters(filters)).toThrow(DomainError);
    }
    // Values the library cannot offer are dropped, as before.
    expect(parsePolicyFilters({ year: "abcd", validity: "FOO" })).toMatchObject({
      year: undefined,
      validity: undefined,
      page: 1,
    });
  });

  it("audit log filters", async () => {
    const before = await countRows();
    for (const filter of [
      { q: NUL },
      { actor: `admin${NUL}` },
      { action: `x${NUL}` },
      { from: "yesterday" },
      { to: "2026-02-30" },
    ]) {
      await refusal(() => listAuditEvents(auditor, filter));
    }
    expect(await countRows()).toEqual(before);
  });
});

describe("writes refuse NUL and write nothing", () => {
  const doc = blocksToDoc([{ type: "paragraph", text: "正文" }]);

  it("autosave: title, body text and metadata", async () => {
    const before = await countRows();
    for (const input of [
      { resourceId, baseVersion: 0, title: `标题${NUL}`, body: doc, metadata: {} },
      {
        resourceId,
        baseVersion: 0,
        title: "标题",
        body: blocksToDoc([{ type: "paragraph", text: `正${NUL}文` }]),
        metadata: {},
      },
      { resourceId, baseVersion: 0, title: "标题", body: doc, metadata: { summary: `摘要${NUL}` } },
      { resourceId, baseVersion: 0, title: "标题", body: doc, metadata: { [`k${NUL}`]: 1 } },
      { resourceId, baseVersion: "x", title: "标题", body: doc, metadata: {} },
      "not an object",
    ]) {
      await refusal(() => saveWorkingDraft(editor, input));
    }
    expect(await countRows()).toEqual(before);
  });

  it("saving a revision", async () => {
    const before = await countRows();
    await refusal(() =>
      saveRevision(editor, {
        resourceId,
        baseVersion: 0,
        title: `标题${NUL}`,
        body: doc,
        metadata: { source: { type: "original" } },
      }),
    );
    await refusal(() =>
      saveRevision(editor, {
        resourceId,
        baseVersion: 0,
        title: "标题",
        body: doc,
        metadata: { source: { type: "reprint", originName: `来源${NUL}` } },
      }),
    );
    expect(await countRows()).toEqual(before);
  });

  it("upload file names", async () => {
    const before = await countRows();
    for (const fileName of [`图片${NUL}.png`, "图片\u001b.png", "a\nb.png"]) {
      const error = await refusal(() => uploadAsset(editor, { fileName, bytes: PNG }));
      expect(error.message).toBe("文件名含有不允许的控制字符，请重命名后再上传。");
    }
    expect(await countRows()).toEqual(before);
    // The same bytes under a clean name are accepted.
    await expect(uploadAsset(editor, { fileName: "图片.png", bytes: PNG })).resolves.toMatchObject({
      fileName: "图片.png",
    });
  });

  it("column names", async () => {
    const before = await countRows();
    await refusal(() =>
      saveColumn(siteadmin, {
        siteId,
        parentId: "",
        name: `栏目${NUL}名`,
        slug: "nul-column",
        kind: "LIST",
        linkUrl: "",
        position: "1",
      }),
    );
    expect(await countRows()).toEqual(before);
  });
});
