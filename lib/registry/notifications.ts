import type { Tx } from "@/lib/db/client";
import type { ApplicationKind, NewMediaPlatform } from "@/lib/db/generated/client";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import type { ChainStep } from "@/lib/registry/schemas";

const t = messages.newMedia;

export function applicationLink(applicationId: string): string {
  return `/admin/registry/applications/${applicationId}`;
}

/** "沙坪坝区文旅委开设微信公众号“沙坪坝文旅”" — what a notification names. */
export function describeApplication(
  application: { kind: ApplicationKind; platform: NewMediaPlatform; data: unknown },
  orgName: string,
  accountName: string | null,
): string {
  const name = accountName ?? (application.data as { name?: unknown } | null)?.name;
  return `${orgName}${t.applicationKinds[application.kind]}${t.platforms[application.platform]}${typeof name === "string" && name ? `“${name}”` : "账号"}`;
}

/**
 * Everyone who may decide `step` of an application of `orgId`: active holders of the step's role
 * in the unit or a unit above it ("unit"), or in a root organization ("platform") — except the
 * submitter and those who decided an earlier step (decisionRefusal refuses both).
 */
async function stepApprovers(
  tx: Tx,
  step: ChainStep,
  lineage: string[],
  excluded: Iterable<string>,
): Promise<string[]> {
  const memberships = await tx.membership.findMany({
    where: {
      role: step.role,
      user: { active: true },
      org: step.scope === "platform" ? { parentId: null } : { id: { in: lineage } },
    },
    select: { userId: true },
  });
  const skip = new Set(excluded);
  return [...new Set(memberships.map((membership) => membership.userId))].filter((userId) => !skip.has(userId));
}

/** Tells the approvers of the application's step `position` that it waits for them (in the caller's transaction). */
export async function notifyStepApprovers(
  tx: Tx,
  application: { id: string; kind: ApplicationKind; platform: NewMediaPlatform; data: unknown; submittedById: string },
  chain: ChainStep[],
  position: number,
  context: { lineage: string[]; orgName: string; accountName: string | null; decidedBy: string[] },
): Promise<void> {
  const step = chain[position];
  if (!step) return;
  const users = await stepApprovers(tx, step, context.lineage, [application.submittedById, ...context.decidedBy]);
  await notify(
    tx,
    users,
    `待审批（${step.name}）：${describeApplication(application, context.orgName, context.accountName)}`,
    applicationLink(application.id),
  );
}
