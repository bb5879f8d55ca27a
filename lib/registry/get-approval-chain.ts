import { getDb } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/zh-CN";
import { roleLabel } from "@/lib/registry/decision-refusal";
import { getRegion } from "@/lib/registry/region";
import { APPROVER_ROLES, STEP_SCOPES, type StepScope } from "@/lib/registry/schemas";

const t = messages.newMedia;

export async function getApprovalChain(actor: Principal | null) {
  await assertCan(actor, "registry.configure", "platform");
  const steps = await getDb().registryApprovalStep.findMany({ orderBy: { position: "asc" } });
  return {
    steps: steps.map((step) => ({
      position: step.position,
      name: step.name,
      role: step.role,
      scope: step.scope as StepScope,
    })),
    region: await getRegion(),
    roles: APPROVER_ROLES.map((role) => ({ value: role, label: roleLabel(role) })),
    scopes: STEP_SCOPES.map((scope) => ({ value: scope, label: t.scopes[scope] })),
  };
}
