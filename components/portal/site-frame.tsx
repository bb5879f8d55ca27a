import Link from "next/link";
import type { ReactNode } from "react";
import type { PortalColumn, PortalSite } from "@/lib/sites/portal";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

export function columnHref(column: Pick<PortalColumn, "slug" | "kind" | "linkUrl">): string {
  return column.kind === "LINK" && column.linkUrl ? column.linkUrl : `/columns/${column.slug}`;
}

export function SiteFrame({
  site,
  tree,
  currentSlug,
  children,
}: {
  site: PortalSite;
  tree: PortalColumn[];
  currentSlug?: string;
  children: ReactNode;
}) {
  return (
    <div data-theme={site.theme}>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="site-header">
        <div className="container">
          <span className="site-emblem" aria-hidden="true">
            {site.name.replace(/^重庆市/, "").slice(0, 1)}
          </span>
          <p className="site-title">
            <Link href="/">{site.name}</Link>
          </p>
        </div>
      </header>
      <nav className="site-nav" aria-label="主导航">
        <ul>
          <li>
            <Link href="/" aria-current={currentSlug === undefined ? "page" : undefined}>
              {t.home}
            </Link>
          </li>
          {tree.map((column) => (
            <li key={column.id}>
              <Link href={columnHref(column)} aria-current={currentSlug === column.slug ? "page" : undefined}>
                {column.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>
            {t.organizer}：{site.org.name}
            {site.contact ? `　${site.contact}` : null}
          </p>
          <p>
            {t.siteCode}：{site.siteCode}
            {site.icpNumber ? `　${site.icpNumber}` : null}
            {site.psbNumber ? `　${site.psbNumber}` : null}
          </p>
        </div>
      </footer>
    </div>
  );
}
