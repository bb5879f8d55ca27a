// GET /qa?q=… – 智能问答 on every site: a question in, the 答复口径 of the site's Q&A entries,
// policies and interpretations and service entries out, each with its source, and "是否解决了您的
// 问题". A plain GET form, so it works on any phone without script; counted against the same
// per-address limit as GET /api/qa.
import type { Metadata } from "next";
import { requestContext } from "@/lib/http/route";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { buildColumnTree } from "@/lib/sites/portal";
import { portalMetadata } from "@/lib/sites/meta";
import { markUncacheable } from "@/lib/cache/render-scope";
import { DomainError } from "@/lib/errors";
import { admitQaRequest } from "@/lib/interaction/ask/api-access";
import { answerQuestion, type AskResult } from "@/lib/interaction/ask/answer-question";
import { SiteFrame } from "@/components/portal/site-frame";
import { AskFeedback } from "@/components/portal/ask-feedback";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.ask;
const p = messages.portal;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: "/qa",
    title: t.title,
    column: { name: t.title, kind: "SEARCH" },
    noIndex: true,
  });
}

async function ask(siteId: string, q: string): Promise<{ result: AskResult | null; error: string | null }> {
  const [baseUrl, context] = await Promise.all([getBaseUrl(), requestContext()]);
  const access = await admitQaRequest({ siteId, ip: context.ip, apiKey: null });
  if (!access.allowed) return { result: null, error: access.message };
  try {
    return { result: await answerQuestion({ q }, { siteId, baseUrl }), error: null };
  } catch (error) {
    if (error instanceof DomainError) return { result: null, error: error.message };
    throw error;
  }
}

export default async function AskPage({ searchParams }: Props) {
  markUncacheable();
  const site = await getCurrentSite();
  const tree = buildColumnTree(site.columns);
  const raw = (await searchParams).q;
  const q = Array.isArray(raw) ? raw[0] : raw;
  const { result, error } = q === undefined ? { result: null, error: null } : await ask(site.id, q);
  return (
    <SiteFrame site={site} tree={tree}>
      <nav className="breadcrumb" aria-label={p.breadcrumb}>
        {p.breadcrumb}：<a href="/">{p.home}</a>
        {" > "}
        {t.title}
      </nav>
      <section className="panel ask-page">
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <form className="ask-form" action="/qa" method="get" role="search" aria-label={t.title}>
          <label htmlFor="ask-q">{t.title}</label>
          <input
            id="ask-q"
            name="q"
            type="search"
            defaultValue={q?.slice(0, 100) ?? ""}
            maxLength={100}
            placeholder={t.placeholder}
          />
          <button type="submit">{t.submit}</button>
        </form>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {result && result.answers.length === 0 ? (
          <div className="ask-empty" role="status">
            <p>{t.noAnswer}</p>
            <a href="/interaction/write">{t.writeLetter}</a>
          </div>
        ) : null}
        {result && result.answers.length > 0 ? (
          <div className="ask-answers" role="status">
            {result.phrased ? (
              <section className="ask-phrased" aria-labelledby="ask-phrased">
                <h2 id="ask-phrased">{t.phrased}</h2>
                <p>{result.phrased.text}</p>
                <ol className="ask-citations">
                  {result.phrased.citations.map((citation) => (
                    <li key={citation.n} value={citation.n}>
                      <a href={citation.url}>{citation.title}</a>
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
            <h2>{t.answers}</h2>
            <ol className="ask-list">
              {result.answers.map((answer) => (
                <li key={answer.sourceUrl} className="ask-answer">
                  <h3>
                    <span className="badge">{answer.kindLabel}</span> {answer.question}
                  </h3>
                  <p className="ask-text">{answer.answer}</p>
                  <p className="item-meta">
                    {t.source}：<a href={answer.sourceUrl}>{answer.sourceTitle}</a>
                  </p>
                  {answer.policyLinks.length ? (
                    <p className="item-meta">
                      {t.policies}：
                      {answer.policyLinks.map((link, index) => (
                        <span key={link.url}>
                          {index ? "、" : ""}
                          <a href={link.url}>{link.title}</a>
                        </span>
                      ))}
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
            <AskFeedback question={result.question} token={result.feedbackToken} />
          </div>
        ) : null}
      </section>
    </SiteFrame>
  );
}
