import type { PortalArticle, PortalSite } from "@/lib/sites/portal";
import { descendantIds } from "@/lib/sites/portal";
import type { RelatedLink } from "@/lib/sites/policies";
import { messages } from "@/lib/i18n/zh-CN";
import { SiteFrame } from "./site-frame";
import { ArticleView } from "./article-view";

const t = messages.portal;

/**
 * An item's article page inside its site's frame: the column it sits in highlighted in the
 * navigation, the breadcrumb, the article. The public page and the draft preview both render
 * this, so a preview is the page the public will get.
 */
export function ArticlePage({
  site,
  article,
  related,
  share,
}: {
  site: PortalSite;
  article: PortalArticle;
  related: RelatedLink[];
  share?: { qrSvg: string; weibo: string; qq: string };
}) {
  const columnId = article.column?.id;
  const top = columnId
    ? article.tree.find((column) => column.id === columnId || descendantIds(column).includes(columnId))
    : undefined;
  return (
    <SiteFrame site={site} tree={article.tree} currentSlug={top?.slug}>
      <nav className="breadcrumb" aria-label={t.breadcrumb}>
        {t.breadcrumb}：<a href="/">{t.home}</a>
        {article.column ? (
          <>
            {" > "}
            <a href={`/columns/${article.column.slug}`}>{article.column.name}</a>
          </>
        ) : null}
      </nav>
      <ArticleView article={article} related={related} share={share} />
    </SiteFrame>
  );
}
