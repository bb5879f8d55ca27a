import type { LeaderCard } from "@/lib/sites/leaders";
import { LeaderPhoto } from "./leader-photo";

// 领导之窗: the leaders of a column as cards (photo, 姓名, 职务), each leading to the leader's page.

export function LeaderGrid({ leaders }: { leaders: LeaderCard[] }) {
  return (
    <ul className="leader-grid">
      {leaders.map((leader) => (
        <li key={leader.resourceId} className="leader-card">
          <a href={`/content/${leader.resourceId}`}>
            <LeaderPhoto leader={{ ...leader, photo: leader.photo ? { ...leader.photo, alt: "" } : null }} />
            <span className="leader-card-name">{leader.name}</span>
            <span className="leader-card-post">{leader.post}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
