// GET /columns/:slug – one column of the current site, rendered by its kind: a list (paginated),
// a single page, the policy library (filters), the disclosure catalogue; a link column redirects
// to a government site or shows the leaving notice (您即将离开本网站) for any other.
import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { z } from "zod";
import { getBaseUrl, getCurrentSite, perRequest } from "@/lib/sites/current-site";
import { descendantIds, getColumnPage, getDisclosureCatalogue } from "@/lib/sites/portal";
import { getSinglePage } from "@/lib/sites/portal-article";
import { isLeaderColumn, listColumnLeaders } from "@/lib/sites/leaders";
import { listPolicyLibrary, parsePolicyFilters, type PolicyFilters } from "@/lib/sites/policies";
import { portalMetadata } from "@/lib/sites/meta";
import { SiteFrame, columnHref } from "@/components/portal/site-frame";
import { ItemList } from "@/components/portal/item-list";
import { Pagination } from "@/components/portal/pagination";
import { PolicyLibrary } from "@/components/portal/policy-library";
import { ArticleView } from "@/components/portal/article-view";
import { LeavingNotice } from "@/components/portal/leaving-notice";
import { LeaderGrid } from "@/components/portal/leader-grid";
import { InteractionEntry } from "@/components/portal/interaction-entry";
import { DisclosureApplyEntry } from "@/components/portal/disclosure-apply-entry";
import { listInteractionTypes } from "@/lib/interaction/list-types";
import { listPublicConsultations } from "@/lib/interaction/consult/public-consultations";
import { ConsultationList } from "@/components/portal/consultation-list";
import { listServedQa } from "@/lib/interaction/qa/public-qa";
import { QaList } from "@/components/portal/qa-list";
import { isHttpUrl } from "@/lib/validation/url";
import { messages } from "@/lib/i18n/zh-CN";
import { findTopicOf, getTopicSections, listTopics } from "@/lib/sites/topics";
import { TopicBanner, TopicBreadcrumb } from "@/components/portal/topic-banner";
import { TopicSections } from "@/components/portal/topic-sections";
import { TopicIndex } from "@/components/portal/topic-index";

const t = messages.portal;
const ZParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/) });
const ZPage = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

/** A single-page column's item, for generateMetadata and the page alike, read once per request. */
const loadSinglePage = perRequest(async (columnId: string) => getSinglePage(await getCurrentSite(), { id: columnId }));

/** The 依申请公开 column of a 政府信息公开 catalogue, by the name the national format gives it. */
const isApplyColumn = (column: { name: string }) => column.name === messages.disclosure.title;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[]>> };

async function load({ params, searchParams }: Props) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) notFound();
  const query = await searchParams;
  const { page } = ZPage.parse(query);
  const site = await getCurrentSite();
  const data = await getColumnPage(site, parsed.data.slug, page);
  if (!data) notFound();
  return { site, page, query, ...data };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [{ site, column, page }, baseUrl] = await Promise.all([load(props), getBaseUrl()]);
  // A single page (关于本站, 联系我们 …) is an article to monitoring: ArticleTitle, PubDate, ContentSource.
  const single = column.kind === "PAGE" ? await loadSinglePage(column.id) : null;
  return portalMetadata({
    site,
    baseUrl,
    path: `/columns/${column.slug}${page > 1 ? `?page=${page}` : ""}`,
    title: column.name,
    column,
    article: single,
  });
}

