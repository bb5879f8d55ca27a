// The public search page, /search?q=…: this site or the whole platform, facets, relevance or
// date order, highlighted matches, synonyms, 您是不是要找 when nothing matches. What Next.js's route
// (app/(portal)/search/page.tsx) and the portal's own renderer (lib/portal-render) both render.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite, hrefOnSite } from "@/lib/sites/current-site";
import { buildColumnTree } from "@/lib/sites/portal";
import { portalMetadata } from "@/lib/sites/meta";
import { ZSearchParams, MAX_HITS, type SearchParams } from "@/lib/search/query";
import { searchPortal, type FacetOption, type SearchPage } from "@/lib/search/search-portal";
import { MarkedText } from "@/components/ui/marked-text";
import { SiteFrame } from "@/components/portal/site-frame";
import { Pagination } from "@/components/portal/pagination";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;
const s = messages.search;

/** The query's parameters, each with its first value. */
export type SearchQuery = Record<string, string | undefined>;

/** Next.js's searchParams (a repeated parameter is a list) as a SearchQuery. */
export function firstValues(query: Record<string, string | string[] | undefined>): SearchQuery {
  return Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
}

/** A URL's query as a SearchQuery (the first value of a repeated parameter, as Next.js's). */
export function queryValues(params: URLSearchParams): SearchQuery {
  const first = new Map<string, string>();
  for (const [key, value] of params) if (!first.has(key)) first.set(key, value);
  return Object.fromEntries(first);
}

export async function searchMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/search",
    title: s.title,
    column: { name: s.title, kind: "SEARCH" },
    noIndex: true,
  });
}

/** The query string of these parameters with some changed (facet links, pagination). */
function searchHref(
  params: SearchParams,
  change: Partial<Record<keyof SearchParams, string | number | undefined>>,
): string {
  const next: Record<string, string | number | undefined> = {
    q: params.q,
    scope: params.scope,
    kind: params.kind,
    unit: params.unit,
    year: params.year,
    validity: params.validity,
    sort: params.sort,
    ...change,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (
      value === undefined ||
      value === "" ||
      (key === "scope" && value === "site") ||
      (key === "sort" && value === "relevance") ||
      (key === "page" && value === 1)
    )
      continue;
    query.set(key, String(value));
  }
  return `/search?${query.toString()}`;
}

