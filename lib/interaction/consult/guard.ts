import type { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/client";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { conflict, notFound } from "@/lib/errors";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import type { FeedbackState } from "@/lib/interaction/consult/phase";

// What every back-office step on an activity shares: load it, check the actor against the unit
// that owns its site (an activity the actor may not even view is "not found"), and write a change
// only if nobody changed the activity since the actor saw it (version).

export const CONSULTATION_INCLUDE = {
  site: { select: { id: true, name: true, orgId: true } },
  column: { select: { id: true, name: true, slug: true } },
  questions: { orderBy: { position: "asc" } },
} as const satisfies Prisma.ConsultationInclude;

export type LoadedConsultation = Prisma.ConsultationGetPayload<{ include: typeof CONSULTATION_INCLUDE }>;

export async function loadConsultation(db: Db | Tx, id: string): Promise<LoadedConsultation> {
  const consultation = await db.consultation.findUnique({ where: { id }, include: CONSULTATION_INCLUDE });
  if (!consultation) throw notFound();
  return consultation;
}

/** The role that lets `actor` take `action` on the activity; "not found" when they may not see it. */
export async function assertOnConsultation(
  actor: Principal | null,
  action: Action,
  consultation: { site: { orgId: string } },
): Promise<string> {
  if (!(await can(actor, "consultation.view", { orgId: consultation.site.orgId }))) throw notFound();
  return assertCan(actor, action, { orgId: consultation.site.orgId });
}

/** Writes `data` if the activity is still at `version`; refuses a stale or replayed step. */
export async function updateConsultation(
  tx: Tx,
  consultation: { id: string; version: number },
  version: number,
  data: Prisma.ConsultationUncheckedUpdateManyInput,
) {
  const stale = "该征集调查已被他人修改，请刷新页面后再操作。";
  if (version !== consultation.version) throw conflict(stale);
  const { count } = await tx.consultation.updateMany({
    where: { id: consultation.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw conflict(stale);
}

/** Where the activity's 征集结果反馈 stands. */
export async function loadFeedbackState(db: Db | Tx, feedbackResourceId: string | null): Promise<FeedbackState> {
  return feedbackResourceId ? loadPublicCopyState(db, feedbackResourceId) : "NONE";
}
