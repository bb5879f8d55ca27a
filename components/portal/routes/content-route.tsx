// An item's public page, /content/:id: what Next.js's route (app/(portal)/content/[id]/page.tsx)
// and the portal's own renderer (lib/portal-render) both render, so the two paths cannot drift.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { getBaseUrl, getCurrentSite, perRequest } from "@/lib/sites/current-site";
import { getPortalArticle, getWithdrawalNotice } from "@/lib/sites/portal-article";
import { listRelatedOnSite } from "@/lib/sites/policies";
import { portalMetadata } from "@/lib/sites/meta";
import { shareLinks } from "@/lib/sites/share";
import { externalLinkHref } from "@/lib/sites/leaving";
import { shareCardPath } from "@/lib/library/share-card";
import { kindSummary } from "@/lib/library/kinds";
import { SiteFrame } from "@/components/portal/site-frame";
import { ArticlePage } from "@/components/portal/article-page";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;
const ZParams = z.object({ id: z.uuid() });
export type ContentParams = { id: string };

/** The item for the metadata and the page alike, read once per request. */
const loadItem = perRequest(async (id: string) => {
  const site = await getCurrentSite();
  const article = await getPortalArticle(site, id);
  if (article) return { site, article, withdrawn: null };
  const withdrawn = await getWithdrawalNotice(site, id);
  if (!withdrawn) notFound();
  return { site, article: null, withdrawn };
});

async function load(params: ContentParams) {
  const parsed = ZParams.safeParse(params);
  if (!parsed.success) notFound();
  return loadItem(parsed.data.id);
}

export async function contentMetadata(params: ContentParams): Promise<Metadata> {
  const [{ site, article, withdrawn }, baseUrl] = await Promise.all([load(params), getBaseUrl()]);
  if (!article) {
    return portalMetadata({
      site,
      baseUrl,
      path: `/content/${params.id}`,
      title: withdrawn.title,
      column: { name: "撤稿说明", kind: "OTHER" },
      noIndex: true,
    });
  }
  // A leader's page is described by 姓名（职务） and shared with the leader's photo.
  const image = article.metadata.titleImage ?? article.leader?.photo;
  return portalMetadata({
    site,
    baseUrl,
    path: `/content/${article.resourceId}`,
    title: article.title,
    description: kindSummary(article.metadata),
    column: article.column ?? { name: "信息", kind: "OTHER" },
    article,
    image: image ? { url: `${baseUrl}${shareCardPath(image.src, image)}`, alt: image.alt ?? article.title } : null,
  });
}

export async function ContentRoute({ params }: { params: ContentParams }) {
  const { site, article, withdrawn } = await load(params);
  if (!article) {
    return (
      <SiteFrame site={site} tree={withdrawn.tree}>
        <article className="article withdrawn-notice">
          <h1>{withdrawn.title}</h1>
          <p role="status">
            该信息已于{" "}
            <time dateTime={withdrawn.withdrawnAt.toISOString()}>{formatDateTime(withdrawn.withdrawnAt)}</time>{" "}
            撤回，不再公开。如有疑问，请联系本网站。
          </p>
          <p>
            <a href="/">{t.home}</a>
          </p>
        </article>
      </SiteFrame>
    );
  }
  // 外链: the item is a page elsewhere; outside government it is reached through the leaving notice.
  const external = article.metadata.externalUrl;
  if (external) redirect(externalLinkHref(external, site.platformHosts));
  // 答问 are read on their own page, with their policies and 有效期 (and not at all once expired).
  if (article.kind === "QA") redirect(`/interaction/qa/${article.resourceId}`);
  const baseUrl = await getBaseUrl();
  const [related, share] = await Promise.all([
    listRelatedOnSite(site.id, article.resourceId),
    shareLinks(`${baseUrl}/content/${article.resourceId}`, article.title),
  ]);
  return <ArticlePage site={site} article={article} related={related} share={share} />;
}
