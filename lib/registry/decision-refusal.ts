import type { ApplicationStatus, Role } from "@/lib/db/generated/client";
import type { Principal } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/zh-CN";
import type { ChainStep } from "@/lib/registry/schemas";

const t = messages.newMedia;

export function roleLabel(role: Role): string {
  return messages.roles[role] ?? role;
}

/** "主管单位工作人员", "主管单位第一责任人" … (a role held in the supervising unit). */
export function platformApprover(role: Role): string {
  const label = roleLabel(role);
  return label.startsWith("主管单位") ? label : `主管单位${label}`;
}

/** Why this actor may not decide the application's current step, or null when they may. */
export function decisionRefusal(
  actor: Principal,
  application: {
    submittedById: string;
    status: ApplicationStatus;
    currentStep: number;
    orgName: string;
    decisions: { userId: string }[];
  },
  chain: ChainStep[],
  lineage: string[],
): string | null {
  if (application.status !== "PENDING") return `该申请${t.applicationStatus[application.status]}，不能再审批。`;
  const step = chain[application.currentStep];
  if (!step) return "该申请的审批环节有误，请联系系统管理员。";
  if (application.submittedById === actor.id) return "不能审批本人提交的申请。";
  const holds = actor.memberships.some(
    (membership) =>
      membership.role === step.role &&
      (step.scope === "platform" ? membership.isRootOrg : lineage.includes(membership.orgId)),
  );
  if (!holds) {
    const who =
      step.scope === "platform"
        ? platformApprover(step.role)
        : `${application.orgName}或其上级单位的${roleLabel(step.role)}`;
    return `当前环节“${step.name}”须由${who}审批。`;
  }
  if (application.decisions.some((decision) => decision.userId === actor.id))
    return "您已审批过本申请的其他环节，同一人不能审批两个环节。";
  return null;
}
