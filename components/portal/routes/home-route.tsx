// The portal home, /, of the site chosen by the Host header: the blocks its administrator
// published. What Next.js's route (app/(portal)/page.tsx) and the portal's own renderer
// (lib/portal-render) both render.
import type { Metadata } from "next";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { buildColumnTree } from "@/lib/sites/portal";
import { getPortalHomeBlocks, loadHomeBlockViews } from "@/lib/sites/home-portal";
import { withInteractionEntries } from "@/lib/interaction/home-entries";
import { portalMetadata } from "@/lib/sites/meta";
import { siteTheme } from "@/lib/sites/themes";
import { SiteFrame } from "@/components/portal/site-frame";
import { HomeBlocks } from "@/components/portal/home-blocks";

export async function homeMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return {
    ...portalMetadata({ site, baseUrl, path: "/", column: { name: "首页", kind: "HOME" } }),
    alternates: {
      canonical: `${baseUrl}/`,
      types: { "application/atom+xml": [{ url: `${baseUrl}/feed.xml`, title: `${site.name} 最新信息` }] },
    },
  };
}

export async function HomeRoute() {
  const site = await getCurrentSite();
  const blocks = await withInteractionEntries(site.id, await loadHomeBlockViews(site, await getPortalHomeBlocks(site)));
  return (
    <SiteFrame site={site} tree={buildColumnTree(site.columns)}>
      <h1 className="visually-hidden">{site.name}</h1>
      <HomeBlocks blocks={blocks} layout={siteTheme(site.theme).homeLayout} />
    </SiteFrame>
  );
}
