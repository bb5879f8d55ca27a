import { getDb } from "@/lib/db/client";
import type { InteractionType } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { parseInput } from "@/lib/validation/parse";
import { ZInteractionType } from "@/lib/interaction/types/schemas";
import { loadManagedSite, purgeTypePages, siteUnits } from "@/lib/interaction/types/site-scope";

// 留言类型 of a site, added and edited by its site administrator: name, address code, category,
// handling unit, limits, reply reviewer and whether the public form offers it. A form states the
// version it was rendered with, so two administrators never overwrite each other; the audit says
// in words what changed. Letters already received keep the limits in their clock (lib/interaction/limits.ts).

type Fields = Pick<
  InteractionType,
  | "name"
  | "code"
  | "category"
  | "description"
  | "unitId"
  | "acceptWorkingDays"
  | "replyWorkingDays"
  | "replyHours"
  | "maxWorkingDays"
  | "replyReviewer"
  | "publicForm"
>;

const STALE = "该留言类型已被他人修改，请刷新页面后再修改。";

function describe(fields: Fields, unitName: (id: string) => string): Record<string, string> {
  return {
    类型名称: fields.name,
    地址代码: fields.code,
    类别: messages.interaction.categories[fields.category],
    说明: fields.description,
    办理单位: unitName(fields.unitId),
    受理时限: `${fields.acceptWorkingDays} 个工作日`,
    答复时限: fields.replyHours ? `${fields.replyHours} 小时` : `${fields.replyWorkingDays} 个工作日`,
    延期后最长时限: fields.replyHours ? "不可延期" : `${fields.maxWorkingDays} 个工作日`,
    答复审核: messages.roles[fields.replyReviewer],
    写信页显示: fields.publicForm ? "显示" : "不显示",
  };
}

/** "答复时限：7 个工作日 → 5 个工作日；…": what an edit changed, as an auditor reads it. */
export function describeChanges(before: Record<string, string>, after: Record<string, string>): string {
  return Object.keys(after)
    .filter((key) => before[key] !== after[key])
    .map((key) => `${key}：${before[key]} → ${after[key]}`)
    .join("；");
}

export async function saveInteractionType(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
) {
  const { siteId, typeId, version, replyUnit, replyLimit, ...form } = parseInput(ZInteractionType, input);
  const { site, role } = await loadManagedSite(actor, siteId);
  const units = await siteUnits(site.orgId);
  if (!units.some((unit) => unit.id === form.unitId))
    throw invalid("办理单位须为本网站主办单位或其下属单位。", { unitId: ["请选择本单位或下属单位"] });
  const unitName = (id: string) => units.find((unit) => unit.id === id)?.name ?? id;
  const fields: Fields = {
    ...form,
    replyWorkingDays: replyUnit === "WORKING_DAYS" ? replyLimit : null,
    replyHours: replyUnit === "HOURS" ? replyLimit : null,
  };
  return getDb().$transaction(async (tx) => {
    const types = await tx.interactionType.findMany({ where: { siteId }, orderBy: { position: "asc" } });
    const existing = typeId ? types.find((type) => type.id === typeId) : undefined;
    if (typeId && !existing) throw notFound();
    if (existing && version !== existing.version) throw conflict(STALE);
    const taken = types.find((type) => type.code === fields.code && type.id !== typeId);
    if (taken) {
      const message = `本网站的“${taken.name}”已使用地址代码“${fields.code}”。`;
      throw invalid(message, { code: ["地址代码重复"] });
    }
    const after = describe(fields, unitName);
    let saved: InteractionType;
    let words: string;
    if (existing) {
      const { count } = await tx.interactionType.updateMany({
        where: { id: existing.id, version: existing.version },
        data: { ...fields, version: { increment: 1 } },
      });
      if (count === 0) throw conflict(STALE);
      saved = await tx.interactionType.findUniqueOrThrow({ where: { id: existing.id } });
      const changes = describeChanges(describe(existing, unitName), after);
      words = changes ? `修改留言类型“${existing.name}”：${changes}` : `保存留言类型“${existing.name}”（无改动）`;
    } else {
      const position = types.reduce((max, type) => Math.max(max, type.position + 1), 0);
      saved = await tx.interactionType.create({ data: { siteId, position, ...fields } });
      words = `新增留言类型“${fields.name}”：${Object.entries(after)
        .map(([key, value]) => `${key}：${value}`)
        .join("；")}`;
    }
    await purgeTypePages(tx, siteId);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: existing ? "interaction.type.update" : "interaction.type.create",
      subject: `site:${siteId}`,
      data: { typeId: saved.id, summary: words },
      ...context,
    });
    return saved;
  });
}
