"use client";

import { useEffect, useState } from "react";
import { messages } from "@/lib/i18n/zh-CN";
import "./interview.css";

// An interview's live record on its page. The server renders every post so far (the page works
// without script, with a refresh link); in the browser, an EventSource follows the interview's
// server-sent events from the last post the page has, appends each new one, and the browser
// resumes after the last it showed (Last-Event-ID) when the connection drops. Connecting is to
// this origin only, which the portal's Content-Security-Policy allows (connect-src 'self').

const t = messages.interview;

export type RecordPost = {
  id: string;
  kind: "QUESTION" | "ANSWER" | "RETRACTION";
  body: string;
  time: string;
  questionId: string | null;
  nickname: string | null;
  guest: { name: string; title: string } | null;
  retracts: string | null;
};
type Status = keyof typeof t.statuses;

function speaker(post: RecordPost): string {
  if (post.kind === "QUESTION")
    return !post.nickname || post.nickname === t.portal.asked ? t.portal.asked : `${t.portal.asked}“${post.nickname}”`;
  return post.guest ? `${post.guest.title}${post.guest.name}` : "";
}

export function InterviewRecord({
  interviewId,
  initialPosts,
  initialStatus,
}: {
  interviewId: string;
  initialPosts: RecordPost[];
  initialStatus: Status;
}) {
  const [posts, setPosts] = useState(initialPosts);
  const [status, setStatus] = useState<Status>(initialStatus);
  const [connected, setConnected] = useState<boolean | null>(null);
  // Where the connection starts: fixed at the first render (the server's posts), not on later ones.
  const [after] = useState(initialPosts.at(-1)?.id ?? "0");
  const [closedAtStart] = useState(initialStatus === "CLOSED");

  useEffect(() => {
    if (closedAtStart) return;
    const source = new EventSource(`/api/interaction/interviews/${interviewId}/events?after=${after}`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("post", (event) => {
      const post = JSON.parse((event as MessageEvent<string>).data) as RecordPost;
      setPosts((current) => (current.some((known) => known.id === post.id) ? current : [...current, post]));
    });
    // A post taken off the record by the moderators leaves the page too.
    source.addEventListener("retract", (event) => {
      const { retracts } = JSON.parse((event as MessageEvent<string>).data) as RecordPost;
      setPosts((current) => current.filter((known) => known.id !== retracts));
    });
    source.addEventListener("status", (event) => {
      const next = (JSON.parse((event as MessageEvent<string>).data) as { status: Status }).status;
      setStatus(next);
      if (next === "CLOSED") {
        source.close();
        setConnected(null);
      }
    });
    return () => source.close();
  }, [interviewId, after, closedAtStart]);

  return (
    <section aria-labelledby="interview-record-title">
      <h2 id="interview-record-title">
        {t.admin.record}（{t.statuses[status]}）
      </h2>
      {status !== "CLOSED" ? (
        <p className="interview-live" role="status">
          {connected === true ? t.portal.liveOn : connected === false ? t.portal.liveOff : null}{" "}
          <a href={`/interaction/interviews/${interviewId}`}>{t.portal.refresh}</a>
        </p>
      ) : null}
      {posts.length === 0 ? <p>{t.portal.empty}</p> : null}
      <ol className="interview-record" aria-live="polite" data-testid="interview-record">
        {posts.map((post) => (
          <li key={post.id} className={post.kind === "QUESTION" ? "question" : "answer"}>
            <span className="speaker">{speaker(post)}：</span>
            {post.body.split(/\r?\n/).map((line, index) => (index ? [<br key={index} />, line] : line))}
            <time>{post.time}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}
