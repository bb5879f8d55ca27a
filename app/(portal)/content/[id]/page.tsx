// GET /content/:resourceId – a published item as the current site shows it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getCurrentSite } from "../../current-site";
import { getPortalArticle, getWithdrawalNotice } from "@/lib/sites/portal";
import { governmentMetaTags } from "@/lib/sites/meta";
import { SiteFrame } from "@/components/portal/site-frame";
import { formatChineseDate, formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;
const ZParams = z.object({ id: z.uuid() });
type Props = { params: Promise<{ id: string }> };

async function load({ params }: Props) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) notFound();
  const site = await getCurrentSite();
  const article = await getPortalArticle(site, parsed.data.id);
  if (article) return { site, article, withdrawn: null };
  const withdrawn = await getWithdrawalNotice(site, parsed.data.id);
  if (!withdrawn) notFound();
  return { site, article: null, withdrawn };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { site, article, withdrawn } = await load(props);
  if (!article) return { title: `${withdrawn.title} - ${site.name}`, robots: { index: false } };
  return {
    title: `${article.title} - ${site.name}`,
    description: article.metadata.summary,
    alternates: { canonical: `/content/${article.resourceId}` },
    openGraph: { title: article.title, description: article.metadata.summary, type: "article", siteName: site.name },
    other: governmentMetaTags({ siteName: site.name, siteCode: site.siteCode, column: article.column, article }),
  };
}

export default async function ContentPage(props: Props) {
  const { site, article, withdrawn } = await load(props);
  if (!article) {
    return (
      <SiteFrame site={site} tree={withdrawn.tree}>
        <article className="article withdrawn-notice">
          <h1>{withdrawn.title}</h1>
          <p role="status">
            该信息已于 <time dateTime={withdrawn.withdrawnAt.toISOString()}>{formatDateTime(withdrawn.withdrawnAt)}</time> 撤回，不再公开。如有疑问，请联系本网站。
          </p>
          <p>
            <Link href="/">{t.home}</Link>
          </p>
        </article>
      </SiteFrame>
    );
  }
  const policy = article.metadata.policy;
  return (
    <SiteFrame site={site} tree={article.tree}>
      <nav className="breadcrumb" aria-label={t.breadcrumb}>
        {t.breadcrumb}：<Link href="/">{t.home}</Link>
        {article.column ? (
          <>
            {" > "}
            <Link href={`/columns/${article.column.slug}`}>{article.column.name}</Link>
          </>
        ) : null}
      </nav>
      <article className="article">
        {policy ? (
          <table className="policy-meta">
            <tbody>
              <tr>
                <th scope="row">{t.indexNumber}</th>
                <td>{article.indexNumber ?? "—"}</td>
                <th scope="row">{t.issuer}</th>
                <td>{policy.issuer}</td>
              </tr>
              <tr>
                <th scope="row">{t.docNumber}</th>
                <td>{policy.docNumber ?? "—"}</td>
                <th scope="row">{t.writtenOn}</th>
                <td>{policy.writtenOn ? formatChineseDate(policy.writtenOn) : "—"}</td>
              </tr>
            </tbody>
          </table>
        ) : null}
        <h1>{article.title}</h1>
        <p className="info">
          <span>
            {t.source}：{article.source}
          </span>
          <span>
            {t.publishedAt}：<time dateTime={article.publishedAt.toISOString()}>{formatDateTime(article.publishedAt)}</time>
          </span>
        </p>
        {article.correction ? (
          <aside className="correction-note" aria-label="更正说明">
            更正说明（<time dateTime={article.correction.at.toISOString()}>{formatDateTime(article.correction.at)}</time>）：{article.correction.note}
          </aside>
        ) : null}
        {/* bodyHtml is rendered on the server from the revision's Tiptap JSON (lib/library/content.ts). */}
        <div className="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      </article>
    </SiteFrame>
  );
}
