import type { TopicSection } from "@/lib/sites/topics";
import { ItemList } from "@/components/portal/item-list";
import { columnHref } from "@/components/portal/site-frame";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

/** A topic page's body: each sub-column with its newest items and a 更多 link to its own page. */
export function TopicSections({ sections }: { sections: TopicSection[] }) {
  return (
    <div className="topic-sections">
      {sections.map(({ column, items, own }) => (
        <section key={column.id} className="topic-section" aria-labelledby={`topic-section-${column.id}`}>
          <h2 id={`topic-section-${column.id}`}>{own ? t.latest : <a href={columnHref(column)}>{column.name}</a>}</h2>
          {column.kind === "LINK" || column.kind === "SEARCH" ? null : (
            <>
              <ItemList items={items} />
              {items.length && !own ? (
                <a className="more" href={columnHref(column)} aria-label={`${column.name} ${t.more}`}>
                  {t.more}
                </a>
              ) : null}
            </>
          )}
        </section>
      ))}
    </div>
  );
}
