// GET /admin/library?… – the library browser: filters, total, bulk actions and keyset pagination
// (?cursor=); with ?text=… a full-text search of titles and texts, drafts included (lib/search/library.ts).
import Link from "next/link";
import { MarkedText } from "@/components/ui/marked-text";
import { DomainError } from "@/lib/errors";
import { searchLibrary } from "@/lib/search/library";
import { orPageError, requireActor } from "../guard";
import { listLibrary } from "@/lib/library/browse";
import { offeredBulkOperations } from "@/lib/library/bulk";
import { listAuthorChoices, listColumnChoices, listThemeChoices } from "@/lib/library/choices";
import { getColumnTree } from "@/lib/publish/column-tree";
import { BulkBar, SelectAll } from "@/components/library/bulk-bar";
import { StateBadge } from "@/components/library/state-badge";
import { bulkLibraryAction } from "./bulk-actions";
import { listOrgChoices } from "@/lib/org/options";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { GENRES } from "@/lib/library/metadata";
import { DataTable } from "@/components/ui/data-table";

const STATES = messages.resourceStates;
const BULK_FORM = "library-bulk";

export default async function LibraryPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = await searchParams;
  const operations = offeredBulkOperations(actor);
  const [result, themes, orgs, columnChoices, authors, columnTree] = await orPageError(
    Promise.all([
      listLibrary(actor, query),
      listThemeChoices(),
      listOrgChoices(actor, "resource.view"),
      listColumnChoices(),
      listAuthorChoices(actor),
      // The picker of 送审 and 添加栏目, for those offered either.
      operations.includes("submit") || operations.includes("place") ? getColumnTree(actor) : Promise.resolve([]),
    ]),
  );
  const fullText = query.text
    ? await orPageError(
        searchLibrary(actor, { q: query.text, limit: 50 }).then(
          (hits) => ({ hits, error: null }),
          (error) =>
            error instanceof DomainError && error.code === "INVALID"
              ? { hits: [], error: error.message }
              : Promise.reject(error),
        ),
      )
    : null;
  const { filter } = result;
  const next = result.nextCursor
    ? `/admin/library?${new URLSearchParams(Object.entries({ ...query, cursor: result.nextCursor }).filter(([, v]) => v) as [string, string][])}`
    : null;
  const select = (name: string, label: string, options: { value: string; label: string }[], value?: string) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">全部</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <h1>资源库</h1>
      <p className="library-toolbar">
        <Link className="button-link" href="/admin/library/new">
          新建稿件
        </Link>
        <Link className="button-link secondary" href="/admin/library/import">
          导入 Word 文档
        </Link>
        <Link href="/admin/library/assets">媒体资源</Link>
        <Link href="/admin/library/trash">回收站</Link>
      </p>
      <form className="admin-form" role="search" aria-label="全文检索">
        <div className="field">
          <label htmlFor="f-text">全文检索（标题和正文，含草稿）</label>
          <input id="f-text" name="text" type="search" maxLength={100} defaultValue={query.text ?? ""} />
        </div>
        <button className="button-inline" type="submit">
          检索
        </button>
      </form>
      {fullText ? (
        <section aria-labelledby="full-text-title">
          <h2 id="full-text-title">“{query.text}”的检索结果</h2>
          {fullText.error ? (
            <p role="alert" className="notice">
              {fullText.error}
            </p>
          ) : null}
          {!fullText.error && fullText.hits.length === 0 ? (
            <p className="empty">没有找到包含“{query.text}”的稿件。</p>
          ) : null}
          <ol className="library-hits">
            {fullText.hits.map((hit) => (
              <li key={hit.id}>
                <Link href={`/admin/library/${hit.id}`}>
                  <MarkedText pieces={hit.title} />
                </Link>
                <StateBadge state={hit.state} />
                <p>
                  <MarkedText pieces={hit.snippet} />
                </p>
                <small>
                  {messages.resourceKinds[hit.kind as keyof typeof messages.resourceKinds] ?? hit.kind} · 更新于{" "}
                  {formatDateTime(hit.updatedAt)}
                </small>
              </li>
            ))}
          </ol>
          <p>
            <Link href="/admin/library">返回资源库列表</Link>
          </p>
        </section>
      ) : (
        <>
          <form className="admin-form" role="search" aria-label="筛选稿件">
            {select(
              "kind",
              "类型",
              Object.entries(messages.resourceKinds).map(([value, label]) => ({ value, label })),
              filter.kind,
            )}
            {select(
              "state",
              "状态",
              Object.entries(STATES).map(([value, label]) => ({ value, label })),
              filter.state,
            )}
            {select("orgId", "单位", orgs, filter.orgId)}
            {select("columnId", "发布栏目", columnChoices, filter.columnId)}
            {select("authorId", "创建人", authors, filter.authorId)}
            {select(
              "review",
              "审核情况",
              Object.entries(messages.dashboard.reviewViews).map(([value, label]) => ({ value, label })),
              filter.review,
            )}
            {select("themeCode", "主题分类", themes, filter.themeCode)}
            {select(
              "genre",
              "体裁",
              GENRES.map((genre) => ({ value: genre, label: genre })),
              filter.genre,
            )}
            <div className="field">
              <label htmlFor="f-from">更新日期起</label>
              <input id="f-from" name="from" type="date" defaultValue={filter.from} />
            </div>
            <div className="field">
              <label htmlFor="f-to">更新日期止</label>
              <input id="f-to" name="to" type="date" defaultValue={filter.to} />
            </div>
            <div className="field">
              <label htmlFor="f-q">标题包含</label>
              <input id="f-q" name="q" defaultValue={filter.q} />
            </div>
            {select(
              "sort",
              "排序",
              [
                { value: "newest", label: "最近更新在前" },
                { value: "oldest", label: "最早更新在前" },
              ],
              filter.sort,
            )}
            <button className="button-inline" type="submit">
              查询
            </button>
          </form>
          <p className="library-total" role="status">
            共 {result.total.toLocaleString("zh-CN")}
            {result.totalCapped ? "+" : ""} 篇符合条件的稿件
          </p>
          {operations.length ? (
            <BulkBar
              formId={BULK_FORM}
              action={bulkLibraryAction}
              operations={operations}
              columns={columnTree}
              exportHref="/admin/library/export"
            />
          ) : null}
          <DataTable
            rows={result.items}
            rowKey={(item) => item.id}
            label="稿件列表"
            columns={[
              operations.length > 0 && {
                key: "select",
                header: <SelectAll formId={BULK_FORM} />,
                cell: (item) => (
                  <input
                    type="checkbox"
                    name="ids"
                    value={item.id}
                    form={BULK_FORM}
                    aria-label={`选择“${item.title || "未命名草稿"}”`}
                  />
                ),
              },
              {
                header: "标题",
                cell: (item) => (
                  <>
                    <Link href={`/admin/library/${item.id}`}>{item.title || "（未命名草稿）"}</Link>
                    {item.validity && item.validity !== "VALID" ? (
                      <span className="badge warn">{messages.validity[item.validity]}</span>
                    ) : null}
                  </>
                ),
              },
              { header: "类型", cell: (item) => messages.resourceKinds[item.kind] },
              { header: "状态", cell: (item) => <StateBadge state={item.state} /> },
              { header: "单位", cell: (item) => item.ownerName },
              { header: "创建人", cell: (item) => item.authorName },
              { header: "版本", cell: (item) => item.version },
              { header: "更新时间", cell: (item) => formatDateTime(item.updatedAt) },
            ]}
            empty="没有符合条件的稿件。"
          />
          <nav className="pagination" aria-label="分页">
            {query.cursor ? <Link href="/admin/library">回到第一页</Link> : null}
            {next ? <Link href={next}>下一页</Link> : null}
          </nav>
        </>
      )}
    </>
  );
}
