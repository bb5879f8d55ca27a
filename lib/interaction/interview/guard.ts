import type { Prisma } from "@/lib/db/generated/client";
import type { InterviewStatus } from "@/lib/db/generated/enums";
import type { Db, Tx } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { conflict, notFound } from "@/lib/errors";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { messages } from "@/lib/i18n/zh-CN";

// What every staff step on an interview shares: load it with its site, check the actor against
// the site's unit (an interview the actor may not see is "not found"), check its state, and take
// the row lock under which its posts are numbered (schema: InterviewPost).

const STATUSES = messages.interview.statuses;

export const INTERVIEW_INCLUDE = {
  site: { select: { id: true, name: true, orgId: true } },
  guests: { orderBy: { position: "asc" } },
} as const satisfies Prisma.InterviewInclude;

export type LoadedInterview = Prisma.InterviewGetPayload<{ include: typeof INTERVIEW_INCLUDE }>;

/** Cache tags of the portal pages that show an interview: its page and the site's interview list. */
export const interviewTags = (interview: { id: string; siteId: string }) => [
  `interview:${interview.id}`,
  `interviews:${interview.siteId}`,
];

export async function loadInterview(db: Db | Tx, interviewId: string): Promise<LoadedInterview> {
  const interview = await db.interview.findUnique({ where: { id: interviewId }, include: INTERVIEW_INCLUDE });
  if (!interview) throw notFound();
  return interview;
}

/** Locks the interview row for this transaction: posts and state changes of one interview queue here. */
export async function lockInterview(tx: Tx, interviewId: string): Promise<LoadedInterview> {
  const locked = await tx.$executeRaw`select 1 from "Interview" where id = ${interviewId}::uuid for update`;
  if (locked === 0) throw notFound();
  return loadInterview(tx, interviewId);
}

export async function assertOnInterview(actor: Principal | null, action: Action, interview: LoadedInterview) {
  const subject = { orgId: interview.site.orgId };
  try {
    await assertCan(actor, "interview.view", subject);
  } catch (error) {
    if (actor) throw notFound();
    throw error;
  }
  return assertCan(actor, action, subject);
}

export function assertStatus(interview: { status: InterviewStatus }, allowed: readonly InterviewStatus[]): void {
  if (!allowed.includes(interview.status))
    throw conflict(`该访谈当前为“${STATUSES[interview.status]}”，不能进行此操作。请刷新页面查看最新状态。`);
}

/** Writes `data` if the interview is still at `version`; a stale or replayed form is refused. */
export async function updateInterview(
  tx: Tx,
  interview: LoadedInterview,
  version: number,
  data: Prisma.InterviewUncheckedUpdateManyInput,
) {
  const { count } = await tx.interview.updateMany({
    where: { id: interview.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw conflict(messages.interview.admin.stale);
  await announcePortalChange(tx, interviewTags(interview));
}
