import { describe, expect, it } from "vitest";
import { lexemeSet, matchQuery, recentBuckets, runs, setLiteral, timeBuckets } from "@/lib/search/tokenize";
import {
  ZSearchParams,
  expandSynonyms,
  highlightTerms,
  looksLikeDocNumber,
  matchingVariants,
  variantsQuery,
} from "@/lib/search/query";
import { markText, snippet } from "@/lib/search/highlight";
import { normalizeDocNumber, yearOf } from "@/lib/search/documents";
import { parseSynonymText, synonymText } from "@/lib/search/synonyms";
import { meiliFilter, meiliSettings } from "@/lib/search/meilisearch";
import { withoutHighlight } from "@/lib/sites/cache-server";

describe("tokenizing Chinese text", () => {
  it("splits into Han runs and lower-cased words at punctuation and script changes", () => {
    expect(runs("来政办发〔2021〕30号：先入库，后使用 ABC")).toEqual([
      { text: "来政办发", han: true },
      { text: "2021", han: false },
      { text: "30", han: false },
      { text: "号", han: true },
      { text: "先入库", han: true },
      { text: "后使用", han: true },
      { text: "abc", han: false },
    ]);
    expect(runs("，。！  ")).toEqual([]);
    // Full-width letters and digits are folded (NFKC).
    expect(runs("ＡＢＣ１２３")).toEqual([{ text: "abc123", han: false }]);
  });

  it("indexes the distinct bigrams of all fields without positions, and matches every bigram of every run", () => {
    expect(setLiteral(lexemeSet(["中央厨房", "厨房"]))).toBe("'中央' '央厨' '厨房' '房'");
    expect(matchQuery("先入库")).toBe("'先入' & '入库'");
    expect(matchQuery("来政办发〔2021〕30号")).toBe("'来政' & '政办' & '办发' & '20' & '02' & '21' & '30' & '号':*");
    expect(matchQuery("。")).toBeNull();
    expect(matchQuery("税")).toBe("'税':*");
    // Part of a number is found, as position(q in body) would find it.
    expect(matchQuery("02")).toBe("'02'");
  });

  it("names a publication's year and month (UTC) as lexemes no text makes, and walks disjoint buckets from the newest", () => {
    expect(timeBuckets(new Date("2026-10-31T20:00:00Z"))).toEqual(["~y2026", "~m202610"]);
    expect(runs("~y2026 ~m202610").map((run) => run.text)).toEqual(["y2026", "m202610"]);
    const now = new Date("2026-11-23T10:00:00Z");
    const months = (year: number) =>
      Array.from({ length: 12 }, (_, i) => `'~m${year}${String(12 - i).padStart(2, "0")}'`);
    const lexemes = (walk: { buckets: { lexeme: string }[]; since: Date }) => ({
      buckets: walk.buckets.map((bucket) => bucket.lexeme),
      since: walk.since,
    });
    // Years read by month, month by month, then whole years back to the oldest; next year first (clocks differ).
    const dense = recentBuckets(now, new Date("2023-05-01T00:00:00Z"), () => true);
    expect(lexemes(dense)).toEqual({
      buckets: ["'~y2027'", ...months(2026), ...months(2025), "'~y2024'", "'~y2023'"],
      since: new Date("2023-01-01T00:00:00Z"),
    });
    // Each with the span it holds.
    expect(dense.buckets.slice(0, 2)).toEqual([
      { lexeme: "'~y2027'", from: new Date("2027-01-01T00:00:00Z"), to: new Date("2028-01-01T00:00:00Z") },
      { lexeme: "'~m202612'", from: new Date("2026-12-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") },
    ]);
    // A year not read by month is one step; byMonth is asked about this year and the last only.
    const asked: string[] = [];
    const sparse2025 = recentBuckets(now, new Date("2026-02-01T00:00:00Z"), (from, to) => {
      asked.push(`${from.toISOString().slice(0, 10)}..${to.toISOString().slice(0, 10)}`);
      return from.getUTCFullYear() === 2026;
    });
    expect(asked).toEqual(["2026-01-01..2027-01-01", "2025-01-01..2026-01-01"]);
    expect(lexemes(sparse2025)).toEqual({
      buckets: ["'~y2027'", ...months(2026), "'~y2025'"],
      since: new Date("2025-01-01T00:00:00Z"),
    });
    // At most maxYears whole years: anything older is left to the last step (before `since`).
    expect(lexemes(recentBuckets(now, new Date("1950-03-01T00:00:00Z"), () => false, 5))).toEqual({
      buckets: ["'~y2027'", "'~y2026'", "'~y2025'", "'~y2024'", "'~y2023'", "'~y2022'", "'~y2021'"],
      since: new Date("2021-01-01T00:00:00Z"),
    });
  });

  it("quotes terms with apostrophes and backslashes", () => {
    expect(setLiteral(lexemeSet(["it's"]))).toBe("'it' 't''' '''s' 's'");
  });
});

