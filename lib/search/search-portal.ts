import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { messages } from "@/lib/i18n/zh-CN";
import { markUncacheable, sharedSearch } from "@/lib/cache/render-scope";
import { normalizeDocNumber } from "@/lib/search/documents";
import { excerptSnippet, markText, snippet, type Marked } from "@/lib/search/highlight";
import { PostgresEngine } from "@/lib/search/postgres/engine";
import {
  PAGE_SIZE,
  expandSynonyms,
  highlightTerms,
  looksLikeDocNumber,
  noResult,
  type EngineHit,
  type EngineResult,
  type SearchEngine,
  type SearchParams,
} from "@/lib/search/query";
import { loadSynonyms, meiliEngine } from "@/lib/search/service";
import { findDocNumber, suggestDocNumber } from "@/lib/search/doc-number-suggestion";

// 搜索即服务: one entry point for the public search pages and the API, whichever engine runs.
// PostgreSQL is always kept exact (lib/search/service.ts), so it also answers whenever
// Meilisearch is configured but unreachable.

// Queries read the synonyms from memory: they change a few times a year, and a saved change
// clears this process's copy at once (others follow within SYNONYM_TTL_MS).
const SYNONYM_TTL_MS = 10_000;
let synonymCache: { at: number; groups: Promise<string[][]> } | null = null;

function synonymsForQueries(db: Db): Promise<string[][]> {
  if (!synonymCache || Date.now() - synonymCache.at > SYNONYM_TTL_MS) {
    const groups = loadSynonyms(db);
    synonymCache = { at: Date.now(), groups };
    groups.catch(() => (synonymCache = null));
  }
  return synonymCache.groups;
}

export function forgetSynonyms(): void {
  synonymCache = null;
}

// ───────────── Queries ─────────────

export type FacetOption = { value: string; label: string; count: number };

export type SearchHit = {
  id: string;
  type: "CONTENT" | "SERVICE";
  kindLabel: string;
  title: Marked;
  snippet: Marked;
  /** Site-relative for this site's pages; absolute for another site's page or a service. */
  href: string;
  unitName: string;
  docNumber: string | null;
  validityLabel: string | null;
  publishedAt: Date;
};

export type SearchPage = {
  total: number;
  pageCount: number;
  hits: SearchHit[];
  facets: { kind: FacetOption[]; unit: FacetOption[]; year: FacetOption[]; validity: FacetOption[] };
  suggestion: string | null;
  terms: string[];
  engine: "postgres" | "meilisearch";
  /** Meilisearch was configured but did not answer; PostgreSQL answered instead. */
  degraded: boolean;
};

/**
 * The snippet: of the summary when it shows a query word, else of the body (where the match is).
 * The engine's excerpt of the body holds the body's first match if it has one.
 */
function hitSnippet(hit: Pick<EngineHit, "summary" | "excerpt">, terms: string[]): string {
  const lowered = terms.map((term) => term.toLowerCase());
  const shows = (text: string) => lowered.some((term) => text.toLowerCase().includes(term));
  const body = hit.excerpt.text;
  if ((hit.summary && shows(hit.summary)) || (!(body && shows(body)) && hit.summary))
    return snippet(hit.summary, terms);
  return excerptSnippet(hit.excerpt, terms) ?? snippet(body, terms);
}

/**
 * The published items of one kind on one site that match `q` (with its synonyms), newest first:
 * what a list with its own search box (留言选登) asks of the search index instead of reading every
 * item's text. The same engines and fallback as the portal's search.
 */
export async function searchSiteKind(
  input: { siteId: string; kind: string; q: string; offset: number; limit: number },
  db: Db = getDb(),
): Promise<{ total: number; hits: EngineHit[] }> {
  markUncacheable();
  const query = {
    variants: expandSynonyms(input.q, await synonymsForQueries(db)),
    docNumber: null,
    filters: { siteId: input.siteId, kind: input.kind },
    sort: "date" as const,
    offset: input.offset,
    limit: input.limit,
  };
  const postgres = new PostgresEngine();
  const preferred: SearchEngine = meiliEngine() ?? postgres;
  try {
    return await preferred.search(query);
  } catch (error) {
    if (preferred === postgres) throw error;
    return postgres.search(query);
  }
}

/**
 * A 文号 no document has gets the closest existing one, whatever else matched; other queries get a
 * one-character correction when nothing matched.
 */
