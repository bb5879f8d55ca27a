// GET /admin/preview/:token – a revision in a placed site's template, as its article page will be
// (signed short-lived link, signed-in editors and reviewers only; never cached, never indexed).
import type { Metadata } from "next";
import { cache } from "react";
import { orPageError, requireActor } from "../../(console)/guard";
import { openPreview } from "@/lib/sites/preview/open-preview";
import { hrefOnSite } from "@/lib/sites/current-site";
import { shareLinks } from "@/lib/sites/share";
import { withOrgTreeScope } from "@/lib/org/tree";
import { ArticlePage } from "@/components/portal/article-page";
import { PreviewBanner } from "@/components/portal/preview-banner";
import { messages } from "@/lib/i18n/zh-CN";

type Props = { params: Promise<{ token: string }> };

const load = cache(async (token: string) => {
  const actor = await requireActor();
  return orPageError(withOrgTreeScope(() => openPreview(actor, token)));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { article, site } = await load((await params).token);
  return {
    title: `【${messages.preview.marker}】${article.title} - ${site.name}`,
    robots: { index: false, follow: false },
  };
}

export default async function PreviewPage({ params }: Props) {
  const { site, article, related, banner } = await load((await params).token);
  const share = await shareLinks(await hrefOnSite(site.id, `/content/${article.resourceId}`), article.title);
  return (
    <>
      <PreviewBanner banner={banner} siteName={site.name} />
      <ArticlePage site={site} article={article} related={related} share={share} />
    </>
  );
}
