// GET /leaving?to=…&sig=… – 您即将离开本网站: the notice before a link from a portal page to a
// non-government site. Shows only destinations the platform signed (lib/sites/leaving.ts); it
// never redirects, the visitor clicks.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCurrentSite } from "@/lib/sites/current-site";
import { buildColumnTree } from "@/lib/sites/portal";
import { verifyLeaving } from "@/lib/sites/leaving";
import { SiteFrame } from "@/components/portal/site-frame";
import { LeavingNotice } from "@/components/portal/leaving-notice";
import { messages } from "@/lib/i18n/zh-CN";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: messages.portal.leavingTitle, robots: { index: false, follow: false } };

export default async function LeavingPage({ searchParams }: Props) {
  const query = await searchParams;
  const url = verifyLeaving(query.to, query.sig);
  if (!url) notFound();
  const site = await getCurrentSite();
  return (
    <SiteFrame site={site} tree={buildColumnTree(site.columns)}>
      <LeavingNotice siteName={site.name} name="链接地址" url={url} />
    </SiteFrame>
  );
}
