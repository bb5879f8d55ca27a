import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { ZChain, type Context } from "@/lib/registry/schemas";

/** Replaces the chain (reorder, add, remove). Applications under way keep the chain they were submitted with. */
export async function saveApprovalChain(actor: Principal | null, input: unknown, context: Context = {}) {
  const role = await assertCan(actor, "registry.configure", "platform");
  // Not parseInput: the message names the failing row (第 N 个环节), which a zod message cannot know.
  const parsed = z.object({ steps: ZChain }).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = typeof issue.path[1] === "number" ? `第 ${issue.path[1] + 1} 个环节：` : "";
    throw invalid(`${where}${issue.message}`, { steps: [`${where}${issue.message}`] });
  }
  const steps = parsed.data.steps;
  const names = steps.map((step) => step.name);
  if (new Set(names).size !== names.length) throw invalid("环节名称不能重复。", { steps: ["环节名称不能重复。"] });
  return getDb().$transaction(async (tx) => {
    const before = await tx.registryApprovalStep.findMany({ orderBy: { position: "asc" } });
    await tx.registryApprovalStep.deleteMany({});
    await tx.registryApprovalStep.createMany({ data: steps.map((step, position) => ({ position, ...step })) });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "registry.chain.update",
      subject: "registry:chain",
      data: { before: before.map(({ name, role, scope }) => ({ name, role, scope })), after: steps },
      ...context,
    });
    return steps;
  });
}
