// The site's 404 page: what the portal server renders, status 404, for any public page that is not
// found (lib/sites/site-not-found.ts). On a site's host it keeps the site's frame (header,
// navigation, footer), so a visitor who followed a stale link can carry on from the navigation;
// with no site configured it stands alone. Asked for directly, it is not found like any address.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { buildColumnTree } from "@/lib/sites/portal";
import { findCurrentSite } from "@/lib/sites/current-site";
import { SITE_NOT_FOUND_HEADER } from "@/lib/sites/site-not-found";
import { SiteFrame } from "@/components/portal/site-frame";
import { NotFoundMessage } from "@/components/portal/not-found-message";
import { messages } from "@/lib/i18n/zh-CN";

export const metadata: Metadata = { title: messages.portal.notFoundTitle, robots: { index: false } };

export default async function SiteNotFoundPage() {
  if (!(await headers()).has(SITE_NOT_FOUND_HEADER)) notFound();
  const site = await findCurrentSite();
  if (!site) {
    return (
      <main id="main" className="container">
        <NotFoundMessage />
      </main>
    );
  }
  return (
    <SiteFrame site={site} tree={buildColumnTree(site.columns)}>
      <NotFoundMessage />
    </SiteFrame>
  );
}
