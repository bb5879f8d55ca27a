import type { ReactNode } from "react";
import type { PortalSite } from "@/lib/sites/portal";
import { buildColumnTree } from "@/lib/sites/portal";
import { messages } from "@/lib/i18n/zh-CN";
import { SiteFrame } from "./site-frame";

const t = messages.portal;

// The frame of the 政民互动 pages (写信, 查询, 留言选登, 统计): the site, a breadcrumb through the
// site's 政民互动 column, and one panel under the page's heading.

export function InteractionPage({
  site,
  crumb,
  heading,
  children,
}: {
  site: PortalSite;
  /** The page's name in the breadcrumb. */
  crumb: string;
  /** The page's heading; the crumb when absent. */
  heading?: ReactNode;
  children: ReactNode;
}) {
  const tree = buildColumnTree(site.columns);
  const entry = tree.find((column) => column.kind === "INTERACTION");
  return (
    <SiteFrame site={site} tree={tree} currentSlug={entry?.slug}>
      <nav className="breadcrumb" aria-label={t.breadcrumb}>
        {t.breadcrumb}：<a href="/">{t.home}</a>
        {entry ? (
          <>
            {" > "}
            <a href={`/columns/${entry.slug}`}>{entry.name}</a>
          </>
        ) : null}
        {" > "}
        {crumb}
      </nav>
      <section className="panel column-body">
        <h1>{heading ?? crumb}</h1>
        {children}
      </section>
    </SiteFrame>
  );
}
