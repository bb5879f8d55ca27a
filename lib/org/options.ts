import { getOrgTree } from "@/lib/org/tree";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { messages } from "@/lib/i18n/zh-CN";
import type { Role } from "@/lib/db/generated/client";

// Choices for back-office forms: the active units the actor may act on, and the role names.

export async function listOrgChoices(actor: Principal, action: Action) {
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const orgs = tree.all.filter((org) => org.active);
  const label = (orgId: string): string => {
    const org = tree.get(orgId)!;
    const parent = org.parentId ? tree.get(org.parentId) : undefined;
    return org.kind === "SECTION" && parent ? `${parent.shortName ?? parent.name} · ${org.name}` : org.name;
  };
  return orgs.filter((org) => can(action, { orgId: org.id })).map((org) => ({ value: org.id, label: label(org.id) }));
}

/** For a form that creates something: refused unless the actor may do `action` somewhere. */
export async function listActionableOrgs(actor: Principal, action: Action) {
  assertHoldsRoleFor(actor, action);
  return listOrgChoices(actor, action);
}

export const ROLE_CHOICES = (Object.keys(messages.roles) as Role[]).map((role) => ({
  value: role,
  label: messages.roles[role],
}));
export const CHECK_CHOICES = Object.entries(messages.checks).map(([value, label]) => ({ value, label }));

/** Kinds an editor writes (media assets are uploaded; 留言答复, 征集结果反馈, 访谈实录, 告知书, 政府信息公开年报 and 网站报表 are made from their records, not written). */
export const KIND_CHOICES = Object.entries(messages.resourceKinds)
  .filter(
    ([value]) =>
      ![
        "MEDIA",
        "INTERACTION_REPLY",
        "CONSULTATION_RESULT",
        "INTERVIEW_TRANSCRIPT",
        "DISCLOSURE_NOTICE",
        "DISCLOSURE_REPORT",
        "SITE_REPORT",
      ].includes(value),
  )
  .map(([value, label]) => ({ value, label }));