describe("synonyms and query variants", () => {
  const groups = [
    ["社保", "社会保险"],
    ["社保卡", "社会保障卡"],
    ["公积金", "住房公积金"],
  ];

  it("replaces the longest synonym found, and each term of its group", () => {
    expect(expandSynonyms("社保卡补办", groups)).toEqual(["社保卡补办", "社会保障卡补办"]);
    expect(expandSynonyms("社保缴费", groups)).toEqual(["社保缴费", "社会保险缴费"]);
    expect(expandSynonyms("社会保险", groups)).toEqual(["社会保险", "社保"]);
    expect(expandSynonyms("办事指南", groups)).toEqual(["办事指南"]);
  });

  it("ORs the variants and highlights every variant's words", () => {
    expect(variantsQuery(["社保", "社会保险"])).toBe("('社保') | ('社会' & '会保' & '保险')");
    expect(variantsQuery(["。"])).toBeNull();
    // A variant holding another's every lexeme matches nothing more: only the other is asked for.
    expect(variantsQuery(["公积金 提取", "住房公积金 提取"])).toBe("'公积' & '积金' & '提取'");
    expect(matchingVariants(["政务新媒体 管理", "新媒体 管理", "新媒体管理", "。"])).toEqual(["新媒体 管理"]);
    expect(matchingVariants(["社保", "社会保险"])).toEqual(["社保", "社会保险"]);
    expect(highlightTerms(["社保卡补办", "社会保障卡补办"])).toEqual(["社会保障卡补办", "社保卡补办"]);
  });

  it("reads the administrator's text and refuses bad lines with their number", () => {
    expect(parseSynonymText("社保=社会保险\n\n公积金＝住房公积金")).toEqual([
      ["社保", "社会保险"],
      ["公积金", "住房公积金"],
    ]);
    expect(synonymText([["社保", "社会保险"]])).toBe("社保=社会保险");
    expect(() => parseSynonymText("社保=社会保险\n医保")).toThrow("第 2 行只有一个词语");
    expect(() => parseSynonymText("社保==社会保险")).toThrow("第 1 行有空的词语");
    expect(() => parseSynonymText(`社保=${"长".repeat(21)}`)).toThrow("超过 20 个字");
  });
});

describe("search parameters", () => {
  it("takes defaults and refuses malformed values with Chinese messages", () => {
    expect(ZSearchParams.parse({ q: " 中央厨房 " })).toEqual({
      q: "中央厨房",
      scope: "site",
      sort: "relevance",
      page: 1,
    });
    expect(ZSearchParams.parse({ q: "x", year: "2024", kind: "POLICY", unit: "", page: "3" })).toMatchObject({
      year: 2024,
      kind: "POLICY",
      page: 3,
    });
    const refused = (input: Record<string, string>) => ZSearchParams.safeParse(input).error?.issues[0]?.message;
    expect(refused({ q: "x", year: "abc" })).toBe("年份无效");
    expect(refused({ q: "x", kind: "SECRET" })).toBe("信息类别无效");
    expect(refused({ q: "x", unit: "长".repeat(61) })).toBe("发布机构无效");
    // The issuer facet's value is the issuer shown on the results, not an id.
    expect(ZSearchParams.parse({ q: "x", unit: " 吉林省人民政府办公厅 " }).unit).toBe("吉林省人民政府办公厅");
    expect(refused({ q: "x", page: "101" })).toBe("页码无效");
    expect(refused({ q: "长".repeat(101) })).toBe("搜索词不能超过 100 个字");
  });

  it("recognises and normalises 文号 however the year's brackets are typed", () => {
    expect(looksLikeDocNumber("来政办发[2021]30号")).toBe(true);
    expect(looksLikeDocNumber("政务新媒体")).toBe(false);
    expect(normalizeDocNumber("来政办发（2021）30号")).toBe("来政办发〔2021〕30号");
    expect(normalizeDocNumber("来政办发 [ 2021 ] 30号")).toBe("来政办发〔2021〕30号");
  });

  it("counts years in China Standard Time", () => {
    expect(yearOf(new Date("2023-12-31T16:30:00Z"))).toBe(2024);
    expect(yearOf(new Date("2023-12-31T15:30:00Z"))).toBe(2023);
  });
});

describe("highlighting", () => {
  it("marks every occurrence, longest term first, ignoring case", () => {
    expect(markText("社会保障卡补办与社保卡", ["社会保障卡", "社保卡", "社保"])).toEqual([
      { text: "社会保障卡", mark: true },
      { text: "补办与", mark: false },
      { text: "社保卡", mark: true },
    ]);
    expect(markText("Abc abc", ["abc"]).filter((piece) => piece.mark)).toHaveLength(2);
  });

  it("cuts a snippet around the first match", () => {
    const body = `${"前".repeat(200)}中央厨房${"后".repeat(200)}`;
    const cut = snippet(body, ["中央厨房"], 60);
    expect(cut).toContain("中央厨房");
    expect(cut.startsWith("…") && cut.endsWith("…")).toBe(true);
    expect(snippet("短文本", ["x"])).toBe("短文本");
  });

  it("shares the article's cache entry whatever words a result link highlights", () => {
    expect(withoutHighlight("/content/1?hl=中央厨房")).toBe("/content/1");
    expect(withoutHighlight("/columns/a?page=2&hl=x")).toBe("/columns/a?page=2");
    expect(withoutHighlight("/search?q=hl")).toBe("/search?q=hl");
  });
});

describe("Meilisearch settings and filters", () => {
  it("maps synonym groups both ways and keeps the same hit cap", () => {
    const settings = meiliSettings([["社保", "社会保险"]]);
    expect(settings.synonyms).toEqual({ 社保: ["社会保险"], 社会保险: ["社保"] });
    expect(settings.pagination.maxTotalHits).toBe(1000);
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining(["siteIds", "kind", "unitName", "year", "validity"]),
    );
  });

  it("quotes filter values", () => {
    const validity = [
      "(validFrom IS NULL OR validFrom NOT EXISTS OR validFrom <= 20261206)",
      "(validTo IS NULL OR validTo NOT EXISTS OR validTo >= 20261206)",
    ];
    expect(meiliFilter({ siteId: 'a"b', year: 2024 }, "2026-12-06")).toEqual([
      ...validity,
      'siteIds = "a\\"b"',
      "year = 2024",
    ]);
    expect(meiliFilter({ issuer: "吉林省人民政府办公厅" }, "2026-12-06")).toEqual([
      ...validity,
      'unitName = "吉林省人民政府办公厅"',
    ]);
  });
});
