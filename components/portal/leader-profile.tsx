import type { PortalLeader } from "@/lib/sites/portal";
import { messages } from "@/lib/i18n/zh-CN";
import { LeaderPhoto } from "./leader-photo";

const labels = messages.contentKinds.leader;

// 领导之窗: one leader's page head (photo, 姓名, 职务 and 分工); the article body below it is the 简历.
// Rendered by ArticleView, so the review page, the preview and the portal show the same card.

export function LeaderProfile({ leader, headingLevel }: { leader: PortalLeader; headingLevel: 1 | 2 }) {
  const Title = headingLevel === 1 ? "h1" : "h2";
  return (
    <header className="leader-profile">
      <LeaderPhoto leader={leader} />
      <div className="leader-profile-text">
        <Title className="article-title leader-name">{leader.name}</Title>
        <dl className="leader-facts">
          <dt>{labels.post}</dt>
          <dd className="leader-post">{leader.post}</dd>
          {leader.duties.length ? (
            <>
              <dt>{labels.duties}</dt>
              <dd>
                <ul className="leader-duties">
                  {leader.duties.map((line, index) => (
                    <li key={index}>{line}</li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </div>
    </header>
  );
}
