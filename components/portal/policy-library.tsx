import type { PolicyFilters } from "@/lib/sites/policies";
import type { listPolicyLibrary } from "@/lib/sites/policies";
import { messages } from "@/lib/i18n/zh-CN";
import { ItemList } from "./item-list";
import { Pagination } from "./pagination";

type Library = Awaited<ReturnType<typeof listPolicyLibrary>>;

// 政策文件库: filters by issuing unit, year, theme, validity and 文号. A plain GET form, so every
// filtered view is a linkable (and cacheable) page.
export function PolicyLibrary({ slug, filters, library }: { slug: string; filters: PolicyFilters; library: Library }) {
  const select = (
    name: keyof typeof library.facets,
    label: string,
    current: string | undefined,
    labelOf = (value: string, fallback: string) => fallback,
  ) => (
    <div className="filter">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={current ?? ""}>
        <option value="">全部</option>
        {library.facets[name].map((facet) => (
          <option key={facet.value} value={facet.value}>
            {labelOf(facet.value, facet.label)}（{facet.count}）
          </option>
        ))}
      </select>
    </div>
  );
  const params = new URLSearchParams(
    Object.entries({
      issuer: filters.issuer,
      year: filters.year,
      theme: filters.theme,
      validity: filters.validity,
      docNumber: filters.docNumber,
    }).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  return (
    <>
      <form className="policy-filters" method="get" action={`/columns/${slug}`} role="search" aria-label="政策文件检索">
        {select("issuer", "发文机关", filters.issuer)}
        {select("year", "成文年份", filters.year)}
        {select("theme", "主题分类", filters.theme)}
        {select(
          "validity",
          "效力状态",
          filters.validity,
          (value) => messages.validity[value as keyof typeof messages.validity] ?? value,
        )}
        <div className="filter">
          <label htmlFor="filter-docNumber">文号</label>
          <input
            id="filter-docNumber"
            name="docNumber"
            defaultValue={filters.docNumber ?? ""}
            placeholder="如：渝府办发〔2019〕64号"
          />
        </div>
        <button type="submit">检索</button>
        <a href={`/columns/${slug}`}>清除条件</a>
      </form>
      <p className="result-count" role="status">
        共 {library.total} 件，{messages.portal.policyOrder}
      </p>
      <ItemList items={library.items} showDocNumber />
      <Pagination basePath={`/columns/${slug}`} params={params} page={filters.page} pageCount={library.pageCount} />
    </>
  );
}
