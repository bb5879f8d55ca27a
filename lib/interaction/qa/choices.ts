import { getDb } from "@/lib/db/client";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { getOrgTree } from "@/lib/org/tree";
import { messages } from "@/lib/i18n/zh-CN";
import { listQaThemes } from "@/lib/interaction/qa/themes";

// The editor's choices for a 问答 item: the active 答问主题, the policies and interpretations an
// answer may rest on (published ones, and those of units the actor may see), and the 答复单位.

const kinds = messages.resourceKinds;

export async function listQaChoices(actor: Principal) {
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const [themes, policies] = await Promise.all([
    listQaThemes({ activeOnly: true }),
    getDb().resource.findMany({
      where: { kind: { in: ["POLICY", "INTERPRETATION"] }, version: { gt: 0 }, trashedAt: null },
      orderBy: { updatedAt: "desc" },
      take: 500,
      select: { id: true, title: true, kind: true, ownerOrgId: true, state: true },
    }),
  ]);
  return {
    themes: themes.map((theme) => ({ value: theme.code, label: theme.name })),
    policies: policies
      .filter((policy) => policy.state === "PUBLISHED" || can("resource.view", { orgId: policy.ownerOrgId }))
      .map((policy) => ({ value: policy.id, label: `【${kinds[policy.kind]}】${policy.title}` })),
    units: tree.all
      .filter((org) => org.active && can("resource.view", { orgId: org.id }))
      .map((org) => ({ value: org.id, label: org.name })),
  };
}
