import type { Principal } from "@/lib/auth/permissions";
import { PERMISSIONS } from "@/lib/auth/permission-table";
import { checkNames, listInbox } from "@/lib/review/queries";
import { listApplications } from "@/lib/registry/list-applications";
import { messages } from "@/lib/i18n/zh-CN";

// 待我处理: everything waiting for this person's decision, in one list, oldest first: review
// stages they may sign now (the review inbox) and new-media registry applications whose current
// step they may decide (the registry's 待我审批). Both come from their own areas' rules.

export type TodoItem = {
  key: string;
  type: "review" | "registry";
  typeLabel: string;
  title: string;
  unit: string;
  step: string;
  submittedBy: string;
  since: Date;
  href: string;
  flagged: boolean;
};

/** Whether the person holds a role that can ever have something waiting (then the list is shown, empty or not). */
export function mayHaveTodo(actor: Principal): boolean {
  const deciding = new Set<string>([
    "SECTION_REVIEWER",
    "INFO_SUPERVISOR",
    "CHECK_REVIEWER",
    "DIRECT_RESPONSIBLE",
    "FIRST_RESPONSIBLE",
    ...PERMISSIONS["registry.approve"].roles,
  ]);
  return actor.memberships.some((membership) => deciding.has(membership.role));
}

function holdsRoleFor(actor: Principal, roles: readonly string[]): boolean {
  return !actor.pendingObligation && actor.memberships.some((membership) => roles.includes(membership.role));
}

export async function listMyTodo(actor: Principal): Promise<TodoItem[]> {
  const [reviews, checks, applications] = await Promise.all([
    listInbox(actor),
    checkNames(),
    holdsRoleFor(actor, PERMISSIONS["registry.approve"].roles) ? listApplications(actor, "todo") : [],
  ]);
  const items: TodoItem[] = [
    ...reviews.map((review): TodoItem => ({
      key: `review-${review.instanceId}`,
      type: "review",
      typeLabel: "稿件审核",
      title: review.title,
      unit: review.unit,
      step: [
        review.stage,
        review.signable
          .map((signature) => (signature.check ? (checks.get(signature.check) ?? signature.check) : ""))
          .filter(Boolean)
          .join("、"),
      ]
        .filter(Boolean)
        .join("："),
      submittedBy: review.submittedBy,
      since: review.waitingSince,
      href: `/admin/review/${review.instanceId}`,
      flagged: review.flagged,
    })),
    ...applications.map((application): TodoItem => ({
      key: `registry-${application.id}`,
      type: "registry",
      typeLabel: `新媒体${messages.newMedia.applicationKinds[application.kind]}申请`,
      title: `${application.platform}${application.accountName ? `“${application.accountName}”` : ""}`,
      unit: application.unit,
      step: application.currentStepName ?? "",
      submittedBy: application.submittedBy,
      since: application.submittedAt,
      href: `/admin/registry/applications/${application.id}`,
      flagged: false,
    })),
  ];
  return items.sort((a, b) => a.since.getTime() - b.since.getTime());
}
