import { describe, expect, it } from "vitest";
import { lexemeQuery } from "@/lib/search/tokenize";
import { chooseCommonLexemes, commonMask, MAX_COMMON } from "@/lib/search/postgres/common-lexemes";
import {
  estimateMatches,
  matchDensity,
  planSearch,
  publishedShare,
  type IndexStatistics,
} from "@/lib/search/postgres/planner";
import { PREPARED_SHAPES, statementName } from "@/lib/search/postgres/reader";
import type { SearchDoc } from "@/lib/search/documents";

// The PostgreSQL engine (lib/search/postgres/): how it estimates a query's matches from the
// index statistics, plans the lexemes to look up and the buckets to walk, and names its prepared
// statements. Tokenizing and the query's variants are tested in search.test.ts.

describe("planning a search on PostgreSQL", () => {
  // ANALYZE's lexeme shares for 10,000 documents; any other lexeme is rarer than 0.001.
  const shares = {
    rows: 10_000,
    published: [],
    frequency: new Map([
      ["新媒", 0.3],
      ["媒体", 0.5],
      ["社保", 0.02],
      ["矩阵", 0.1],
    ]),
    rarest: 0.001,
  };

  it("takes the bigrams of one word as occurring together and different words as independent", () => {
    expect(matchDensity(["新媒体"], shares)).toBeCloseTo(0.3);
    expect(matchDensity(["新媒体 矩阵"], shares)).toBeCloseTo(0.03);
    expect(matchDensity(["社保", "新媒体"], shares)).toBeCloseTo(0.32);
    expect(matchDensity(["通"], shares)).toBe(1);
    expect(matchDensity(["。"], shares)).toBe(0);
  });

  it("reads the share of documents published in a span from the equal-share histogram", () => {
    const bounds = ["2024-01-01", "2025-01-01", "2026-01-01", "2026-07-01", "2027-01-01"].map(
      (day) => new Date(`${day}T00:00:00Z`),
    );
    expect(publishedShare(bounds, new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"))).toBeCloseTo(0.5);
    expect(publishedShare(bounds, new Date("2024-07-02T00:00:00Z"), new Date("2025-01-01T00:00:00Z"))).toBeCloseTo(
      0.125,
      2,
    );
    expect(publishedShare(bounds, new Date("2010-01-01T00:00:00Z"), new Date("2020-01-01T00:00:00Z"))).toBe(0);
    expect(publishedShare([], new Date("2010-01-01T00:00:00Z"), new Date("2020-01-01T00:00:00Z"))).toBe(1);
  });

  it("estimates a query's matches by its rarest lexeme, adding up variants, a one-character prefix as everything", () => {
    expect(estimateMatches(["新媒体"], shares)).toBe(3000);
    expect(estimateMatches(["新媒体 矩阵"], shares)).toBe(1000);
    // A lexeme not among the common ones counts as the rarest of them.
    expect(estimateMatches(["新媒体 检索"], shares)).toBe(10);
    expect(estimateMatches(["社保", "新媒体"], shares)).toBe(3200);
    expect(estimateMatches(["通"], shares)).toBe(10_000);
    expect(estimateMatches(["。"], shares)).toBe(0);
  });

  it("walks the buckets for a common word, and reads words that are common but rarely together at once", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    // The walk planned for a query, no lexeme common.
    const planWalk = (variants: string[], stats: IndexStatistics, at: Date) => planSearch(variants, [], stats, at).walk;
    // A million documents evenly over 2020–2026.
    const published = Array.from(
      { length: 101 },
      (_, i) => new Date(Date.UTC(2020, 0, 1) + (i / 100) * (Date.UTC(2027, 0, 1) - Date.UTC(2020, 0, 1))),
    );
    const stats = {
      rows: 1_000_000,
      published,
      frequency: new Map([
        ["通知", 0.066],
        ["网站", 0.87],
        ["检查", 0.2],
        ["整改", 0.09],
        ["重庆", 0.13],
      ]),
      rarest: 0.001,
    };
    // 66,000 matches: a few months from the newest hold a thousand of them.
    const common = planWalk(["通知"], stats, now);
    expect(common?.buckets.slice(0, 3).map((bucket) => bucket.lexeme)).toEqual([
      "'~y2027'",
      "'~m202612'",
      "'~m202611'",
    ]);
    expect(planWalk(["重庆 通知"], stats, now)).not.toBeNull();
    // A million over 70 years (as the benchmark's): a month holds 1,200 documents, and a month's
    // step costs nearly what a year's does. A word in nine documents of ten still goes by months;
    // words rarer together (about 450 matches a year) walk whole years.
    const seventy = {
      ...stats,
      published: Array.from(
        { length: 101 },
        (_, i) => new Date(Date.UTC(1957, 0, 1) + (i / 100) * (Date.UTC(2027, 0, 1) - Date.UTC(1957, 0, 1))),
      ),
    };
    expect(
      planWalk(["网站"], seventy, now)
        ?.buckets.slice(0, 3)
        .map((bucket) => bucket.lexeme),
    ).toEqual(["'~y2027'", "'~m202612'", "'~m202611'"]);
    const rarer = {
      ...seventy,
      frequency: new Map([...stats.frequency, ["政府", 0.5], ["府网", 0.2], ["信息", 0.4], ["公开", 0.3]]),
    };
    expect(
      planWalk(["重庆 政府网站 信息 公开"], rarer, now)
        ?.buckets.slice(0, 3)
        .map((bucket) => bucket.lexeme),
    ).toEqual(["'~y2027'", "'~y2026'", "'~y2025'"]);
    // About 1,000 of the million: every bucket would be walked, each through its whole list.
    expect(planWalk(["通知 网站 检查 整改"], stats, now)).toBeNull();
    // Too few possible matches to walk at all.
    expect(planWalk(["社保"], { ...stats, frequency: new Map([["社保", 0.001]]) }, now)).toBeNull();
    // Nothing indexed yet.
    expect(planWalk(["通知"], { ...stats, published: [] }, now)).toBeNull();
  });

  it("names as common the lexemes in a tenth of the sampled documents or more, most frequent first, at most 128", () => {
    const doc = (body: string): SearchDoc => ({
      id: body,
      publicationId: null,
      type: "CONTENT",
      kind: "ARTICLE",
      title: "",
      summary: "",
      body,
      url: "/",
      unitId: null,
      unitName: "",
      year: null,
      validity: null,
      themeCode: null,
      genre: null,
      docNumber: null,
      siteIds: [],
      columnIds: [],
      publishedAt: new Date(),
      validFrom: null,
      validTo: null,
    });
    const sample = Array.from({ length: 100 }, (_, i) =>
      doc(
        [
          i % 2 ? "网站" : "通知",
          i % 5 === 0 ? "整改" : "",
          i % 10 === 0 ? "检查" : "",
          i % 20 === 1 ? "公告" : "",
        ].join("，"),
      ),
    );
    // 网站 50, 通知 50, 整改 20, 检查 10; 公告 5: rarer than a tenth. (知 and 站, a run's last
    // character, are in 50 each, but a query never asks for a single character but as a prefix.)
    expect(chooseCommonLexemes(sample)).toEqual(["网站", "通知", "整改", "检查"]);
    // Too small a library names none.
    expect(chooseCommonLexemes(sample.slice(0, 49))).toEqual([]);
    // Never more than two bigints' bits.
    const varied = Array.from({ length: 100 }, () =>
      doc(Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x4e00 + i * 2, 0x4e01 + i * 2)).join("，")),
    );
    expect(chooseCommonLexemes(varied)).toHaveLength(MAX_COMMON);
  });

  it("sets a row's bit for each common lexeme it holds, and splits a query into lexemes looked up and tested", () => {
    const common = ["网站", "政府", "信息", "公开"];
    expect(commonMask(["网站", "重庆", "公开"], common)).toEqual([0b1001n, 0n]);
    expect(commonMask(["重庆"], common)).toEqual([0n, 0n]);
    // Bits 0–63 in the first bigint, 64–127 in the second, each as PostgreSQL's signed int8.
    const many = Array.from({ length: MAX_COMMON }, (_, i) => `w${i}`);
    expect(commonMask(["w63"], many)).toEqual([-(2n ** 63n), 0n]);
    expect(commonMask(["w0", "w64", "w127"], many)).toEqual([1n, -(2n ** 63n) + 1n]);
    const stats = {
      rows: 1000,
      published: [],
      frequency: new Map([
        ["网站", 0.9],
        ["政府", 0.5],
        ["府网", 0.1],
      ]),
      rarest: 0.01,
    };
    const now = new Date("2026-11-23T10:00:00Z");
    const split = (variants: string[], names: string[]) => planSearch(variants, names, stats, now).split;
    // (No publication times: read at once.)
    expect(planSearch(["重庆 政府网站"], common, stats, now)).toEqual({
      split: { looked: ["重庆", "府网"], tested: ["政府", "网站"], mask: [0b11n, 0n] },
      walk: null,
    });
    // Common words only: the rarest is looked up.
    expect(planSearch(["政府 网站"], common, stats, now)).toEqual({
      split: { looked: ["政府"], tested: ["网站"], mask: [0b1n, 0n] },
      walk: null,
    });
    // Nothing to test, several variants, or no list: the whole query goes to the index.
    expect(split(["网站"], common)).toBeNull();
    expect(split(["重庆"], common)).toBeNull();
    expect(split(["政府 网站", "政府 门户"], common)).toBeNull();
    expect(split(["政府 网站"], [])).toBeNull();
    expect(lexemeQuery(["重庆", "府网", "通:*"])).toBe("'重庆' & '府网' & '通':*");
  });

  it("looks a common lexeme up as well when its posting list costs less than the rows it rules out", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    // A million documents over 70 years (as the benchmark's), with its lexemes' shares.
    const published = Array.from(
      { length: 101 },
      (_, i) => new Date(Date.UTC(1957, 0, 1) + (i / 100) * (Date.UTC(2027, 0, 1) - Date.UTC(1957, 0, 1))),
    );
    const frequency = new Map([
      ["新媒", 0.78],
      ["媒体", 0.8],
      ["管理", 0.6],
      ["账号", 0.17],
      ["注销", 0.16],
      ["数据", 0.32],
      ["共享", 0.2],
      ["平台", 0.5],
      ["建设", 0.54],
      ["通知", 0.066],
      ["网站", 0.88],
      ["检查", 0.2],
      ["整改", 0.088],
    ]);
    const stats = { rows: 1_000_000, published, frequency, rarest: 0.001 };
    const common = ["网站", "媒体", "新媒", "管理", "建设", "平台", "数据", "共享", "检查", "账号", "注销"];
    // All common: 注销 alone yields about 2,300 rows a year for 380 matches; with 账号 too, 400.
    // 媒体 and 管理 would rule out fewer rows than their lists cost.
    const account = planSearch(["新媒体 管理 账号 注销"], common, stats, now);
    expect(account.split!.looked).toEqual(["注销", "账号"]);
    expect(account.split!.tested.sort()).toEqual(["媒体", "新媒", "管理"].sort());
    expect(account.walk?.buckets[0]!.lexeme).toBe("'~y2027'");
    expect(planSearch(["数据 共享 平台 建设"], common, stats, now).split!.looked).toEqual(["共享", "数据"]);
    // 通知 and 整改 are not common and together rare: 网站 and 检查 are tested in the rows, read at once.
    expect(planSearch(["通知 网站 检查 整改"], common, stats, now)).toMatchObject({
      split: { looked: ["通知", "整改"], tested: ["网站", "检查"] },
      walk: null,
    });
  });
});

describe("prepared search statements", () => {
  it("names each statement text once, the same name every time, and no more than PREPARED_SHAPES texts", () => {
    const texts = Array.from({ length: PREPARED_SHAPES + 5 }, (_, i) => `select ${i} as shape`);
    const names = texts.map(statementName);
    const named = names.filter((name): name is string => name !== undefined);
    expect(named.length).toBeGreaterThan(0);
    expect(named.length).toBeLessThanOrEqual(PREPARED_SHAPES);
    expect(new Set(named).size).toBe(named.length);
    // Once the room is taken, later texts run unnamed; earlier ones keep their names.
    expect(names.at(-1)).toBeUndefined();
    expect(texts.map(statementName)).toEqual(names);
  });
});
