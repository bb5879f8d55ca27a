import type { ReactNode } from "react";
import type { PortalColumn, PortalSite } from "@/lib/sites/portal";
import { siteTheme } from "@/lib/sites/themes";
import { messages } from "@/lib/i18n/zh-CN";
import { getPageAddress } from "@/lib/sites/page-address";
import { AccessibilityToolbar } from "./a11y-toolbar";
import { A11yBootScript } from "./a11y/boot-script";
import { SiteFooter } from "./site-footer";
import { Island } from "./islands/island";

const t = messages.portal;

// Portal pages use plain links: every page is a full, cacheable document (no client-router
// requests), and the site works without JavaScript.

/** A link column to a non-government site points at its own page, the leaving notice. */
export function columnHref(column: Pick<PortalColumn, "slug" | "kind" | "linkUrl" | "isGovernmentLink">): string {
  if (column.kind === "LINK" && column.linkUrl && column.isGovernmentLink) return column.linkUrl;
  if (column.kind === "SEARCH") return "/search";
  return `/columns/${column.slug}`;
}

/**
 * The uploaded logo, else the theme's mark: a seal with the site's first character (政务红, 政务蓝)
 * or hills over water (山水青). The site's name follows it as text, so the image is decoration.
 */
function SiteLogo({ site }: { site: PortalSite }) {
  if (site.logoAssetId)
    return <img className="site-logo site-logo-image" src={`/api/assets/${site.logoAssetId}`} alt="" />;
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

export async function SiteFrame({
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
  const pageUrl = await getPageAddress();
  return (
    <div className="portal" data-theme={theme.id}>
      <A11yBootScript />
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <Island name="a11y-toolbar" props={{ labels: messages.a11y }}>
        <AccessibilityToolbar labels={messages.a11y} />
      </Island>
      <header className={site.bannerAssetId ? "site-header has-banner" : "site-header"}>
        {site.bannerAssetId ? <img className="site-banner" src={`/api/assets/${site.bannerAssetId}`} alt="" /> : null}
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
          <a className="header-ask" href="/qa">
            {messages.ask.title}
          </a>
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
      <SiteFooter
        site={site}
        pageUrl={pageUrl}
        pages={tree
          .filter((column) => !column.nav)
          .map((column) => ({ id: column.id, name: column.name, href: columnHref(column) }))}
      />
    </div>
  );
}
