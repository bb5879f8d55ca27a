// GET /interaction/qa/:id – one 答问: the question, the 答复口径, its policies and 有效期. Not found
// once expired, withdrawn or not on this site.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getBaseUrl, getCurrentSite, perRequest } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { getServedQa } from "@/lib/interaction/qa/public-qa";
import { InteractionPage } from "@/components/portal/interaction-page";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.qa;
const ZParams = z.object({ id: z.uuid() });
type Props = { params: Promise<{ id: string }> };

const loadEntry = perRequest(async (id: string) => {
  const site = await getCurrentSite();
  const entry = await getServedQa(site, id);
  if (!entry) notFound();
  return { site, entry };
});

async function load({ params }: Props) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) notFound();
  return loadEntry(parsed.data.id);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [{ site, entry }, baseUrl] = await Promise.all([load(props), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: `/interaction/qa/${entry.id}`,
    title: entry.question,
    column: { name: t.column, kind: "INTERACTION" },
  });
}

export default async function QaEntryPage(props: Props) {
  const { site, entry } = await load(props);
  const validity =
    entry.validFrom || entry.validTo
      ? `${entry.validFrom ?? ""} 至 ${entry.validTo ?? t.portal.longTerm}`
      : t.portal.longTerm;
  return (
    <InteractionPage site={site} crumb={t.column} heading={entry.question}>
      <article className="article qa-entry">
        <p className="meta">
          {t.portal.unit}：{entry.unit}　{t.portal.updatedAt}：
          <time dateTime={entry.publishedAt.toISOString()}>{formatDateTime(entry.publishedAt)}</time>
          {entry.themes.length ? `　${t.fields.themes}：${entry.themes.join("、")}` : ""}
        </p>
        <h2>{t.fields.answer}</h2>
        <div className="article-body" dangerouslySetInnerHTML={{ __html: entry.answerHtml }} />
        <p>
          {t.portal.validity}：{validity}
        </p>
        {entry.policies.length ? (
          <section aria-labelledby="qa-policies">
            <h2 id="qa-policies">{t.portal.policies}</h2>
            <ul>
              {entry.policies.map((policy) => (
                <li key={policy.id}>
                  <a href={`/content/${policy.id}`}>{policy.title}</a>
                  {policy.validity && policy.validity !== "VALID" ? `（${messages.validity[policy.validity]}）` : ""}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <p>
          <a href="/interaction/qa">{t.portal.back}</a>
        </p>
      </article>
    </InteractionPage>
  );
}
