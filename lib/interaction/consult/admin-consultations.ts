import { getDb } from "@/lib/db/client";
import { can, type Principal } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/errors";
import type { Answers, Question } from "@/lib/interaction/consult/answers";
import { computeResults } from "@/lib/interaction/consult/results";
import { deidentifyComment } from "@/lib/interaction/consult/moderate-comment";
import { phaseOf } from "@/lib/interaction/consult/phase";
import { assertOnConsultation, loadConsultation, loadFeedbackState } from "@/lib/interaction/consult/guard";

// The back office of 征集调查: the activities of the sites the actor may see, one activity with its
// live tallies, free-text answers and comments to moderate, and the choices of the new-activity
// form (sites the actor manages, their columns, published items that can be consulted on).

async function sitesWhere(actor: Principal | null, action: "consultation.view" | "consultation.manage") {
  const sites = await getDb().site.findMany({
    orderBy: { position: "asc" },
    select: { id: true, name: true, orgId: true },
  });
  const allowed = [];
  for (const site of sites) if (await can(actor, action, { orgId: site.orgId })) allowed.push(site);
  return allowed;
}

export async function listConsultations(actor: Principal | null, now: Date = new Date()) {
  const sites = await sitesWhere(actor, "consultation.view");
  if (!sites.length) throw forbidden();
  const db = getDb();
  const rows = await db.consultation.findMany({
    where: { siteId: { in: sites.map((site) => site.id) } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 500,
    include: {
      site: { select: { name: true } },
      _count: { select: { responses: true, comments: { where: { status: "PENDING" } } } },
    },
  });
  const canCreate = (await sitesWhere(actor, "consultation.manage")).length > 0;
  return {
    canCreate,
    rows: await Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        title: row.title,
        kind: row.kind,
        siteName: row.site.name,
        opensAt: row.opensAt,
        closesAt: row.closesAt,
        phase: phaseOf(row, await loadFeedbackState(db, row.feedbackResourceId), now),
        responses: row._count.responses,
        pendingComments: row._count.comments,
      })),
    ),
  };
}

export async function getConsultationForStaff(actor: Principal | null, id: string, now: Date = new Date()) {
  const db = getDb();
  const consultation = await loadConsultation(db, id);
  await assertOnConsultation(actor, "consultation.view", consultation);
  const subject = { orgId: consultation.site.orgId };
  const [canManage, canModerate] = await Promise.all([
    can(actor, "consultation.manage", subject),
    can(actor, "consultation.moderate", subject),
  ]);
  const feedback = await loadFeedbackState(db, consultation.feedbackResourceId);
  const questions = consultation.questions as Question[];
  const textQuestions = questions.filter((question) => question.kind === "TEXT");
  const [results, responses, comments, review] = await Promise.all([
    computeResults(db, consultation.id, questions),
    textQuestions.length
      ? db.consultationResponse.findMany({
          where: { consultationId: consultation.id },
          orderBy: { submittedAt: "asc" },
          select: { answers: true, submittedAt: true },
          take: 2000,
        })
      : Promise.resolve([]),
    db.consultationComment.findMany({ where: { consultationId: consultation.id }, orderBy: { createdAt: "asc" } }),
    consultation.feedbackResourceId
      ? db.reviewInstance.findFirst({
          where: { resourceId: consultation.feedbackResourceId },
          orderBy: { submittedAt: "desc" },
          select: { id: true },
        })
      : Promise.resolve(null),
  ]);
  return {
    consultation,
    phase: phaseOf(consultation, feedback, now),
    feedback,
    reviewInstanceId: review?.id ?? null,
    canManage,
    canModerate,
    results,
    textAnswers: textQuestions.map((question) => ({
      question,
      answers: responses
        .map((response) => ({ text: (response.answers as Answers)[question.id], at: response.submittedAt }))
        .filter((entry): entry is { text: string; at: Date } => typeof entry.text === "string"),
    })),
    comments: comments.map((comment) => ({
      ...comment,
      suggestedPublicBody: comment.status === "PENDING" ? deidentifyComment(comment) : null,
    })),
  };
}

/** What the new-activity form offers: the sites the actor manages, their columns, consultable items. */
export async function getConsultationFormOptions(actor: Principal | null) {
  const sites = await sitesWhere(actor, "consultation.manage");
  if (!sites.length) throw forbidden();
  const db = getDb();
  const siteIds = sites.map((site) => site.id);
  const [columns, drafts] = await Promise.all([
    db.column.findMany({
      where: { siteId: { in: siteIds }, kind: { in: ["LIST", "INTERACTION", "TOPIC"] } },
      orderBy: [{ siteId: "asc" }, { position: "asc" }],
      select: { id: true, name: true, siteId: true },
    }),
    // Published items placed on these sites: a 征求意见稿 is published (as a policy or notice) first.
    db.resource.findMany({
      where: {
        trashedAt: null,
        kind: { in: ["POLICY", "NOTICE", "ARTICLE"] },
        publications: { some: { withdrawnAt: null, supersededAt: null } },
        placements: { some: { column: { siteId: { in: siteIds } } } },
      },
      orderBy: { updatedAt: "desc" },
      take: 200,
      select: { id: true, title: true, kind: true },
    }),
  ]);
  const siteName = new Map(sites.map((site) => [site.id, site.name]));
  return {
    sites: sites.map(({ id, name }) => ({ id, name })),
    columns: columns.map((column) => ({ ...column, label: `${siteName.get(column.siteId)} / ${column.name}` })),
    drafts,
  };
}
