import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { Role, ResourceKind } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid, notFound } from "@/lib/errors";
import { parseInput, parseNestedInput } from "@/lib/validation/parse";
import type { Lexicon } from "@/lib/review/prechecks";
import { LEXICON_STATE_KEY, loadLexicon } from "@/lib/review/revision-checks";

// Configuration of review: workflows per host unit and kind (the platform default when none),
// the checks of the check stage, and the pre-check lexicon. Running reviews keep the stages
// they started with; a change applies to the next submission.

type Context = Partial<RequestContext>;
const blankToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

const ZStageInput = z
  .object({
    name: zText().trim().min(1, "请填写环节名称").max(40, "环节名称不超过 40 字"),
    type: z.enum(["ROLE_APPROVAL", "CHECKS", "DIRECT_RESPONSIBLE", "FIRST_RESPONSIBLE"], { message: "请选择环节类型" }),
    role: z.preprocess(blankToNull, z.enum(Role).nullable()),
    checks: z.array(zText()).default([]),
    condition: z.enum(["ALWAYS", "FLAGGED"]).default("ALWAYS"),
  })
  .refine((stage) => stage.type !== "ROLE_APPROVAL" || stage.role, {
    message: "“任一角色人员审核”须选择角色",
    path: ["role"],
  })
  .refine((stage) => stage.type !== "CHECKS" || stage.checks.length > 0, {
    message: "“审核关口”环节须至少选择一个关口",
    path: ["checks"],
  });

export const ZWorkflowInput = z.object({
  id: z.preprocess(blankToNull, z.uuid().nullable()),
  name: zText().trim().min(2, "请填写流程名称").max(60, "流程名称不超过 60 字"),
  orgId: z.preprocess(blankToNull, z.uuid().nullable()),
  kind: z.preprocess(blankToNull, z.enum(ResourceKind).nullable()),
  allowSameSigner: z.coerce.boolean().default(false),
  stages: z.array(ZStageInput).min(1, "至少需要一个审核环节").max(8, "审核环节不超过 8 个"),
});

/** Form fields `stages.N.name` … → the stage list (rows left without a type are dropped). */
export function stagesFromForm(form: Record<string, unknown>, checks: Record<string, string[]>): unknown[] {
  const stages: unknown[] = [];
  for (let index = 0; index < 8; index += 1) {
    const type = form[`stages.${index}.type`];
    if (!type) continue;
    stages.push({
      name: form[`stages.${index}.name`],
      type,
      role: form[`stages.${index}.role`],
      checks: checks[`stages.${index}.checks`] ?? [],
      condition: form[`stages.${index}.condition`] || "ALWAYS",
    });
  }
  return stages;
}

