import type { PortalItem } from "@/lib/sites/portal";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

export function ItemList({
  items,
  showDocNumber = false,
}: {
  items: (PortalItem & { validity?: string | null })[];
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
          <time dateTime={item.publishedAt.toISOString()}>{formatDate(item.publishedAt)}</time>
        </li>
      ))}
    </ul>
  );
}
