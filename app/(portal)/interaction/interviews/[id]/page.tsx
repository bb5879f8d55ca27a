// GET /interaction/interviews/:id – one interview: topic, time, guests, summary, the record so far
// (followed live in the browser), the question form while it is open, and its 文字实录 once published.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { portalMetadata } from "@/lib/sites/meta";
import { getPublicInterview } from "@/lib/interaction/interview/public-interviews";
import { InteractionPage } from "@/components/portal/interaction-page";
import { InterviewRecord } from "@/components/portal/interview-record";
import { InterviewQuestionForm } from "@/components/portal/interview-question-form";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const t = messages.interview;
type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  const site = await getCurrentSite();
  try {
    return { site, interview: await getPublicInterview(site.id, id) };
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const [{ site, interview }, baseUrl] = await Promise.all([load(id), getBaseUrl()]);
  return portalMetadata({
    site,
    baseUrl,
    path: `/interaction/interviews/${interview.id}`,
    title: interview.topic,
    column: { name: t.title, kind: "INTERACTION" },
  });
}

export default async function InterviewPage({ params }: Props) {
  const { site, interview } = await load((await params).id);
  return (
    <InteractionPage site={site} crumb={t.title} heading={interview.topic}>
      <p>
        <strong>{t.statuses[interview.status]}</strong>　{t.portal.time}：{formatDateTime(interview.startsAt)} —{" "}
        {formatDateTime(interview.endsAt)}
      </p>
      <h2>{t.portal.guests}</h2>
      <ul className="interview-guests">
        {interview.guests.map((guest) => (
          <li key={guest.id}>
            {guest.photo ? <img src={guest.photo} alt={guest.name} width={72} height={96} /> : null}
            <span>
              <strong>{guest.name}</strong>
              <br />
              {guest.unit}
              {guest.title}
            </span>
          </li>
        ))}
      </ul>
      <h2>{t.portal.summary}</h2>
      {interview.summary.split(/\r?\n/).map((line, index) => (line.trim() ? <p key={index}>{line}</p> : null))}
      {interview.status === "CLOSED" ? (
        <p>
          {interview.transcriptHref ? (
            <a href={interview.transcriptHref}>{t.portal.recordLink}</a>
          ) : (
            t.portal.recordPending
          )}
        </p>
      ) : null}
      <InterviewRecord interviewId={interview.id} initialPosts={interview.posts} initialStatus={interview.status} />
      {interview.status === "CLOSED" ? <p>{t.portal.closed}</p> : <InterviewQuestionForm interviewId={interview.id} />}
    </InteractionPage>
  );
}
