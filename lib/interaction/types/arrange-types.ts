import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZMoveType, ZSetTypeActive, ZTypeStep } from "@/lib/interaction/types/schemas";
import { loadManagedSite, purgeTypePages, siteUnits } from "@/lib/interaction/types/site-scope";

// The site administrator's list of message types: their order (as the form and the home page
// list them), 停用/启用, and deletion of a type no letter was ever written under — a type with
// letters is only deactivated, so those letters keep their type.

type Context = Partial<RequestContext>;

const STALE = "该留言类型已被他人修改，请刷新页面后再操作。";

/** The site's types as the editor lists them, with the units they may name. */
export async function listTypesForAdmin(actor: Principal | null, siteId: string) {
  const { site } = await loadManagedSite(actor, siteId);
  const [types, units] = await Promise.all([
    getDb().interactionType.findMany({
      where: { siteId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      include: { _count: { select: { letters: true } } },
    }),
    siteUnits(site.orgId),
  ]);
  return {
    site,
    units,
    types: types.map(({ _count, ...type }) => ({
      ...type,
      letterCount: _count.letters,
      unitName: units.find((unit) => unit.id === type.unitId)?.name ?? "（已不属于本网站的单位）",
    })),
  };
}

async function loadType(tx: Tx, siteId: string, typeId: string, version: number) {
  const type = await tx.interactionType.findFirst({ where: { id: typeId, siteId } });
  if (!type) throw notFound();
  if (type.version !== version) throw conflict(STALE);
  return type;
}

export async function moveInteractionType(actor: Principal | null, input: unknown, context: Context = {}) {
  const { siteId, typeId, version, direction } = parseInput(ZMoveType, input);
  const { role } = await loadManagedSite(actor, siteId);
  return getDb().$transaction(async (tx) => {
    const type = await loadType(tx, siteId, typeId, version);
    const order = await tx.interactionType.findMany({
      where: { siteId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, name: true },
    });
    const at = order.findIndex((row) => row.id === typeId);
    const to = direction === "UP" ? at - 1 : at + 1;
    if (to < 0 || to >= order.length) throw conflict(direction === "UP" ? "已排在最前。" : "已排在最后。");
    const neighbour = order[to]!;
    [order[at], order[to]] = [order[to]!, order[at]!];
    for (const [position, row] of order.entries())
      await tx.interactionType.update({
        where: { id: row.id },
        data: { position, ...(row.id === typeId ? { version: { increment: 1 } } : {}) },
      });
    await purgeTypePages(tx, siteId);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.type.move",
      subject: `site:${siteId}`,
      data: {
        typeId,
        summary: `将留言类型“${type.name}”移到“${neighbour.name}”${direction === "UP" ? "之前" : "之后"}`,
      },
      ...context,
    });
    return { order: order.map((row) => row.id) };
  });
}

export async function setInteractionTypeActive(actor: Principal | null, input: unknown, context: Context = {}) {
  const { siteId, typeId, version, active } = parseInput(ZSetTypeActive, input);
  const { role, site } = await loadManagedSite(actor, siteId);
  return getDb().$transaction(async (tx) => {
    const type = await loadType(tx, siteId, typeId, version);
    if (type.active === active) throw conflict(active ? "该留言类型已启用。" : "该留言类型已停用。");
    if (active && !(await siteUnits(site.orgId)).some((unit) => unit.id === type.unitId))
      throw conflict("该类型的办理单位已不属于本网站，请先修改办理单位再启用。");
    const { count } = await tx.interactionType.updateMany({
      where: { id: typeId, version },
      data: { active, version: { increment: 1 } },
    });
    if (count === 0) throw conflict(STALE);
    await purgeTypePages(tx, siteId);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: active ? "interaction.type.activate" : "interaction.type.deactivate",
      subject: `site:${siteId}`,
      data: {
        typeId,
        summary: active
          ? `启用留言类型“${type.name}”`
          : `停用留言类型“${type.name}”（已收到的留言照常办理，公众不能再选择此类型）`,
      },
      ...context,
    });
    return { id: typeId, active };
  });
}

export async function deleteInteractionType(actor: Principal | null, input: unknown, context: Context = {}) {
  const { siteId, typeId, version } = parseInput(ZTypeStep, input);
  const { role } = await loadManagedSite(actor, siteId);
  return getDb().$transaction(async (tx) => {
    const type = await loadType(tx, siteId, typeId, version);
    const letters = await tx.letter.count({ where: { typeId } });
    if (letters > 0) throw conflict(`“${type.name}”已有 ${letters} 件留言，不能删除；不再受理此类留言请将其停用。`);
    // A letter written meanwhile holds the type (foreign key): then it stays.
    await tx.interactionType.delete({ where: { id: typeId } }).catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2003") throw conflict(`“${type.name}”已有留言，不能删除。`);
      throw error;
    });
    await purgeTypePages(tx, siteId);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.type.delete",
      subject: `site:${siteId}`,
      data: { typeId, summary: `删除留言类型“${type.name}”（地址代码 ${type.code}，尚无留言）` },
      ...context,
    });
    return { id: typeId };
  });
}
