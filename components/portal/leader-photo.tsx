import { focalObjectPosition } from "@/lib/library/focal-point";
import type { PortalLeader } from "@/lib/sites/portal";
import { messages } from "@/lib/i18n/zh-CN";

// A leader's photo in a portrait frame, cropped around its focal point; a plain frame with the
// name's first character when no photo was chosen, so the grid keeps its rhythm.

export function LeaderPhoto({ leader }: { leader: Pick<PortalLeader, "name" | "photo"> }) {
  if (!leader.photo) {
    return (
      <span className="leader-photo leader-photo-empty" aria-hidden="true">
        {leader.name.slice(0, 1)}
      </span>
    );
  }
  return (
    <img
      className="leader-photo"
      src={leader.photo.src}
      alt={leader.photo.alt ?? `${leader.name}${messages.contentKinds.leader.photo}`}
      style={{ objectPosition: focalObjectPosition(leader.photo) }}
    />
  );
}
