import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { createStreamBudget, type StreamBudget } from "@/lib/interaction/interview/stream-budget";
import { followInterview } from "@/lib/interaction/interview/live-hub";
import { parseAfterId } from "@/lib/interaction/interview/schemas";
import type { PublicPost } from "@/lib/interaction/interview/feed";

// An interview's live record as server-sent events (text/event-stream): each post is an event
// `post` (or `retract`, naming a post taken off the record) whose id is the post's id, so a browser that reconnects sends Last-Event-ID and resumes
// right after the last post it showed; a change of status is an event `status`; a comment line
// every HEARTBEAT_MS keeps proxies from closing an idle connection. The stream of a closed
// interview ends after its last posts (the page tells the browser to stop reconnecting).

export const HEARTBEAT_MS = 15_000;
/** Reconnect delay the browser is told to use. */
const RETRY_MS = 3000;

const encoder = new TextEncoder();

let budget: StreamBudget | null = null;
/** The process's budget of open streams (lib/interaction/interview/stream-budget.ts). */
function streamBudget(): StreamBudget {
  const env = getEnv();
  budget ??= createStreamBudget({ total: env.INTERVIEW_STREAMS_MAX, perAddress: env.INTERVIEW_STREAMS_PER_ADDRESS });
  return budget;
}

/** Seconds a refused browser is told to wait before asking again. */
export const STREAM_RETRY_AFTER_SECONDS = 30;

export type OpenedStream =
  | { ok: true; stream: ReadableStream<Uint8Array> }
  | { ok: false; status: 429; message: string; retryAfterSeconds: number };

export function postEvent(post: PublicPost): string {
  return `id: ${post.id}\nevent: ${post.kind === "RETRACTION" ? "retract" : "post"}\ndata: ${JSON.stringify(post)}\n\n`;
}

/**
 * Opens the interview's live stream for a visitor at `address`, or refuses with 429 when this
 * process already holds its ceiling of streams, or the address its share.
 */
export async function openInterviewStream(
  siteId: string,
  interviewId: string,
  lastEventId: string | null,
  signal: AbortSignal,
  address: string | null,
): Promise<OpenedStream> {
  if (!z.uuid().safeParse(interviewId).success) throw notFound("未找到该访谈。");
  const interview = await getDb().interview.findFirst({ where: { id: interviewId, siteId }, select: { id: true } });
  if (!interview) throw notFound("未找到该访谈。");
  const after = parseAfterId(lastEventId);
  const release = streamBudget().acquire(address);
  if (!release)
    return {
      ok: false,
      status: 429,
      message: "同时打开的访谈直播连接过多，请关闭其他访谈页面，稍后刷新本页。",
      retryAfterSeconds: STREAM_RETRY_AFTER_SECONDS,
    };
  let stop: (() => void) | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  const end = () => {
    stop?.();
    stop = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    release();
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          open = false;
          end();
        }
      };
      const close = () => {
        if (!open) return;
        open = false;
        end();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", close, { once: true });
      send(`retry: ${RETRY_MS}\n: connected\n\n`);
      heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      try {
        stop = await followInterview(interviewId, after, {
          post: (post) => send(postEvent(post)),
          status: (status) => {
            send(`event: status\ndata: ${JSON.stringify({ status })}\n\n`);
            if (status === "CLOSED") close();
          },
        });
      } catch {
        close();
        return;
      }
      if (!open || signal.aborted) end();
    },
    cancel() {
      end();
    },
  });
  return { ok: true, stream };
}