export default async function ColumnPage(props: Props) {
  const { site, tree, column, items, page, pageCount, query } = await load(props);
  if (column.kind === "SEARCH") permanentRedirect(columnHref(column));
  if (column.kind === "LINK") {
    // Government targets are linked directly. Any other site gets the leaving notice, which only
    // shows this column's configured destination: the visitor clicks, nothing redirects.
    if (column.linkUrl && column.isGovernmentLink) permanentRedirect(column.linkUrl);
    if (!column.linkUrl || !isHttpUrl(column.linkUrl)) notFound();
    return (
      <SiteFrame site={site} tree={tree}>
        <LeavingNotice siteName={site.name} name={column.name} url={column.linkUrl} />
      </SiteFrame>
    );
  }
  const top = tree.find((candidate) => candidate.id === column.id || descendantIds(candidate).includes(column.id));
  let body: React.ReactNode;
  if (column.kind === "POLICY_LIBRARY") {
    let filters: PolicyFilters;
    try {
      filters = parsePolicyFilters(
        Object.fromEntries(Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
      );
    } catch {
      notFound();
    }
    const library = await listPolicyLibrary(site.id, [column.id, ...descendantIds(column)], filters);
    body = <PolicyLibrary slug={column.slug} filters={filters} library={library} />;
  } else if (column.kind === "DISCLOSURE") {
    const catalogue = await getDisclosureCatalogue(site, column);
    // 依申请公开 (条例第二十七条): its guide with the way to the form, in its own category, or at the
    // end of the catalogue's first page when the site has no such column.
    const hasApplyColumn = catalogue.some(({ category }) => isApplyColumn(category));
    body = (
      <div className="catalogue">
        {catalogue.map(({ category, total, items: latest }) => (
          <section key={category.id} className="catalogue-category" aria-labelledby={`category-${category.id}`}>
            <h2 id={`category-${category.id}`}>
              <a href={`/columns/${category.slug}`}>{category.name}</a>
              <span className="count">（{total} 条）</span>
            </h2>
            {isApplyColumn(category) ? <DisclosureApplyEntry withIntro={false} /> : null}
            <ItemList items={latest} showDocNumber />
          </section>
        ))}
        {!hasApplyColumn && top?.id === column.id ? (
          <section className="catalogue-category" aria-labelledby="category-apply">
            <h2 id="category-apply">{messages.disclosure.entry.heading}</h2>
            <DisclosureApplyEntry />
          </section>
        ) : null}
      </div>
    );
  } else if (column.kind === "INTERACTION") {
    // 留言选登 and 征集结果反馈 both land in the 政民互动 column; each is listed under its own heading.
    const feedback = items.filter((item) => item.kind === "CONSULTATION_RESULT");
    const letters = items.filter((item) => item.kind !== "CONSULTATION_RESULT");
    body = (
      <>
        <InteractionEntry types={await listInteractionTypes(site.id)} />
        {letters.length ? (
          <section aria-labelledby="selected-letters">
            <h2 id="selected-letters">{messages.interaction.letters.title}</h2>
            <ItemList items={letters.slice(0, 10)} />
            <p>
              <a href="/interaction/letters">{messages.interaction.letters.more}</a>
            </p>
          </section>
        ) : null}
        {feedback.length ? (
          <section aria-labelledby="consultation-feedback">
            <h2 id="consultation-feedback">{messages.consult.public.feedback}</h2>
            <ItemList items={feedback.slice(0, 10)} />
          </section>
        ) : null}
      </>
    );
  } else if (column.kind === "PAGE") {
    const article = await loadSinglePage(column.id);
    const page = article ? <ArticleView article={article} headingLevel={2} /> : <p className="empty">{t.empty}</p>;
    // The 依申请公开 page is its guide: the way to the form and the status page come first.
    body = isApplyColumn(column) ? (
      <>
        <DisclosureApplyEntry withIntro={!article} />
        {page}
      </>
    ) : (
      page
    );
  } else if (column.kind === "TOPIC" && column.children.length) {
    body = <TopicSections sections={await getTopicSections(site, column)} />;
  } else if (column.children.some((child) => child.kind === "TOPIC")) {
    // A column holding 专题 (such as 专题专栏) lists them as the 专题 index does.
    body = <TopicIndex topics={await listTopics(site, column)} />;
  } else if (items.length && items.every((item) => item.kind === "QA")) {
    // 咨询答问: a column of 答问 lists the served ones by theme (expired ones are not served).
    const theme = typeof query.theme === "string" && /^[a-z0-9-]{1,64}$/.test(query.theme) ? query.theme : undefined;
    body = (
      <QaList basePath={`/columns/${column.slug}`} theme={theme} served={await listServedQa(site.id, { theme })} />
    );
  } else if (isLeaderColumn(items)) {
    // 领导之窗: every item is a leader, so the column shows them all as cards, by rank.
    body = <LeaderGrid leaders={await listColumnLeaders(column)} />;
  } else {
    body = (
      <>
        <ItemList items={items} />
        <Pagination basePath={`/columns/${column.slug}`} page={page} pageCount={pageCount} />
      </>
    );
  }
  const topic = findTopicOf(site, column.id);
  return (
    <SiteFrame site={site} tree={tree} currentSlug={top?.slug}>
      {topic ? (
        <>
          <TopicBreadcrumb topic={topic} column={column} />
          <TopicBanner topic={topic} withIntro={topic.id === column.id} />
        </>
      ) : (
        <nav className="breadcrumb" aria-label={t.breadcrumb}>
          {t.breadcrumb}：<a href="/">{t.home}</a>
          {top && top.id !== column.id ? (
            <>
              {" > "}
              <a href={`/columns/${top.slug}`}>{top.name}</a>
            </>
          ) : null}
          {" > "}
          {column.name}
        </nav>
      )}
      <div className={column.children.length ? "column-layout" : undefined}>
        {column.children.length ? (
          <nav className="sub-columns" aria-label={`${column.name}下级栏目`}>
            <ul>
              {column.children.map((child) => (
                <li key={child.id}>
                  <a href={columnHref(child)}>{child.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <section className="panel column-body">
          <h1>{column.name}</h1>
          <ConsultationList
            rows={await listPublicConsultations(site.id, { columnId: column.id })}
            heading={messages.consult.public.list}
          />
          {body}
        </section>
      </div>
    </SiteFrame>
  );
}
