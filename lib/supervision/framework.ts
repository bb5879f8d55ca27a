import { z } from "zod";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, assertHoldsRoleFor, type Principal } from "@/lib/auth/permissions";
import { conflict, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { NATIONAL_FRAMEWORK } from "@/lib/supervision/national-framework";
import { BONUS_CAP, FULL_MARKS } from "@/lib/supervision/scoring";

// The indicator framework as data the supervising unit keeps: seeded once with the national lines,
// then edited (points, wording, which monitor checks measure a line, active or not). A part never
// adds up to more than its marks: 扣分 100 and 加分 30 per target.

/** Seeds the national framework when the table is empty; returns how many lines were written. */
export async function ensureFramework(db: Db | Tx): Promise<number> {
  if ((await db.supervisionIndicator.count()) > 0) return 0;
  const { count } = await db.supervisionIndicator.createMany({
    data: NATIONAL_FRAMEWORK.map((line, position) => ({ ...line, position })),
    skipDuplicates: true,
  });
  return count;
}

export async function listFramework(actor: Principal | null) {
  assertHoldsRoleFor(actor, "supervision.scores.view");
  const db = getDb();
  await ensureFramework(db);
  return db.supervisionIndicator.findMany({ orderBy: [{ target: "asc" }, { position: "asc" }] });
}

const blankToEmpty = (value: unknown) => (typeof value === "string" ? value.trim() : value);

export const ZSaveIndicator = z.object({
  id: z.uuid({ error: "请选择要修改的指标。" }),
  version: z.coerce.number().int(),
  name: z.preprocess(blankToEmpty, z.string().min(1, { error: "请填写指标名称。" }).max(60)),
  category: z.preprocess(blankToEmpty, z.string().min(1, { error: "请填写一级指标。" }).max(30)),
  rule: z.preprocess(blankToEmpty, z.string().min(1, { error: "请填写评分细则。" }).max(600)),
  points: z.coerce
    .number({ error: "分值应为整数。" })
    .int({ error: "分值应为整数。" })
    .min(0, { error: "分值不能为负数。" })
    .max(FULL_MARKS, { error: "分值不能超过 100。" }),
  checkNames: z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(/[\s,，、]+/)
            .map((name) => name.trim())
            .filter(Boolean)
        : value,
    z.array(z.string().regex(/^(site|account)\.[a-z-]+$/, { error: "监测项名称格式不正确。" })).max(8),
  ),
  active: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
});

/** Changes one line of the framework; refuses a part that would exceed its marks. */
export async function saveIndicator(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const role = await assertCan(actor, "supervision.framework.manage", "platform");
  const form = parseInput(ZSaveIndicator, input);
  return getDb().$transaction(async (tx) => {
    const before = await tx.supervisionIndicator.findUnique({ where: { id: form.id } });
    if (!before) throw notFound();
    if (before.version !== form.version) throw conflict("该指标已被他人修改，请刷新页面后再操作。");
    if (before.part === "VETO" && form.points !== 0) throw invalid("单项否决指标不计分值。", { points: ["应为 0"] });
    const siblings = await tx.supervisionIndicator.findMany({
      where: { target: before.target, part: before.part, active: true, id: { not: before.id } },
      select: { points: true },
    });
    const total = siblings.reduce((sum, line) => sum + line.points, 0) + (form.active ? form.points : 0);
    const cap = before.part === "BONUS" ? BONUS_CAP : FULL_MARKS;
    if (before.part !== "VETO" && total > cap)
      throw invalid(`${before.part === "BONUS" ? "加分" : "扣分"}指标合计 ${total} 分，超过满分 ${cap} 分。`, {
        points: [`合计不能超过 ${cap} 分`],
      });
    const { count } = await tx.supervisionIndicator.updateMany({
      where: { id: before.id, version: form.version },
      data: {
        name: form.name,
        category: form.category,
        rule: form.rule,
        points: form.points,
        checkNames: form.checkNames,
        active: form.active,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw conflict("该指标已被他人修改，请刷新页面后再操作。");
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "supervision.indicator.update",
      subject: `indicator:${before.id}`,
      data: {
        code: before.code,
        before: { name: before.name, points: before.points, checkNames: before.checkNames, active: before.active },
        after: { name: form.name, points: form.points, checkNames: form.checkNames, active: form.active },
      },
      ...context,
    });
    return { id: before.id };
  });
}
