import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { matchLexemes, matchQuery, runs } from "@/lib/search/tokenize";
import type { SearchDoc } from "@/lib/search/documents";
import type { Excerpt } from "@/lib/search/highlight";

// The search request, its result, and the engine interface both engines implement.

export const SEARCH_KINDS = ["ARTICLE", "NOTICE", "POLICY", "INTERPRETATION", "QA", "SERVICE"] as const;
export const SEARCH_VALIDITIES = ["VALID", "REVISED", "REPEALED", "EXPIRED"] as const;
/** Like Meilisearch's maxTotalHits: results beyond the first thousand are not paged to. */
export const MAX_HITS = 1000;
export const PAGE_SIZE = 10;

const optionalText = (schema: z.ZodType<string>) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** Public search parameters (/search, /api/search). Anything malformed is refused whole. */
export const ZSearchParams = z.object({
  q: zText().trim().max(100, "搜索词不能超过 100 个字").default(""),
  scope: z.enum(["site", "all"], { message: "搜索范围只能是本站或全平台" }).default("site"),
  kind: optionalText(z.enum(SEARCH_KINDS, { message: "信息类别无效" })),
  /** 发布机构 as shown on each result (a policy's 发文机关, else the publishing unit): the facet's value. */
  unit: optionalText(zText().trim().min(1, "发布机构无效").max(60, "发布机构无效")),
  year: z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : Number(value)),
    z.number({ message: "年份无效" }).int("年份无效").min(1949, "年份无效").max(2100, "年份无效").optional(),
  ),
  validity: optionalText(z.enum(SEARCH_VALIDITIES, { message: "效力状态无效" })),
  sort: z.enum(["relevance", "date"], { message: "排序方式无效" }).default("relevance"),
  page: z.preprocess(
    (value) => (value === "" || value === undefined ? 1 : Number(value)),
    z
      .number({ message: "页码无效" })
      .int("页码无效")
      .min(1, "页码无效")
      .max(MAX_HITS / PAGE_SIZE, "页码无效"),
  ),
});
export type SearchParams = z.infer<typeof ZSearchParams>;

export type Filters = { siteId?: string; kind?: string; issuer?: string; year?: number; validity?: string };

export type EngineQuery = {
  /** The query and its synonym variants: a document matches any of them. */
  variants: string[];
  /** 文号 as typed, normalized: its own document ranks first. */
  docNumber: string | null;
  filters: Filters;
  sort: "relevance" | "date";
  offset: number;
  limit: number;
};

export type EngineHit = Pick<
  SearchDoc,
  | "id"
  | "type"
  | "kind"
  | "title"
  | "summary"
  | "url"
  | "unitName"
  | "docNumber"
  | "validity"
  | "siteIds"
  | "publishedAt"
> & {
  /** The body, or the stretch of it around its first match that its snippet is cut from. */
  excerpt: Excerpt;
};

export type Facets = {
  kind: Record<string, number>;
  unit: Record<string, number>;
  year: Record<string, number>;
  validity: Record<string, number>;
};

export type EngineResult = { total: number; hits: EngineHit[]; facets: Facets };

/** No matches (a fresh object each time: callers may fill it). */
export function noResult(): EngineResult {
  return { total: 0, hits: [], facets: { kind: {}, unit: {}, year: {}, validity: {} } };
}

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  search(query: EngineQuery): Promise<EngineResult>;
}

/**
 * The query and its synonym variants: every synonym term found in the query is replaced by each
 * other term of its group (社保 → 社会保险). Longer terms first, so 社保卡 wins over 社保.
 */
export function expandSynonyms(text: string, groups: string[][], max = 8): string[] {
  const variants = [text];
  const terms = groups
    .flatMap((group) => group.map((term) => ({ term, group })))
    .sort((a, b) => b.term.length - a.term.length);
  const used = new Set<string>();
  for (const { term, group } of terms) {
    if (!text.includes(term) || [...used].some((longer) => longer.includes(term))) continue;
    used.add(term);
    for (const variant of [...variants]) {
      for (const other of group) {
        if (other === term || variants.length >= max) continue;
        const next = variant.split(term).join(other);
        if (!variants.includes(next)) variants.push(next);
      }
    }
  }
  return variants;
}

/**
 * The variants worth matching. One that asks for every lexeme another asks for, and more, can only
 * match documents the other matches too (住房公积金 beside 公积金, 政务新媒体 beside 新媒体), so it
 * is left out: the OR of the rest finds the same documents with fewer posting lists to move.
 * Variants with nothing searchable are left out too.
 */
export function matchingVariants(variants: string[]): string[] {
  const sets = variants.map((variant) => new Set(matchLexemes(variant)));
  const covers = (a: Set<string>, b: Set<string>) => [...a].every((lexeme) => b.has(lexeme));
  return variants.filter((_, i) => {
    const own = sets[i]!;
    if (own.size === 0) return false;
    // Another variant implies this one's matches: a smaller set inside it, or the same set earlier.
    return !sets.some(
      (other, j) =>
        j !== i &&
        other.size > 0 &&
        (other.size < own.size || (other.size === own.size && j < i)) &&
        covers(other, own),
    );
  });
}

/** A match tsquery literal for any variant, or null when the query has nothing searchable. */
export function variantsQuery(variants: string[]): string | null {
  const parts = matchingVariants(variants)
    .map(matchQuery)
    .filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : parts.map((part) => `(${part})`).join(" | ");
}

/** Text to mark in results: every run of every variant, longest first. */
export function highlightTerms(variants: string[]): string[] {
  return [...new Set(variants.flatMap((variant) => runs(variant).map((run) => run.text)))].sort(
    (a, b) => b.length - a.length,
  );
}

/** Does the query look like a document number (渝府办发〔2019〕64号, 来政办发[2021]30号)? */
export function looksLikeDocNumber(text: string): boolean {
  return /\p{Script=Han}[[［【(（〔]\s*\d{4}\s*[\]］】)）〕]\s*\d+\s*号/u.test(text);
}
