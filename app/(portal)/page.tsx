// GET / – the portal home of the site chosen by the Host header.
import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentSite } from "./current-site";
import { getPortalHome } from "@/lib/sites/portal";
import { governmentMetaTags } from "@/lib/sites/meta";
import { SiteFrame } from "@/components/portal/site-frame";
import { ItemList } from "@/components/portal/item-list";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

export async function generateMetadata(): Promise<Metadata> {
  const site = await getCurrentSite();
  return {
    title: site.name,
    description: `${site.name}门户网站`,
    other: governmentMetaTags({ siteName: site.name, siteCode: site.siteCode }),
  };
}

export default async function PortalHomePage() {
  const site = await getCurrentSite();
  const home = await getPortalHome(site);
  const [headline, ...latest] = home.latest;
  return (
    <SiteFrame site={site} tree={home.tree}>
      <h1 className="visually-hidden">
        {site.name}
      </h1>
      {headline ? (
        <section className="headline" aria-labelledby="headline-title">
          <h2 id="headline-title">
            <Link href={`/content/${headline.resourceId}`}>{headline.title}</Link>
          </h2>
          <p className="item-meta">
            {headline.docNumber ? `${headline.docNumber}　` : null}
            {t.publishedAt}：{formatDate(headline.publishedAt)}
          </p>
        </section>
      ) : null}
      <div className="home-grid">
        <section className="panel" aria-labelledby="latest-title">
          <h2 id="latest-title">{t.latest}</h2>
          <ItemList items={latest} />
        </section>
        <section className="panel" aria-labelledby="policies-title">
          <h2 id="policies-title">{t.latestPolicies}</h2>
          <ItemList items={home.policies} showDocNumber />
        </section>
        {home.blocks.map(({ column, items }) => (
          <section className="panel" key={column.id} aria-labelledby={`column-${column.id}`}>
            <h2 id={`column-${column.id}`}>
              {column.name}
              <Link className="more" href={`/columns/${column.slug}`} aria-label={`${column.name} ${t.more}`}>
                {t.more}
              </Link>
            </h2>
            <ItemList items={items} />
          </section>
        ))}
      </div>
    </SiteFrame>
  );
}
