import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

export function Pagination({
  basePath,
  params,
  page,
  pageCount,
}: {
  basePath: string;
  params?: URLSearchParams;
  page: number;
  pageCount: number;
}) {
  if (pageCount <= 1) return null;
  const href = (target: number) => {
    const query = new URLSearchParams(params);
    if (target > 1) query.set("page", String(target));
    const text = query.toString();
    return text ? `${basePath}?${text}` : basePath;
  };
  return (
    <nav className="pagination" aria-label="分页">
      {page > 1 ? <a href={href(page - 1)}>{t.previousPage}</a> : null}
      <span>{t.page(page, pageCount)}</span>
      {page < pageCount ? <a href={href(page + 1)}>{t.nextPage}</a> : null}
    </nav>
  );
}