export async function listWorkflowConfig(actor: Principal | null) {
  assertHoldsRoleFor(actor, "workflow.manage");
  const db = getDb();
  const can = await createPermissionChecker(actor);
  const [workflows, checks, orgs] = await Promise.all([
    db.workflow.findMany({ include: { stages: { orderBy: { position: "asc" } } }, orderBy: [{ createdAt: "asc" }] }),
    db.reviewCheck.findMany({ orderBy: { position: "asc" } }),
    db.organization.findMany({
      where: { kind: { in: ["SUPERVISING", "HOST"] }, active: true },
      orderBy: { position: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  const orgName = new Map(orgs.map((org) => [org.id, org.name]));
  return {
    workflows: workflows
      .filter((workflow) =>
        workflow.orgId ? can("workflow.manage", { orgId: workflow.orgId }) : can("workflow.manage", "platform"),
      )
      .map((workflow) => ({ ...workflow, orgName: workflow.orgId ? (orgName.get(workflow.orgId) ?? "") : "平台默认" })),
    checks,
    orgs: orgs.filter((org) => can("workflow.manage", { orgId: org.id })),
  };
}

/** Creates or replaces a workflow (its stages are replaced as a whole). */
export async function saveWorkflow(actor: Principal | null, input: unknown, context: Context = {}) {
  const data = parseNestedInput(ZWorkflowInput, input);
  const role = await assertCan(actor, "workflow.manage", data.orgId ? { orgId: data.orgId } : "platform");
  if (!data.stages.some((stage) => stage.condition === "ALWAYS"))
    throw invalid("至少需要一个始终适用的审核环节。", { stages: ["至少一个环节须始终适用"] });
  const db = getDb();
  const known = new Set((await db.reviewCheck.findMany({ where: { active: true } })).map((check) => check.code));
  const unknown = data.stages.flatMap((stage) => stage.checks).find((check) => !known.has(check));
  if (unknown) throw invalid(`审核关口“${unknown}”不存在。`);
  if (data.orgId && !(await db.organization.findUnique({ where: { id: data.orgId } })))
    throw invalid("所选单位不存在。");
  const stages = data.stages.map((stage, position) => ({
    ...stage,
    position,
    role: stage.type === "ROLE_APPROVAL" ? stage.role : null,
    checks: stage.type === "CHECKS" ? stage.checks : [],
  }));
  return db.$transaction(async (tx) => {
    const before = data.id ? await tx.workflow.findUnique({ where: { id: data.id }, include: { stages: true } }) : null;
    if (data.id && !before) throw notFound();
    if (before && (before.orgId !== data.orgId || before.kind !== data.kind))
      throw invalid("已有流程不能改变适用单位和稿件类型，请新建流程。");
    const clash = await tx.workflow.findFirst({
      where: { orgId: data.orgId, kind: data.kind, id: data.id ? { not: data.id } : undefined },
    });
    if (clash) throw conflict(`该单位的此类稿件已配置流程“${clash.name}”，请直接修改。`);
    const workflow = before
      ? await tx.workflow.update({
          where: { id: before.id },
          data: { name: data.name, allowSameSigner: data.allowSameSigner, updatedAt: new Date() },
        })
      : await tx.workflow.create({
          data: { name: data.name, orgId: data.orgId, kind: data.kind, allowSameSigner: data.allowSameSigner },
        });
    await tx.workflowStage.deleteMany({ where: { workflowId: workflow.id } });
    await tx.workflowStage.createMany({ data: stages.map((stage) => ({ workflowId: workflow.id, ...stage })) });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: before ? "workflow.update" : "workflow.create",
      subject: `workflow:${workflow.id}`,
      data: {
        before: before
          ? {
              name: before.name,
              allowSameSigner: before.allowSameSigner,
              stages: before.stages.map(({ name, type, role, checks, condition }) => ({
                name,
                type,
                role,
                checks,
                condition,
              })),
            }
          : null,
        after: {
          name: data.name,
          orgId: data.orgId,
          kind: data.kind,
          allowSameSigner: data.allowSameSigner,
          stages: data.stages,
        },
      },
      ...context,
    });
    return workflow;
  });
}

const ZCheck = z.object({
  code: zText()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,30}$/, "编码为小写英文字母、数字或下划线"),
  name: zText().trim().min(2, "名称至少 2 个字").max(20, "名称不超过 20 字"),
});

/** Adds a check or renames one (编码 stays: memberships and sign-offs refer to it). */
export async function saveCheck(actor: Principal | null, input: unknown, context: Context = {}) {
  const role = await assertCan(actor, "workflow.manage", "platform");
  const request = parseInput(ZCheck, input);
  return getDb().$transaction(async (tx) => {
    const before = await tx.reviewCheck.findUnique({ where: { code: request.code } });
    const position = before?.position ?? (await tx.reviewCheck.count()) + 1;
    const check = await tx.reviewCheck.upsert({
      where: { code: request.code },
      create: { ...request, position },
      update: { name: request.name },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: before ? "review.check.rename" : "review.check.create",
      subject: `check:${check.code}`,
      data: { before: before ? { name: before.name } : null, after: request },
      ...context,
    });
    return check;
  });
}

// ── Lexicon: one entry per line. Sensitive words "词语" or "词语|warn"; terms "错误|正确|说明". ──

export function lexiconToText(lexicon: Lexicon): { sensitive: string; terms: string } {
  return {
    sensitive: lexicon.sensitive
      .map((entry) => (entry.level === "block" ? entry.word : `${entry.word}|warn`))
      .join("\n"),
    terms: lexicon.terms.map((term) => [term.wrong, term.right, term.note].filter(Boolean).join("|")).join("\n"),
  };
}

export function parseLexiconText(input: { sensitive: string; terms: string }): Lexicon {
  const lines = (text: string) =>
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  const sensitive = lines(input.sensitive).map((line, index) => {
    const [word, level = "block"] = line.split("|").map((part) => part.trim());
    if (!word || (level !== "block" && level !== "warn"))
      throw invalid(`敏感词第 ${index + 1} 行格式不正确：应为“词语”或“词语|warn”。`, {
        sensitive: [`第 ${index + 1} 行格式不正确`],
      });
    return { word, level: level as "block" | "warn" };
  });
  const terms = lines(input.terms).map((line, index) => {
    const [wrong, right, note] = line.split("|").map((part) => part.trim());
    if (!wrong || !right)
      throw invalid(`规范用语第 ${index + 1} 行格式不正确：应为“错误写法|正确写法|说明（可选）”。`, {
        terms: [`第 ${index + 1} 行格式不正确`],
      });
    return note ? { wrong, right, note } : { wrong, right };
  });
  return { sensitive, terms };
}

export async function getLexiconConfig(actor: Principal | null) {
  await assertCan(actor, "lexicon.manage", "platform");
  const stored = await getDb().platformState.findUnique({ where: { key: LEXICON_STATE_KEY } });
  return { ...lexiconToText(await loadLexicon(getDb())), customised: Boolean(stored) };
}

export async function saveLexicon(
  actor: Principal | null,
  input: { sensitive?: unknown; terms?: unknown },
  context: Context = {},
) {
  const role = await assertCan(actor, "lexicon.manage", "platform");
  const lexicon = parseLexiconText({ sensitive: String(input.sensitive ?? ""), terms: String(input.terms ?? "") });
  return getDb().$transaction(async (tx) => {
    const before = await loadLexicon(tx);
    await tx.platformState.upsert({
      where: { key: LEXICON_STATE_KEY },
      create: { key: LEXICON_STATE_KEY, value: lexicon },
      update: { value: lexicon },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "review.lexicon.update",
      subject: "platform",
      data: {
        before: { sensitive: before.sensitive.length, terms: before.terms.length },
        after: { sensitive: lexicon.sensitive.length, terms: lexicon.terms.length },
      },
      ...context,
    });
    return lexicon;
  });
}
