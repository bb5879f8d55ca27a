// GET / – the portal home of the site chosen by the Host header; its layout follows the site's theme.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { getPortalHome } from "@/lib/sites/portal";
import { portalMetadata } from "@/lib/sites/meta";
import { siteTheme } from "@/lib/sites/themes";
import { SiteFrame, columnHref } from "@/components/portal/site-frame";
import { ItemList } from "@/components/portal/item-list";
import { formatDate } from "@/lib/format";
import { focalObjectPosition } from "@/lib/library/focal-point";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return {
    ...portalMetadata({ site, baseUrl, path: "/", column: { name: "首页", kind: "HOME" } }),
    alternates: {
      canonical: `${baseUrl}/`,
      types: { "application/atom+xml": [{ url: `${baseUrl}/feed.xml`, title: `${site.name} 最新信息` }] },
    },
  };
}

export default async function PortalHomePage() {
  const site = await getCurrentSite();
  const home = await getPortalHome(site);
  const layout = siteTheme(site.theme).homeLayout;
  const [headline, ...latest] = home.latest;
  return (
    <SiteFrame site={site} tree={home.tree}>
      <h1 className="visually-hidden">{site.name}</h1>
      <div className={`home home-${layout}`}>
        <section className="headline" aria-labelledby="headline-title">
          <h2 id="headline-title" className="visually-hidden">
            {t.headlines}
          </h2>
          {headline ? (
            <>
              {headline.titleImage ? (
                <a href={`/content/${headline.resourceId}`} tabIndex={-1} aria-hidden="true">
                  <img
                    className="headline-image"
                    src={headline.titleImage.src}
                    alt={headline.titleImage.alt ?? ""}
                    style={{ objectPosition: focalObjectPosition(headline.titleImage) }}
                  />
                </a>
              ) : null}
              <p className="headline-title">
                <a href={`/content/${headline.resourceId}`}>{headline.title}</a>
              </p>
              <p className="item-meta">
                {headline.docNumber ? `${headline.docNumber}　` : null}
                {t.publishedAt}：{formatDate(headline.publishedAt)}
              </p>
            </>
          ) : (
            <p className="empty">{t.empty}</p>
          )}
        </section>
        <section className="panel latest" aria-labelledby="latest-title">
          <h2 id="latest-title">{t.latest}</h2>
          <ItemList items={latest} />
        </section>
        <div className="home-grid">
          <section className="panel" aria-labelledby="policies-title">
            <h2 id="policies-title">{t.latestPolicies}</h2>
            <ItemList items={home.policies} showDocNumber />
          </section>
          <section className="panel" aria-labelledby="interpretations-title">
            <h2 id="interpretations-title">{t.latestInterpretations}</h2>
            <ItemList items={home.interpretations} />
          </section>
          {home.blocks.map(({ column, items }) => (
            <section className="panel" key={column.id} aria-labelledby={`column-${column.id}`}>
              <h2 id={`column-${column.id}`}>
                {column.name}
                <a className="more" href={`/columns/${column.slug}`} aria-label={`${column.name} ${t.more}`}>
                  {t.more}
                </a>
              </h2>
              <ItemList items={items} />
            </section>
          ))}
        </div>
        {home.services.length ? (
          <section className="services" aria-labelledby="services-title">
            <h2 id="services-title">{t.services}</h2>
            <ul>
              {home.services.map((service) => (
                <li key={service.id}>
                  <a href={columnHref(service)}>{service.name}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </SiteFrame>
  );
}
