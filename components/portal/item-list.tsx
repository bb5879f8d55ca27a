import type { PortalItem } from "@/lib/sites/portal";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

export function ItemList({
  items,
  showDocNumber = false,
}: {
  /** `listDate`: the date to show instead of the publication time (the policy library's 成文日期). */
  items: (PortalItem & { validity?: string | null; listDate?: { value: string; kind: "written" | "published" } })[];
  showDocNumber?: boolean;
}) {
  if (items.length === 0) return <p className="empty">{messages.portal.empty}</p>;
  return (
    <ul className="item-list">
      {items.map((item) => (
        <li key={item.resourceId}>
          <span>
            {item.pinned ? <span className="pinned">置顶</span> : null}
            <a href={`/content/${item.resourceId}`}>{item.title}</a>
            {item.externalUrl ? <span className="external-mark">{messages.portal.externalLink}</span> : null}
            {item.validity && item.validity !== "VALID" ? (
              <span className="validity-badge">
                {messages.validity[item.validity as keyof typeof messages.validity]}
              </span>
            ) : null}
            {showDocNumber && item.docNumber ? <span className="doc-number">{item.docNumber}</span> : null}
          </span>
          {item.listDate ? (
            <time dateTime={item.listDate.value} title={messages.portal.listDates[item.listDate.kind]}>
              {item.listDate.kind === "published" ? `${messages.portal.publishedPrefix} ` : ""}
              {item.listDate.value}
            </time>
          ) : (
            <time dateTime={item.publishedAt.toISOString()}>{formatDate(item.publishedAt)}</time>
          )}
        </li>
      ))}
    </ul>
  );
}
