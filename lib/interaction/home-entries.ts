import type { HomeBlockView } from "@/lib/sites/home-portal";
import { listInteractionTypes } from "@/lib/interaction/list-types";
import { interviewHomeEntries } from "@/lib/interaction/interview/public-interviews";

// The home page's 政民互动 blocks list the message types the site accepts (领导信箱, 咨询, 投诉 …),
// each opening the letter form with its type chosen. lib/sites sits below 政民互动 and cannot
// read the types itself, so the home page passes its blocks through here. The block also links to
// 在线访谈 and the interview live now or announced next.

export async function withInteractionEntries(siteId: string, views: HomeBlockView[]): Promise<HomeBlockView[]> {
  if (!views.some((view) => view.kind === "INTERACTION")) return views;
  const types = await listInteractionTypes(siteId);
  const entries = [
    ...types.map((type) => ({ name: type.name, href: `/interaction/write?type=${encodeURIComponent(type.code)}` })),
    ...(await interviewHomeEntries(siteId)),
  ];
  return views.map((view) =>
    view.kind === "INTERACTION" ? { ...view, entries: [...entries, ...view.entries] } : view,
  );
}
