import type { TopicCard } from "@/lib/sites/topics";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.portal;

/** 专题 cards: banner, name, intro and the date of the newest item, in the site's order. */
export function TopicIndex({ topics, headingLevel = 2 }: { topics: TopicCard[]; headingLevel?: 2 | 3 }) {
  if (topics.length === 0) return <p className="empty">{t.topicsEmpty}</p>;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="topic-index">
      {topics.map((topic) => (
        <li key={topic.id} className="topic-card">
          {topic.bannerSrc ? (
            <a className="topic-card-banner" href={`/columns/${topic.slug}`}>
              <img src={topic.bannerSrc} alt={t.topicBannerAlt(topic.name)} />
            </a>
          ) : (
            <span className="topic-card-banner topic-banner-plain" aria-hidden="true">
              {topic.name}
            </span>
          )}
          <div className="topic-card-text">
            <Heading>
              <a href={`/columns/${topic.slug}`}>{topic.name}</a>
            </Heading>
            {topic.intro ? <p className="topic-card-intro">{topic.intro}</p> : null}
            <p className="topic-card-date">
              {t.topicUpdated}：
              {topic.updatedAt ? (
                <time dateTime={topic.updatedAt.toISOString()}>{formatDate(topic.updatedAt)}</time>
              ) : (
                "—"
              )}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
