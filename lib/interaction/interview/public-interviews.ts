import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { cacheTag, tagPage } from "@/lib/cache/render-scope";
import { notFound } from "@/lib/errors";
import { assetUrl } from "@/lib/library/assets";
import { contentPath } from "@/lib/publish/portal-links";
import { interviewTags } from "@/lib/interaction/interview/guard";
import { readAllPosts } from "@/lib/interaction/interview/feed";
import { messages } from "@/lib/i18n/zh-CN";

// 在线访谈 on the portal: the list (预告, 直播中, 往期) and an interview's page with its guests,
// the live record so far and, once published, the link to its 文字实录. Pages carry the
// interview's cache tags, which every change of it purges (guard.ts), and the transcript's.

const ZId = z.uuid();

export async function listPublicInterviews(siteId: string) {
  tagPage(`interviews:${siteId}`);
  const rows = await getDb().interview.findMany({
    where: { siteId },
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      topic: true,
      startsAt: true,
      status: true,
      guests: { orderBy: { position: "asc" }, select: { name: true, title: true, unit: true } },
    },
  });
  return {
    live: rows.filter((row) => row.status === "LIVE"),
    upcoming: rows.filter((row) => row.status === "ANNOUNCED").reverse(),
    past: rows.filter((row) => row.status === "CLOSED"),
  };
}

export async function getPublicInterview(siteId: string, id: string) {
  if (!ZId.safeParse(id).success) throw notFound("未找到该访谈。");
  const db = getDb();
  const interview = await db.interview.findFirst({
    where: { id, siteId },
    select: {
      id: true,
      siteId: true,
      topic: true,
      summary: true,
      startsAt: true,
      endsAt: true,
      status: true,
      transcriptResourceId: true,
      guests: { orderBy: { position: "asc" } },
    },
  });
  if (!interview) throw notFound("未找到该访谈。");
  tagPage(...interviewTags(interview));
  if (interview.transcriptResourceId) tagPage(cacheTag.resource(interview.transcriptResourceId));
  const [posts, transcript] = await Promise.all([
    readAllPosts(db, interview.id),
    interview.transcriptResourceId
      ? db.publication.findFirst({
          where: {
            resourceId: interview.transcriptResourceId,
            withdrawnAt: null,
            supersededAt: null,
            publishedAt: { lte: new Date() },
          },
          select: { id: true },
        })
      : null,
  ]);
  return {
    ...interview,
    guests: interview.guests.map((guest) => ({
      id: guest.id,
      name: guest.name,
      title: guest.title,
      unit: guest.unit,
      photo: guest.photoAssetId ? assetUrl({ id: guest.photoAssetId }) : null,
    })),
    posts,
    transcriptHref: transcript && interview.transcriptResourceId ? contentPath(interview.transcriptResourceId) : null,
  };
}

/**
 * The home page's 政民互动 block links to 在线访谈, and to the interview now live or the next one
 * announced; the page carries the site's interview tag, so announcing or closing one refreshes it.
 */
export async function interviewHomeEntries(siteId: string): Promise<{ name: string; href: string }[]> {
  tagPage(`interviews:${siteId}`);
  const live = await getDb().interview.findFirst({
    where: { siteId, status: { in: ["LIVE", "ANNOUNCED"] } },
    orderBy: [{ status: "desc" }, { startsAt: "asc" }],
    select: { id: true, topic: true, status: true },
  });
  const t = messages.interview;
  return [
    ...(live
      ? [{ name: `${t.statuses[live.status]}：${live.topic}`, href: `/interaction/interviews/${live.id}` }]
      : []),
    { name: t.title, href: "/interaction/interviews" },
  ];
}
