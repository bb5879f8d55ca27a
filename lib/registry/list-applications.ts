import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/zh-CN";
import { getOrgTree } from "@/lib/org/tree";
import { decisionRefusal } from "@/lib/registry/decision-refusal";
import { readChain } from "@/lib/registry/schemas";

const t = messages.newMedia;

export type ApplicationBox = "todo" | "unit";

/** 待我审批 (applications whose current step the actor may decide) or 本单位申请 (all the actor may see). */
export async function listApplications(actor: Principal | null, box: ApplicationBox = "unit", take = 200) {
  assertHoldsRoleFor(actor, "registry.view");
  const db = getDb();
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const rows = await db.accountApplication.findMany({
    where: box === "todo" ? { status: "PENDING" } : {},
    orderBy: { submittedAt: box === "todo" ? "asc" : "desc" },
    include: {
      org: { select: { name: true } },
      submittedBy: { select: { displayName: true } },
      decisions: { select: { userId: true } },
    },
    take: 2000,
  });
  const items = [];
  for (const row of rows) {
    const chain = readChain(row.chain);
    if (box === "todo") {
      if (decisionRefusal(actor!, { ...row, orgName: row.org.name }, chain, tree.lineage(row.orgId)) !== null) continue;
    } else if (!can("registry.view", { orgId: row.orgId })) continue;
    items.push({
      id: row.id,
      kind: row.kind,
      kindLabel: t.applicationKinds[row.kind],
      unit: row.org.name,
      platform: t.platforms[row.platform],
      accountName: (row.data as { name?: string }).name ?? null,
      accountId: row.accountId,
      status: row.status,
      statusLabel: t.applicationStatus[row.status],
      currentStepName: row.status === "PENDING" ? (chain[row.currentStep]?.name ?? null) : null,
      submittedBy: row.submittedBy.displayName,
      submittedAt: row.submittedAt,
    });
    if (items.length >= take) break;
  }
  return items;
}
