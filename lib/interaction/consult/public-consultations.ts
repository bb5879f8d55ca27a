import { getDb } from "@/lib/db/client";
import { markUncacheable } from "@/lib/cache/render-scope";
import { contentPath } from "@/lib/publish/portal-links";
import type { Question, Results } from "@/lib/interaction/consult/answers";
import { maskedAuthor } from "@/lib/interaction/consult/moderate-comment";
import { phaseOf, type Phase } from "@/lib/interaction/consult/phase";
import { loadFeedbackState } from "@/lib/interaction/consult/guard";

// 征集调查 on the portal: the published activities of a site (or of one column), and one activity's
// page: the draft in full as it was published, the questions while it is open, the moderated
// comments in their de-identified form, and after closing the results — shown only once the
// 征集结果反馈 carrying the same figures is published. These pages change with the clock (an
// activity opens and closes without any write), so they are never kept in the page cache.

export type PublicConsultationSummary = {
  id: string;
  title: string;
  kind: "DRAFT" | "SURVEY";
  opensAt: Date;
  closesAt: Date;
  phase: Phase;
};

export async function listPublicConsultations(
  siteId: string,
  options: { columnId?: string } = {},
  now: Date = new Date(),
): Promise<PublicConsultationSummary[]> {
  const rows = await getDb().consultation.findMany({
    where: { siteId, state: "PUBLISHED", ...(options.columnId ? { columnId: options.columnId } : {}) },
    orderBy: [{ opensAt: "desc" }, { id: "asc" }],
    take: 100,
  });
  if (rows.length) markUncacheable();
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      phase: phaseOf(row, await loadFeedbackState(getDb(), row.feedbackResourceId), now),
    })),
  );
}

/** A published activity of the site for its public page; null when there is none. */
export async function getPublicConsultation(siteId: string, id: string, now: Date = new Date()) {
  markUncacheable();
  const db = getDb();
  const row = await db.consultation.findFirst({
    where: { id, siteId, state: "PUBLISHED" },
    include: {
      column: { select: { name: true, slug: true } },
      questions: { orderBy: { position: "asc" } },
      comments: {
        where: { status: "APPROVED" },
        orderBy: { createdAt: "asc" },
        select: { id: true, authorName: true, publicBody: true, createdAt: true },
      },
    },
  });
  if (!row) return null;
  const feedback = await loadFeedbackState(db, row.feedbackResourceId);
  const phase = phaseOf(row, feedback, now);
  const draft = row.draftResourceId
    ? await db.publication.findFirst({
        where: { resourceId: row.draftResourceId, withdrawnAt: null, supersededAt: null },
        orderBy: { publishedAt: "desc" },
        select: { revision: { select: { title: true, bodyHtml: true } } },
      })
    : null;
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    intro: row.intro,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    participation: row.participation,
    column: row.column,
    phase,
    draft: draft
      ? { title: draft.revision.title, bodyHtml: draft.revision.bodyHtml, href: contentPath(row.draftResourceId!) }
      : null,
    questions: row.questions as Question[],
    comments: row.comments.map((comment) => ({
      id: comment.id,
      author: maskedAuthor(comment.authorName),
      body: comment.publicBody ?? "",
      createdAt: comment.createdAt,
    })),
    results: phase === "DONE" ? (row.results as Results | null) : null,
    feedbackHref: phase === "DONE" && row.feedbackResourceId ? contentPath(row.feedbackResourceId) : null,
  };
}

export type PublicConsultation = NonNullable<Awaited<ReturnType<typeof getPublicConsultation>>>;

/** Whether `id` is a published activity of the site (the public POST routes answer only for their own site). */
export async function isPublishedOnSite(siteId: string, id: string): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
  return (await getDb().consultation.count({ where: { id, siteId, state: "PUBLISHED" } })) > 0;
}
