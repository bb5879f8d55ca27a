// GET /admin/preview/home/:token – a site's draft home layout in the portal's own template, for its
// administrators before they publish it (signed short-lived link; never cached, never indexed).
import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { orPageError, requireActor } from "../../../(console)/guard";
import { openHomePreview } from "@/lib/sites/home-layout";
import { loadHomeBlockViews } from "@/lib/sites/home-portal";
import { buildColumnTree, findSiteById } from "@/lib/sites/portal";
import { siteTheme } from "@/lib/sites/themes";
import { withOrgTreeScope } from "@/lib/org/tree";
import { formatDateTime } from "@/lib/format";
import { SiteFrame } from "@/components/portal/site-frame";
import { HomeBlocks } from "@/components/portal/home-blocks";
import { messages } from "@/lib/i18n/zh-CN";

type Props = { params: Promise<{ token: string }> };

const t = messages.homeBlocks.preview;

const load = cache(async (token: string) => {
  const actor = await requireActor();
  const draft = await orPageError(withOrgTreeScope(() => openHomePreview(actor, token)));
  const site = await findSiteById(draft.siteId);
  if (!site) notFound();
  return { draft, site, blocks: await loadHomeBlockViews(site, draft.blocks) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { site } = await load((await params).token);
  return { title: `【${t.marker}】${t.heading} - ${site.name}`, robots: { index: false, follow: false } };
}

export default async function HomePreviewPage({ params }: Props) {
  const { draft, site, blocks } = await load((await params).token);
  return (
    <>
      <div className="preview-banner" role="note" aria-label={t.heading}>
        <strong className="preview-mark">{t.marker}</strong>
        <span>
          {t.banner}　{site.name}　{t.version(draft.version)}
        </span>
        <span>
          {t.expires} <time dateTime={draft.expiresAt.toISOString()}>{formatDateTime(draft.expiresAt)}</time>
        </span>
      </div>
      <SiteFrame site={site} tree={buildColumnTree(site.columns)}>
        <h1 className="visually-hidden">{site.name}</h1>
        <HomeBlocks blocks={blocks} layout={siteTheme(site.theme).homeLayout} />
      </SiteFrame>
    </>
  );
}
