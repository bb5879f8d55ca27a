import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { assertOnInterview, loadInterview } from "@/lib/interaction/interview/guard";
import { readAllPosts } from "@/lib/interaction/interview/feed";
import { suggestPublicText } from "@/lib/interaction/interview/moderate-question";
import { assembleTranscript, transcriptTitle } from "@/lib/interaction/interview/transcript";
import { formatDateTime } from "@/lib/format";

// The back office's reads: the interviews of the sites the actor runs, and one interview with its
// moderation queue, its live record and the assembled transcript.

export async function listInterviews(actor: Principal | null) {
  assertHoldsRoleFor(actor, "interview.view");
  const can = await createPermissionChecker(actor);
  const rows = await getDb().interview.findMany({
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      topic: true,
      startsAt: true,
      status: true,
      site: { select: { name: true, orgId: true } },
      _count: { select: { questions: { where: { status: "PENDING" } } } },
    },
  });
  return rows
    .filter((row) => can("interview.view", { orgId: row.site.orgId }))
    .map((row) => ({
      id: row.id,
      topic: row.topic,
      startsAt: row.startsAt,
      status: row.status,
      siteName: row.site.name,
      pending: row._count.questions,
    }));
}

/** The sites where the actor may announce interviews. */
export async function listInterviewSites(actor: Principal | null) {
  assertHoldsRoleFor(actor, "interview.manage");
  const can = await createPermissionChecker(actor);
  const sites = await getDb().site.findMany({
    orderBy: { position: "asc" },
    select: { id: true, name: true, orgId: true },
  });
  return sites.filter((site) => can("interview.manage", { orgId: site.orgId })).map(({ id, name }) => ({ id, name }));
}

export async function getInterview(actor: Principal | null, interviewId: string) {
  const db = getDb();
  const interview = await loadInterview(db, interviewId);
  await assertOnInterview(actor, "interview.view", interview);
  const can = await createPermissionChecker(actor);
  const [pending, posts, copy] = await Promise.all([
    db.interviewQuestion.findMany({
      where: { interviewId, status: "PENDING" },
      orderBy: { receivedAt: "asc" },
      take: 200,
    }),
    readAllPosts(db, interviewId),
    interview.transcriptResourceId ? loadPublicCopyState(db, interview.transcriptResourceId) : null,
  ]);
  const transcript =
    interview.status === "CLOSED"
      ? {
          title: transcriptTitle(interview.topic),
          body: assembleTranscript(
            {
              topic: interview.topic,
              summary: interview.summary,
              time: formatDateTime(interview.startsAt),
              guests: interview.guests,
            },
            posts,
          ),
          state: copy,
        }
      : null;
  return {
    ...interview,
    canManage: can("interview.manage", { orgId: interview.site.orgId }),
    pending: pending.map((question) => ({
      id: question.id,
      nickname: question.nickname,
      content: question.content,
      receivedAt: question.receivedAt,
      suggestion: suggestPublicText(question.content, question.nickname),
    })),
    posts,
    transcript,
  };
}
