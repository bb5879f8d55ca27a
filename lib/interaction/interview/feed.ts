import type { Db, Tx } from "@/lib/db/client";
import type { InterviewPostKind, InterviewStatus } from "@/lib/db/generated/enums";
import { formatChinaTime } from "@/lib/time/china";

// The live record as the public reads it: approved questions (their de-identified text) and the
// guests' answers, in the order they were posted. A page asks for the posts after the last one it
// has (`afterId`, the server-sent event id); the record is read from the database, so every
// process serving the page sees the same posts.

export type PublicPost = {
  /** The event id: a decimal string (the column is a bigint). */
  id: string;
  kind: InterviewPostKind;
  body: string;
  /** HH:MM China time. */
  time: string;
  /** The question a post belongs to: its own (QUESTION) or the one it answers. */
  questionId: string | null;
  /** QUESTION: the asker's nickname. */
  nickname: string | null;
  /** ANSWER: who answered. */
  guest: { name: string; title: string } | null;
  /** RETRACTION: the id of the post taken off the record. */
  retracts: string | null;
};

const POST_SELECT = {
  id: true,
  kind: true,
  body: true,
  postedAt: true,
  questionId: true,
  retractsId: true,
  question: { select: { publicNickname: true } },
  guest: { select: { name: true, title: true } },
} as const;

/** At most this many posts a read: a page far behind catches up in a few reads. */
export const POSTS_PER_READ = 200;

/** The posts of an interview after `afterId`, oldest first. */
export async function readPostsAfter(
  db: Db | Tx,
  interviewId: string,
  afterId: bigint,
  take = POSTS_PER_READ,
): Promise<PublicPost[]> {
  const rows = await db.interviewPost.findMany({
    // A post taken off the record is never read again; its RETRACTION tells open pages to drop it.
    where: { interviewId, id: { gt: afterId }, retractedAt: null },
    orderBy: { id: "asc" },
    take,
    select: POST_SELECT,
  });
  return rows.map((row) => ({
    id: String(row.id),
    kind: row.kind,
    body: row.body,
    time: formatChinaTime(row.postedAt, { seconds: false }),
    questionId: row.questionId,
    nickname: row.kind === "QUESTION" ? (row.question?.publicNickname ?? "网友") : null,
    guest: row.kind === "ANSWER" && row.guest ? { name: row.guest.name, title: row.guest.title } : null,
    retracts: row.retractsId === null ? null : String(row.retractsId),
  }));
}

/** The record as it stands, oldest first (the page without script, the transcript): no retracted posts. */
export async function readAllPosts(db: Db | Tx, interviewId: string): Promise<PublicPost[]> {
  const posts: PublicPost[] = [];
  for (let after = 0n; ;) {
    const batch = await readPostsAfter(db, interviewId, after, 1000);
    posts.push(...batch.filter((post) => post.kind !== "RETRACTION"));
    if (batch.length < 1000) return posts;
    after = BigInt(batch.at(-1)!.id);
  }
}

export type FeedState = { status: InterviewStatus; posts: PublicPost[] };

/** One poll of an interview: its status and the posts after `afterId`; null when it is gone. */
export async function readFeed(db: Db | Tx, interviewId: string, afterId: bigint): Promise<FeedState | null> {
  const interview = await db.interview.findUnique({ where: { id: interviewId }, select: { status: true } });
  if (!interview) return null;
  return { status: interview.status, posts: await readPostsAfter(db, interviewId, afterId) };
}
