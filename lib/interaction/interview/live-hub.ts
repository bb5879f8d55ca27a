import { getDb } from "@/lib/db/client";
import type { InterviewStatus } from "@/lib/db/generated/enums";
import { readFeed, readPostsAfter, type PublicPost } from "@/lib/interaction/interview/feed";

// Live delivery of an interview's posts to the pages open on this process. The app may run as
// several processes, so nothing is handed from the writer to the readers in memory: each process
// polls the database for the posts after the last one it saw — one query per interview with open
// pages and per second, however many pages are open — and fans them out to its listeners.
// Posts of one interview commit in id order (guard.ts takes the row lock before numbering), so
// "after the last id" never skips one.

export const POLL_MS = 1000;

export type LiveListener = {
  post: (post: PublicPost) => void;
  status: (status: InterviewStatus) => void;
};

type Room = { listeners: Set<LiveListener>; lastId: bigint; status: InterviewStatus | null; timer: NodeJS.Timeout };

const STORE = Symbol.for("tongyuan.interview.liveRooms");
function rooms(): Map<string, Room> {
  const slot = globalThis as unknown as Record<symbol, Map<string, Room> | undefined>;
  slot[STORE] ??= new Map();
  return slot[STORE];
}

async function poll(interviewId: string, room: Room): Promise<void> {
  const state = await readFeed(getDb(), interviewId, room.lastId).catch(() => null);
  if (!state || rooms().get(interviewId) !== room) return;
  for (const post of state.posts) {
    room.lastId = BigInt(post.id);
    for (const listener of room.listeners) listener.post(post);
  }
  if (state.status !== room.status) {
    room.status = state.status;
    for (const listener of room.listeners) listener.status(state.status);
  }
}

async function latestId(interviewId: string): Promise<bigint> {
  const last = await getDb().interviewPost.findFirst({
    where: { interviewId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return last?.id ?? 0n;
}

/**
 * Follows an interview from `afterId`: the posts after it are sent at once, then each new post as
 * the process's poll finds it, and every change of status. Returns the function that stops.
 */
export async function followInterview(
  interviewId: string,
  afterId: bigint,
  listener: LiveListener,
): Promise<() => void> {
  // Subscribe first and hold what arrives while catching up, so nothing falls between the two.
  const held: PublicPost[] = [];
  let caughtUp = false;
  let cursor = afterId;
  const deliver = (post: PublicPost) => {
    const id = BigInt(post.id);
    if (id <= cursor) return;
    cursor = id;
    listener.post(post);
  };
  const member: LiveListener = {
    post: (post) => (caughtUp ? deliver(post) : held.push(post)),
    status: (status) => listener.status(status),
  };
  let room = rooms().get(interviewId);
  if (!room) {
    const created: Room = {
      listeners: new Set(),
      lastId: await latestId(interviewId),
      status: null,
      timer: undefined!,
    };
    room = rooms().get(interviewId) ?? created;
    if (room === created) {
      created.timer = setInterval(() => void poll(interviewId, created), POLL_MS);
      created.timer.unref();
      rooms().set(interviewId, created);
    }
  }
  room.listeners.add(member);
  const joined = room;
  const stop = () => {
    joined.listeners.delete(member);
    if (joined.listeners.size === 0 && rooms().get(interviewId) === joined) {
      clearInterval(joined.timer);
      rooms().delete(interviewId);
    }
  };
  try {
    for (let batch = await readPostsAfter(getDb(), interviewId, cursor); batch.length;) {
      for (const post of batch) deliver(post);
      batch = await readPostsAfter(getDb(), interviewId, cursor);
    }
  } catch (error) {
    stop();
    throw error;
  }
  caughtUp = true;
  for (const post of held.splice(0)) deliver(post);
  return stop;
}
