import type { listServedQa } from "@/lib/interaction/qa/public-qa";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

// 咨询答问: the site's served 答问, by theme (a link per theme, all themes first), newest first.

const t = messages.qa.portal;
type Served = Awaited<ReturnType<typeof listServedQa>>;

export function QaList({ basePath, theme, served }: { basePath: string; theme?: string; served: Served }) {
  return (
    <div className="qa-list">
      <nav aria-label={messages.qa.fields.themes} className="qa-themes">
        <a href={basePath} aria-current={theme ? undefined : "page"}>
          {t.allThemes}
        </a>
        {served.themes.map((item) => (
          <a
            key={item.code}
            href={`${basePath}?theme=${encodeURIComponent(item.code)}`}
            aria-current={theme === item.code ? "page" : undefined}
          >
            {item.name}
          </a>
        ))}
      </nav>
      {served.entries.length ? (
        <ul className="item-list">
          {served.entries.map((entry) => (
            <li key={entry.id}>
              <a href={`/interaction/qa/${entry.id}`}>{entry.question}</a>
              <span className="meta">
                {entry.themes.join("、")}
                {entry.themes.length ? "　" : ""}
                <time dateTime={entry.publishedAt.toISOString()}>{formatDate(entry.publishedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t.empty}</p>
      )}
    </div>
  );
}
