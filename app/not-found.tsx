// The Chinese 404. On a site's host it keeps the site's frame (header, navigation, footer), so a
// visitor who followed a stale link can carry on from the navigation; with no site configured it
// stands alone.
import Link from "next/link";
import { buildColumnTree } from "@/lib/sites/portal";
import { findCurrentSite } from "@/lib/sites/current-site";
import { SiteFrame } from "@/components/portal/site-frame";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

export const metadata = { title: t.notFoundTitle };

function Message() {
  return (
    <div className="not-found">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <Link href="/">{t.backHome}</Link>
      </p>
    </div>
  );
}

export default async function NotFound() {
  // Every page carries this boundary, so it shares the page's site lookup.
  const site = await findCurrentSite();
  if (!site) {
    return (
      <main id="main" className="container">
        <Message />
      </main>
    );
  }
  return (
    <SiteFrame site={site} tree={buildColumnTree(site.columns)}>
      <Message />
    </SiteFrame>
  );
}
