import type { PortalArticle } from "@/lib/sites/portal";
import type { RelatedLink } from "@/lib/sites/policies";
import { formatChineseDate, formatDate, formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ArticleTools } from "./article-tools";
import { SearchHighlight } from "./search-highlight";
import { Island } from "./islands/island";
import { LeaderProfile } from "./leader-profile";
import { bodyLabel, isPlainPage } from "@/lib/library/kinds";

const t = messages.portal;
const v = messages.validity;

const RELATION_LABEL: Record<string, string> = {
  "INTERPRETS:to": "解读",
  "INTERPRETS:from": "所解读的政策文件",
  "REVISES:from": "修订的文件",
  "REVISES:to": "修订本文件的文件",
  "REPEALS:from": "废止的文件",
  "REPEALS:to": "废止本文件的文件",
  "BASED_ON:from": "依据",
  "BASED_ON:to": "以本文件为依据",
};

function RelatedList({ title, links }: { title: string; links: RelatedLink[] }) {
  if (links.length === 0) return null;
  return (
    <section className="related" aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {links.map((link) => (
          <li key={`${link.kind}-${link.resourceId}`}>
            <span className="relation-kind">{RELATION_LABEL[`${link.kind}:${link.direction}`]}</span>
            <a href={`/content/${link.resourceId}`}>{link.title}</a>
            {link.docNumber ? <span className="doc-number">{link.docNumber}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One published item: the policy metadata table, validity notice, body, attachments, relations. */
export function ArticleView({
  article,
  related = [],
  share,
  headingLevel = 1,
}: {
  article: PortalArticle;
  related?: RelatedLink[];
  share?: { qrSvg: string; weibo: string; qq: string };
  headingLevel?: 1 | 2;
}) {
  const policy = article.metadata.policy;
  const Title = headingLevel === 1 ? "h1" : "h2";
  const Section = headingLevel === 1 ? "h2" : "h3";
  // 领导之窗, 机构职能 and 单页 are plain pages: no 来源/作者 line, only when the page was last updated.
  const plain = isPlainPage(article.kind);
  // 简历 under a leader's card; 主要职责 under a unit's particulars, when there are any.
  const bodyHeading = article.kind === "INSTITUTION" && !article.institution.length ? null : bodyLabel(article.kind);
  const notValid = article.validity && article.validity !== "VALID";
  const interpretations = related.filter((link) => link.kind === "INTERPRETS");
  const others = related.filter((link) => link.kind !== "INTERPRETS");
  return (
    <article className="article" data-font="medium" lang="zh-CN">
      <Island name="search-highlight" props={{ containerSelector: "article.article" }}>
        <SearchHighlight containerSelector="article.article" />
      </Island>
      {notValid ? (
        <p className={`validity-notice validity-${article.validity!.toLowerCase()}`} role="note">
          <strong>本文件{v[article.validity!]}</strong>
          {article.validityNote ? `：${article.validityNote.cause}（${formatDate(article.validityNote.at)}）` : null}
          {article.validityNote?.causeResourceId &&
          related.some((link) => link.resourceId === article.validityNote!.causeResourceId) ? (
            <>
              {" "}
              <a href={`/content/${article.validityNote.causeResourceId}`}>查看新文件</a>
            </>
          ) : null}
        </p>
      ) : null}
      {policy ? (
        <table className="policy-meta">
          <caption className="visually-hidden">文件信息</caption>
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
              <th scope="row">{t.theme}</th>
              <td>{article.themeName ?? "—"}</td>
            </tr>
            <tr>
              <th scope="row">{t.writtenOn}</th>
              <td>{policy.writtenOn ? formatChineseDate(policy.writtenOn) : "—"}</td>
              <th scope="row">{t.publishedOn}</th>
              <td>{formatChineseDate(formatDate(article.publishedAt))}</td>
            </tr>
            <tr>
              <th scope="row">{t.validity}</th>
              <td colSpan={3} className={notValid ? "validity-cell invalid" : "validity-cell"}>
                {article.validity ? v[article.validity] : "—"}
              </td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {article.leader ? <LeaderProfile leader={article.leader} headingLevel={headingLevel} /> : null}
      {article.metadata.leadTitle && !article.leader ? (
        <p className="article-lead-title">{article.metadata.leadTitle}</p>
      ) : null}
      {article.leader ? null : <Title className="article-title">{article.title}</Title>}
      {article.metadata.subtitle && !article.leader ? (
        <p className="article-subtitle">{article.metadata.subtitle}</p>
      ) : null}
      {plain ? (
        <p className="info">
          <span>
            {t.updatedAt}：
            <time dateTime={(article.updatedAt ?? article.publishedAt).toISOString()}>
              {formatDateTime(article.updatedAt ?? article.publishedAt)}
            </time>
          </span>
        </p>
      ) : null}
      {article.institution.length ? (
        <dl className="institution-facts">
          {article.institution.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {plain ? null : (
        <p className="info">
          <span>
            {t.source}：{article.source}
          </span>
          {article.metadata.author ? (
            <span>
              {t.author}：{article.metadata.author}
            </span>
          ) : null}
          {article.metadata.editor ? (
            <span>
              {t.editor}：{article.metadata.editor}
            </span>
          ) : null}
          <span>
            {t.publishedAt}：
            <time dateTime={article.publishedAt.toISOString()}>{formatDateTime(article.publishedAt)}</time>
          </span>
          {article.updatedAt ? (
            <span>
              {t.updatedAt}：<time dateTime={article.updatedAt.toISOString()}>{formatDateTime(article.updatedAt)}</time>
            </span>
          ) : null}
        </p>
      )}
      {share ? (
        <Island name="article-tools" props={{ share }}>
          <ArticleTools share={share} />
        </Island>
      ) : null}
      {article.correction ? (
        <aside className="correction-note" aria-label="更正说明">
          更正说明（<time dateTime={article.correction.at.toISOString()}>{formatDateTime(article.correction.at)}</time>
          ）：{article.correction.note}
        </aside>
      ) : null}
      {/* bodyHtml is rendered on the server from the revision's Tiptap JSON (lib/library/content.ts). */}
      {bodyHeading ? <Section className="article-body-heading">{bodyHeading}</Section> : null}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      {article.attachments.length ? (
        <section className="attachments" aria-label={t.attachments}>
          <h2>{t.attachments}</h2>
          <ol>
            {article.attachments.map((attachment) => (
              <li key={attachment.href}>
                <a href={attachment.href}>{attachment.name}</a>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <RelatedList
        title={article.kind === "INTERPRETATION" ? t.interpretedPolicies : t.interpretations}
        links={interpretations}
      />
      <RelatedList title={t.relatedDocuments} links={others} />
    </article>
  );
}
