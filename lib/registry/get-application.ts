import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { notFound, unauthenticated } from "@/lib/errors";
import { loadCalendar } from "@/lib/calendar/load";
import { chinaDay } from "@/lib/calendar/working-days";
import { messages } from "@/lib/i18n/zh-CN";
import { getOrgTree } from "@/lib/org/tree";
import { decisionRefusal, platformApprover, roleLabel } from "@/lib/registry/decision-refusal";
import { earliestCancellationDay } from "@/lib/registry/rules";
import { readChain } from "@/lib/registry/schemas";

const t = messages.newMedia;

/** One 审批表: what is applied for, the chain as submitted, the decisions, and what the actor may do. */
export async function getApplication(actor: Principal | null, applicationId: string, now = new Date()) {
  if (!actor) throw unauthenticated();
  if (!z.uuid().safeParse(applicationId).success) throw notFound("未找到该申请。");
  const db = getDb();
  const application = await db.accountApplication.findUnique({
    where: { id: applicationId },
    include: {
      org: { select: { name: true } },
      account: true,
      submittedBy: { select: { displayName: true } },
      decisions: { include: { user: { select: { displayName: true } } }, orderBy: { step: "asc" } },
    },
  });
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  if (!application || !can("registry.view", { orgId: application.orgId })) throw notFound("未找到该申请。");
  const chain = readChain(application.chain);
  const refusal = decisionRefusal(
    actor,
    { ...application, orgName: application.org.name },
    chain,
    tree.lineage(application.orgId),
  );
  const calendar = await loadCalendar(db);
  const data = application.data as Record<string, unknown>;
  const effectiveOn = typeof data.effectiveOn === "string" ? data.effectiveOn : null;
  return {
    id: application.id,
    kind: application.kind,
    kindLabel: t.applicationKinds[application.kind],
    unit: application.org.name,
    orgId: application.orgId,
    platform: application.platform,
    platformLabel: t.platforms[application.platform],
    account: application.account
      ? {
          id: application.account.id,
          name: application.account.name,
          status: application.account.status,
          statusLabel: t.accountStatus[application.account.status],
        }
      : null,
    data,
    reason: application.reason,
    status: application.status,
    statusLabel: t.applicationStatus[application.status],
    currentStep: application.currentStep,
    submittedBy: application.submittedBy.displayName,
    submittedAt: application.submittedAt,
    decidedAt: application.decidedAt,
    steps: chain.map((step, index) => {
      const decision = application.decisions.find((candidate) => candidate.step === index);
      return {
        index,
        name: step.name,
        approver: step.scope === "platform" ? platformApprover(step.role) : `本单位或上级单位${roleLabel(step.role)}`,
        decision: decision
          ? {
              decision: decision.decision,
              label: decision.decision === "APPROVE" ? "同意" : "不同意",
              by: decision.user.displayName,
              comment: decision.comment,
              at: decision.at,
            }
          : null,
        isCurrent: application.status === "PENDING" && index === application.currentStep,
      };
    }),
    canDecide: refusal === null,
    decideRefusal: application.status === "PENDING" ? refusal : null,
    canWithdraw: application.status === "PENDING" && application.submittedById === actor.id,
    /** For a cancellation under way: the earliest effective date if it were approved today. */
    earliestEffectiveOn:
      application.kind === "CANCEL" && application.status === "PENDING"
        ? earliestCancellationDay(calendar, chinaDay(now))
        : null,
    effectiveOn,
  };
}
