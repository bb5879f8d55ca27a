import type { ReactNode } from "react";
import type { PortalColumn, PortalSite } from "@/lib/sites/portal";
import { siteTheme } from "@/lib/sites/themes";
import { messages } from "@/lib/i18n/zh-CN";
import { AccessibilityToolbar } from "./a11y-toolbar";

const t = messages.portal;

// Portal pages use plain links: every page is a full, cacheable document (no client-router
// requests), and the site works without JavaScript.

/** A link column to a non-government site points at its own page, the leaving notice. */
export function columnHref(column: Pick<PortalColumn, "slug" | "kind" | "linkUrl" | "isGovernmentLink">): string {
  if (column.kind === "LINK" && column.linkUrl && column.isGovernmentLink) return column.linkUrl;
  if (column.kind === "SEARCH") return "/search";
  return `/columns/${column.slug}`;
}

/** The theme's mark: a seal with the site's first character (政务红) or hills over water (山水青). */
function SiteLogo({ site }: { site: PortalSite }) {
  const initial = site.name.replace(/^(重庆市|.{2,3}省|.{2,3}市)/, "").slice(0, 1);
  if (siteTheme(site.theme).id === "landscape") {
    return (
      <svg className="site-logo" viewBox="0 0 64 64" width="56" height="56" aria-hidden="true" focusable="false">
        <circle cx="32" cy="32" r="31" fill="#fff" />
        <path d="M6 42 L20 24 L28 33 L38 18 L58 42 Z" fill="var(--main)" />
        <path d="M8 48 Q16 44 24 48 T40 48 T56 48" stroke="var(--main)" strokeWidth="3" fill="none" />
      </svg>
    );
  }
  return (
    <span className="site-logo site-emblem" aria-hidden="true">
      {initial}
    </span>
  );
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
  const theme = siteTheme(site.theme);
  return (
    <div className="portal" data-theme={theme.id}>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <AccessibilityToolbar />
      <header className="site-header">
        <div className="container">
          <SiteLogo site={site} />
          <p className="site-title">
            <a href="/">{site.name}</a>
          </p>
          <form className="header-search" action="/search" method="get" role="search" aria-label={t.siteSearch}>
            <input
              name="q"
              type="search"
              aria-label={t.siteSearchLabel}
              placeholder={t.siteSearchLabel}
              maxLength={100}
            />
            <button type="submit">{t.searchButton}</button>
          </form>
        </div>
      </header>
      <nav className="site-nav" aria-label="主导航">
        <ul>
          <li>
            <a href="/" aria-current={currentSlug === undefined ? "page" : undefined}>
              {t.home}
            </a>
          </li>
          {tree
            .filter((column) => column.nav)
            .map((column) => (
              <li key={column.id}>
                <a href={columnHref(column)} aria-current={currentSlug === column.slug ? "page" : undefined}>
                  {column.name}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p className="footer-links">
            <a href="/sitemap">{t.siteMap}</a>
            <a href="/feed.xml">{t.feed}</a>
            <a href="/matrix">{messages.matrix.title}</a>
            {tree
              .filter((column) => !column.nav)
              .map((column) => (
                <a key={column.id} href={columnHref(column)}>
                  {column.name}
                </a>
              ))}
          </p>
          <p>
            {t.organizer}：{site.org.name}
            {site.contact ? `　${t.contact}：${site.contact}` : null}
          </p>
          <p>
            {t.siteCode}：{site.siteCode}
            {site.icpNumber ? (
              <>
                {"　"}
                <a href="https://beian.miit.gov.cn/" rel="noopener">
                  {site.icpNumber}
                </a>
              </>
            ) : null}
            {site.psbNumber ? `　${site.psbNumber}` : null}
          </p>
        </div>
      </footer>
    </div>
  );
}
