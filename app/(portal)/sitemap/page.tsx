// GET /sitemap – 网站地图: every column of the site, as a tree.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { buildColumnTree, type PortalColumn } from "@/lib/sites/portal";
import { portalMetadata } from "@/lib/sites/meta";
import { SiteFrame, columnHref } from "@/components/portal/site-frame";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/sitemap",
    title: t.siteMap,
    column: { name: t.siteMap, kind: "OTHER" },
  });
}

function ColumnTree({ columns }: { columns: PortalColumn[] }) {
  return (
    <ul>
      {columns.map((column) => (
        <li key={column.id}>
          <a href={columnHref(column)}>{column.name}</a>
          {column.children.length ? <ColumnTree columns={column.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default async function SiteMapPage() {
  const site = await getCurrentSite();
  const tree = buildColumnTree(site.columns);
  return (
    <SiteFrame site={site} tree={tree}>
      <nav className="breadcrumb" aria-label={t.breadcrumb}>
        {t.breadcrumb}：<a href="/">{t.home}</a> &gt; {t.siteMap}
      </nav>
      <section className="panel site-map">
        <h1>{t.siteMap}</h1>
        <ul>
          <li>
            <a href="/">{t.home}</a>
          </li>
          {site.columns.some((column) => column.kind === "TOPIC") ? (
            <li>
              <a href="/topics">{t.topics}</a>
            </li>
          ) : null}
        </ul>
        <ColumnTree columns={tree} />
      </section>
    </SiteFrame>
  );
}