function FacetGroup({
  title,
  name,
  options,
  selected,
  params,
}: {
  title: string;
  name: "kind" | "unit" | "year" | "validity";
  options: FacetOption[];
  selected: string | undefined;
  params: SearchParams;
}) {
  if (options.length === 0 && !selected) return null;
  return (
    <section className="facet" aria-labelledby={`facet-${name}`}>
      <h2 id={`facet-${name}`}>{title}</h2>
      <ul>
        <li>
          <a
            href={searchHref(params, { [name]: undefined, page: undefined })}
            aria-current={selected ? undefined : "true"}
          >
            {s.all}
          </a>
        </li>
        {options.map((option) => (
          <li key={option.value}>
            <a
              href={searchHref(params, { [name]: option.value, page: undefined })}
              aria-current={selected === option.value ? "true" : undefined}
            >
              {option.label}
              <span className="count">（{option.count}）</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Results({ params, result }: { params: SearchParams; result: SearchPage }) {
  if (result.total === 0) {
    return (
      <div className="search-empty" role="status">
        <p>{s.nothing(params.q)}</p>
        {result.suggestion ? (
          <p className="suggestion">
            {s.didYouMean}
            <a href={searchHref(params, { q: result.suggestion, page: undefined })}>{result.suggestion}</a>
          </p>
        ) : null}
        <ul className="search-tips">
          {s.tips.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
        {params.scope === "site" ? (
          <a href={searchHref(params, { scope: "all", page: undefined })}>{s.searchAll}</a>
        ) : null}
      </div>
    );
  }
  return (
    <>
      {result.suggestion ? (
        <p className="suggestion">
          {s.didYouMean}
          <a href={searchHref(params, { q: result.suggestion, page: undefined })}>{result.suggestion}</a>
        </p>
      ) : null}
      <p className="search-summary" role="status">
        {result.total >= MAX_HITS ? s.manyFound(MAX_HITS) : s.found(result.total)}
      </p>
      <ol className="search-results">
        {result.hits.map((hit) => {
          const href =
            hit.type === "CONTENT"
              ? `${hit.href}${hit.href.includes("?") ? "&" : "?"}hl=${encodeURIComponent(params.q)}`
              : hit.href;
          return (
            <li key={hit.id} className={hit.type === "SERVICE" ? "search-hit service" : "search-hit"}>
              <h3>
                <span className="badge">{hit.kindLabel}</span>
                <a href={href}>
                  <MarkedText pieces={hit.title} />
                </a>
              </h3>
              {hit.snippet.length ? (
                <p className="snippet">
                  <MarkedText pieces={hit.snippet} />
                </p>
              ) : null}
              <p className="item-meta">
                {hit.type === "SERVICE" ? (
                  s.serviceEntry
                ) : (
                  <>
                    {hit.unitName}
                    {hit.docNumber ? `　${hit.docNumber}` : null}
                    {hit.validityLabel ? `　${t.validity}：${hit.validityLabel}` : null}
                    {`　${t.publishedAt}：${formatDate(hit.publishedAt)}`}
                  </>
                )}
              </p>
            </li>
          );
        })}
      </ol>
    </>
  );
}

export async function SearchRoute({ query }: { query: SearchQuery }) {
  const site = await getCurrentSite();
  const tree = buildColumnTree(site.columns);
  const raw = query;
  const parsed = ZSearchParams.safeParse(raw);
  const params: SearchParams = parsed.success
    ? parsed.data
    : { q: (raw.q ?? "").slice(0, 100), scope: "site", sort: "relevance", page: 1 };
  const result =
    parsed.success && params.q ? await searchPortal(params, { siteId: site.id, hrefFor: hrefOnSite }) : null;
  return (
    <SiteFrame site={site} tree={tree}>
      <nav className="breadcrumb" aria-label={t.breadcrumb}>
        {t.breadcrumb}：<a href="/">{t.home}</a>
        {" > "}
        {s.title}
      </nav>
      <section className="panel search-page">
        <h1>{s.title}</h1>
        <form className="search-form" action="/search" method="get" role="search" aria-label={s.title}>
          <label htmlFor="search-q">{s.keywords}</label>
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={params.q}
            maxLength={100}
            placeholder={s.placeholder}
          />
          <label htmlFor="search-scope">{s.scope}</label>
          <select id="search-scope" name="scope" defaultValue={params.scope}>
            <option value="site">{s.scopeSite}</option>
            <option value="all">{s.scopeAll}</option>
          </select>
          <label htmlFor="search-sort">{s.sort}</label>
          <select id="search-sort" name="sort" defaultValue={params.sort}>
            <option value="relevance">{s.sortRelevance}</option>
            <option value="date">{s.sortDate}</option>
          </select>
          <button type="submit">{s.submit}</button>
        </form>
        {!parsed.success ? (
          <p className="form-error" role="alert">
            {parsed.error.issues[0]?.message ?? s.invalid}
          </p>
        ) : !params.q ? (
          <p className="empty">{s.prompt}</p>
        ) : result ? (
          <div className="search-layout">
            <aside className="search-facets" aria-label={s.facets}>
              <FacetGroup
                title={s.facetKind}
                name="kind"
                options={result.facets.kind}
                selected={params.kind}
                params={params}
              />
              <FacetGroup
                title={s.facetUnit}
                name="unit"
                options={result.facets.unit}
                selected={params.unit}
                params={params}
              />
              <FacetGroup
                title={s.facetYear}
                name="year"
                options={result.facets.year}
                selected={params.year?.toString()}
                params={params}
              />
              <FacetGroup
                title={s.facetValidity}
                name="validity"
                options={result.facets.validity}
                selected={params.validity}
                params={params}
              />
            </aside>
            <div className="search-main">
              <Results params={params} result={result} />
              <Pagination
                basePath="/search"
                params={new URLSearchParams(searchHref(params, { page: undefined }).slice("/search?".length))}
                page={params.page}
                pageCount={Math.min(result.pageCount, MAX_HITS / 10)}
              />
            </div>
          </div>
        ) : null}
      </section>
    </SiteFrame>
  );
}
