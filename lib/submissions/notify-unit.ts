import type { Tx } from "@/lib/db/client";
import { notify } from "@/lib/org/notifications";
import { loadOrgTree } from "@/lib/org/tree";

// What the desk decided reaches the submitting unit's 信息员 and 信息主管 (seed 004: items go
// 供稿科室 → 信息员 → 信息主管 → the portal), not only the person who pressed 报送: they answer
// for the unit's submissions and its quota. Written in the transaction of the decision.

const RECIPIENT_ROLES = ["INFO_OFFICER", "INFO_SUPERVISOR"] as const;

export async function notifySubmittingUnit(
  tx: Tx,
  submission: { id: string; fromOrgId: string; submittedById: string },
  title: string,
): Promise<void> {
  const tree = await loadOrgTree(tx);
  const members = await tx.membership.findMany({
    where: {
      orgId: { in: [submission.fromOrgId, ...tree.descendants(submission.fromOrgId)] },
      role: { in: [...RECIPIENT_ROLES] },
      user: { active: true },
    },
    select: { userId: true },
  });
  await notify(
    tx,
    [submission.submittedById, ...members.map((member) => member.userId)],
    title,
    `/admin/submissions/${submission.id}`,
  );
}