async function suggestionFor(
  q: string,
  result: EngineResult,
  siteId: string | undefined,
  postgres: PostgresEngine,
): Promise<string | null> {
  if (findDocNumber(q)) return suggestDocNumber(q, siteId);
  return result.total === 0 ? postgres.suggest(q, siteId) : null;
}

const kindLabels: Record<string, string> = { ...messages.resourceKinds, SERVICE: "办事服务" };

/**
 * Public search on one site's portal. `siteId` is the site asked; scope "all" searches every site.
 * `hrefFor` turns a hit of another site into an address on that site.
 */
export async function searchPortal(
  params: SearchParams,
  context: { siteId: string; hrefFor: (siteId: string, path: string) => Promise<string>; engine?: SearchEngine },
  db: Db = getDb(),
): Promise<SearchPage> {
  // Results follow every publish and withdrawal at once; the page cache cannot know which.
  markUncacheable();
  const variants = expandSynonyms(params.q, await synonymsForQueries(db));
  const query = {
    variants,
    docNumber: looksLikeDocNumber(params.q) ? normalizeDocNumber(params.q) : null,
    filters: {
      siteId: params.scope === "site" ? context.siteId : undefined,
      kind: params.kind,
      issuer: params.unit,
      year: params.year,
      validity: params.validity,
    },
    sort: params.sort,
    offset: (params.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
  const postgres = new PostgresEngine();
  const preferred: SearchEngine = context.engine ?? meiliEngine() ?? postgres;
  let result: EngineResult;
  let suggestion: string | null;
  let degraded = false;
  if (!params.q) {
    result = noResult();
    suggestion = null;
  } else if (preferred === postgres) {
    // The PostgreSQL index changes only in the transactions that purge the pages of what changed,
    // so a search's rows are shared until the next purge (lib/cache/render-scope.ts sharedSearch).
    // Meilisearch follows the library after commit: its answers are never shared.
    const key = JSON.stringify([params.q, query]);
    ({ result, suggestion } = await sharedSearch(key, async () => {
      const found = await postgres.search(query);
      return { result: found, suggestion: await suggestionFor(params.q, found, query.filters.siteId, postgres) };
    }));
  } else {
    try {
      result = await preferred.search(query);
    } catch {
      degraded = true;
      result = await postgres.search(query);
    }
    suggestion = await suggestionFor(params.q, result, query.filters.siteId, postgres);
  }
  const terms = highlightTerms(variants);
  const options = (
    counts: Record<string, number>,
    label: (value: string) => string,
    order: "count" | "desc" = "count",
  ) =>
    Object.entries(counts)
      .map(([value, count]) => ({ value, label: label(value), count: Number(count) }))
      .sort((a, b) =>
        order === "desc"
          ? Number(b.value) - Number(a.value)
          : b.count - a.count || a.label.localeCompare(b.label, "zh-CN"),
      );
  const hits = await Promise.all(
    result.hits.map(async (hit): Promise<SearchHit> => {
      const local = hit.siteIds.includes(context.siteId) || (hit.type === "SERVICE" && !hit.url.startsWith("/"));
      return {
        id: hit.id,
        type: hit.type,
        kindLabel: kindLabels[hit.kind ?? ""] ?? "",
        title: markText(hit.title, terms),
        snippet: markText(hitSnippet(hit, terms), terms),
        href: local || !hit.siteIds[0] ? hit.url : await context.hrefFor(hit.siteIds[0], hit.url),
        unitName: hit.unitName,
        docNumber: hit.docNumber,
        validityLabel: hit.validity ? ((messages.validity as Record<string, string>)[hit.validity] ?? null) : null,
        publishedAt: hit.publishedAt,
      };
    }),
  );
  return {
    total: result.total,
    pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    hits,
    facets: {
      kind: options(result.facets.kind, (value) => kindLabels[value] ?? value),
      // The issuer each result shows (SearchHit.unitName), so the facet and the results agree.
      unit: options(result.facets.unit, (value) => value),
      year: options(result.facets.year, (value) => `${value}年`, "desc"),
      validity: options(
        result.facets.validity,
        (value) => (messages.validity as Record<string, string>)[value] ?? value,
      ),
    },
    suggestion,
    terms,
    engine: degraded ? "postgres" : preferred.name,
    degraded,
  };
}
