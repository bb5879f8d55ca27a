import type { PortalTopic } from "@/lib/sites/topics";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

// The head of every page of a 专题: its banner on the topic and on each sub-column page, and its
// intro on the topic page itself. The trail reads 首页 > 专题专栏 > topic > sub-column.

export function TopicBanner({ topic, withIntro }: { topic: PortalTopic; withIntro: boolean }) {
  return (
    <section className="topic-head" aria-label={t.topicBannerAlt(topic.name)}>
      {topic.bannerSrc ? (
        <a className="topic-banner" href={`/columns/${topic.slug}`}>
          <img src={topic.bannerSrc} alt={t.topicBannerAlt(topic.name)} />
        </a>
      ) : (
        <a className="topic-banner topic-banner-plain" href={`/columns/${topic.slug}`}>
          {topic.name}
        </a>
      )}
      {withIntro && topic.intro ? <p className="topic-intro">{topic.intro}</p> : null}
    </section>
  );
}

export function TopicBreadcrumb({ topic, column }: { topic: PortalTopic; column: { id: string; name: string } }) {
  return (
    <nav className="breadcrumb" aria-label={t.breadcrumb}>
      {t.breadcrumb}：<a href="/">{t.home}</a>
      {" > "}
      <a href="/topics">{t.topics}</a>
      {" > "}
      {topic.id === column.id ? (
        topic.name
      ) : (
        <>
          <a href={`/columns/${topic.slug}`}>{topic.name}</a>
          {" > "}
          {column.name}
        </>
      )}
    </nav>
  );
}
