import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresEngine } from "@/lib/search/postgres/engine";
import { deleteDocuments, writeDocuments } from "@/lib/search/postgres/indexing";
import { reindexPostgres } from "@/lib/search/service";
import { searchPortal } from "@/lib/search/search-portal";
import { markText, snippet } from "@/lib/search/highlight";
import { highlightTerms, ZSearchParams } from "@/lib/search/query";
import type { SearchDoc } from "@/lib/search/documents";
import { fileDb } from "./helpers";
import { liveIndexAndSites, testDoc } from "./support/search";

// Search results carry a snippet of each hit's body, highlighted. The PostgreSQL engine returns
// only a stretch of a long body around its first match, and the snippet must be exactly the one
// the whole body gives: long and short bodies, whitespace runs, a match near either end, none in
// the body, a summary that shows the words, letters with case, characters outside the BMP.

const FILLER = "区人民政府办公室负责同志主持召开专题会议，研究部署冬季安全生产检查工作。";
const long = (times: number) => FILLER.repeat(times);

/** Bodies keyed by test document id, and what each is meant to cover. */
const BODIES: [string, string, Partial<SearchDoc>?][] = [
  ["deep", `${long(200)}摘录试验词出现在这里${long(200)}`],
  ["start", `摘录试验词开头${long(300)}`],
  ["end", `${long(300)}结尾的摘录试验词。`],
  ["spaces", `${long(50)}${"\u3000\u3000\n \t".repeat(400)}摘录试验词${"\n\n   ".repeat(300)}${long(50)}`],
  ["sparse", `${long(20)}${" 字".repeat(300)}摘录试验词${"字 ".repeat(300)}${long(20)}`],
  ["short", "很短的摘录试验词正文。"],
  ["turkish", `${long(30)}İstanbul 友好城市${long(30)}摘录试验词${long(30)}`],
  ["astral", `${"𠀀𠀁𠀂".repeat(300)}摘录试验词${"𠀃".repeat(300)}`],
  ["title-only", long(100), { title: "标题里才有摘录试验词" }],
  ["summary", `${long(100)}摘录试验词${long(100)}`, { summary: "摘要也写到摘录试验词。" }],
  ["other-summary", `${long(100)}摘录试验词${long(100)}`, { summary: "摘要与查询无关。" }],
  ["latin", `${long(100)}The Portal App 摘录试验词 app${long(100)}`],
  ["second-word", `${long(100)}冬季检查${long(10)}摘录试验词${long(100)}`],
];

let docs: SearchDoc[] = [];

beforeAll(async () => {
  await fileDb();
  await reindexPostgres();
  const { db, live, common, site } = await liveIndexAndSites();
  docs = BODIES.map(([id, body, extra], index) => ({
    ...testDoc(`snippet-${id}`, `摘录试验第${index}号`, body, [site.id], new Date(Date.UTC(2026, 0, 1 + index))),
    ...extra,
  }));
  await writeDocuments(db, { generation: live, common }, docs, true);
});

afterAll(async () => {
  const { db, live } = await liveIndexAndSites();
  await deleteDocuments(
    db,
    live,
    docs.map((doc) => doc.id),
  );
});

/** The snippet the whole document gives (the summary when it shows a word, else the body). */
function expected(doc: SearchDoc, terms: string[]) {
  const shows = (text: string) => terms.some((term) => text.toLowerCase().includes(term.toLowerCase()));
  const source = [doc.summary, doc.body].find((text) => text && shows(text)) ?? (doc.summary || doc.body);
  return markText(snippet(source.slice(0, 20000), terms), terms);
}

describe("search snippets from the engine's excerpts", () => {
  for (const q of ["摘录试验词", "摘录试验词 冬季检查", "摘录试验 app"]) {
    it(`are exactly the whole body's for「${q}」`, async () => {
      const { site } = await liveIndexAndSites();
      const params = ZSearchParams.parse({ q, sort: "date" });
      const terms = highlightTerms([q]);
      const seen = new Set<string>();
      for (let page = 1; page <= 2; page += 1) {
        const result = await searchPortal(
          { ...params, page },
          { siteId: site.id, hrefFor: async (_siteId, path) => path, engine: new PostgresEngine() },
        );
        for (const hit of result.hits) {
          const doc = docs.find((candidate) => `/${candidate.id}` === hit.href);
          if (!doc) continue;
          seen.add(doc.id);
          expect(hit.snippet, doc.id).toEqual(expected(doc, terms));
        }
      }
      // Every document holding the words was compared.
      const holding = docs.filter((doc) => `${doc.title}${doc.summary}${doc.body}`.includes(terms.at(-1)!));
      expect([...seen].sort()).toEqual(holding.map((doc) => doc.id).sort());
    });
  }

  it("carries a bounded excerpt of a long body, and the whole body when only that is exact", async () => {
    const engine = new PostgresEngine();
    const { site } = await liveIndexAndSites();
    const query = (variants: string[]) =>
      engine.search({ variants, docNumber: null, filters: { siteId: site.id }, sort: "date", offset: 0, limit: 20 });
    const byId = new Map((await query(["摘录试验词"])).hits.map((hit) => [hit.id, hit.excerpt]));
    expect(byId.get("snippet-deep")!.text.length).toBeLessThanOrEqual(800);
    expect(byId.get("snippet-deep")).toMatchObject({ atStart: false, atEnd: false });
    expect(byId.get("snippet-start")).toMatchObject({ atStart: true, atEnd: false });
    expect(byId.get("snippet-end")).toMatchObject({ atStart: false, atEnd: true });
    expect(byId.get("snippet-title-only")).toMatchObject({ atStart: true, atEnd: false });
    // Whitespace leaves too little around the match; İ shifts positions under lower case.
    for (const id of ["snippet-spaces", "snippet-turkish"]) {
      const doc = docs.find((candidate) => candidate.id === id)!;
      expect(byId.get(id), id).toEqual({ text: doc.body, atStart: true, atEnd: true });
    }
    // Words with case are matched ignoring it, which the database's position cannot: whole bodies.
    const latin = (await query(["摘录试验 app"])).hits.find((hit) => hit.id === "snippet-latin")!;
    expect(latin.excerpt).toMatchObject({ atStart: true, atEnd: true });
  });
});
