import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { invalid, notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { messages } from "@/lib/i18n/zh-CN";
import { actOnSite } from "@/lib/reports/reprint/access";
import { describeRemaining } from "@/lib/reports/reprint/clock";
import { itemStanding, reprintFigures } from "@/lib/reports/reprint/figures";

// 待转载: the queue of the sites the actor works for, most urgent first (pending items by due
// time, then what was done, newest first), with each clock in words and the site's figures.

const t = messages.reprint;
const STATES = ["PENDING", "TAKEN", "IGNORED"] as const;
const optionalId = z
  .union([z.uuid(), z.literal("")], { message: "筛选条件不正确" })
  .optional()
  .transform((value) => value || undefined);

const ZQueueFilter = z.object({
  siteId: optionalId,
  sourceId: optionalId,
  state: z
    .union([z.enum(STATES), z.literal("")], { message: "状态不正确" })
    .optional()
    .transform((value) => value || undefined),
});
export type TQueueFilter = z.input<typeof ZQueueFilter>;

const LIMIT = 300;

async function visibleSites(actor: Principal) {
  const sites = await getDb().site.findMany({
    orderBy: { position: "asc" },
    select: {
      id: true,
      name: true,
      orgId: true,
      reprintColumnId: true,
      columns: { select: { id: true, name: true, kind: true } },
    },
  });
  const visible = [];
  for (const site of sites) {
    try {
      await actOnSite(actor, "reprint.view", site.orgId);
      visible.push(site);
    } catch {
      // not this actor's site
    }
  }
  return visible;
}

export async function listReprintQueue(actor: Principal | null, filter: unknown, now: Date = new Date()) {
  if (!actor) throw unauthenticated();
  const { siteId, sourceId, state } = parseInput(ZQueueFilter, filter);
  const sites = await visibleSites(actor);
  if (siteId && !sites.some((site) => site.id === siteId)) throw notFound();
  const siteIds = siteId ? [siteId] : sites.map((site) => site.id);
  const db = getDb();
  const scope: Prisma.ReprintItemWhereInput = { siteId: { in: siteIds }, ...(sourceId ? { entry: { sourceId } } : {}) };
  const [items, all, sources] = await Promise.all([
    db.reprintItem.findMany({
      where: { ...scope, ...(state ? { state } : {}) },
      include: {
        entry: { include: { source: { select: { id: true, name: true } } } },
        site: { select: { id: true, name: true } },
      },
      orderBy: [{ state: "asc" }, { dueAt: "asc" }],
      take: LIMIT,
    }),
    db.reprintItem.findMany({
      where: scope,
      select: { state: true, dueAt: true, deadlineAt: true, publishedAt: true },
    }),
    db.reprintSource.findMany({
      where: { subscriptions: { some: { siteId: { in: siteIds } } } },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  const takers = await db.user.findMany({
    where: {
      id: { in: items.flatMap((item) => [item.takenById, item.ignoredById]).filter((id): id is string => !!id) },
    },
    select: { id: true, displayName: true },
  });
  const nameOf = new Map(takers.map((user) => [user.id, user.displayName]));
  const rank = (item: (typeof items)[number]) => (item.state === "PENDING" ? 0 : 1);
  const rows = items
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (rank(a) === 0
          ? a.dueAt.getTime() - b.dueAt.getTime()
          : (b.takenAt ?? b.ignoredAt ?? b.createdAt).getTime() - (a.takenAt ?? a.ignoredAt ?? a.createdAt).getTime()),
    )
    .map((item) => {
      const standing = itemStanding(item, now);
      return {
        id: item.id,
        version: item.version,
        state: item.state,
        title: item.entry.title,
        link: item.entry.link,
        sourceName: item.entry.source.name,
        siteId: item.site.id,
        siteName: item.site.name,
        originPublishedAt: item.entry.publishedAt,
        clockStart: item.entry.clockStart,
        dueAt: item.dueAt,
        deadlineAt: item.deadlineAt,
        standing,
        remaining:
          item.state === "PENDING" || (item.state === "TAKEN" && !item.publishedAt)
            ? describeRemaining(item.dueAt, now)
            : "",
        takenAt: item.takenAt,
        takenBy: item.takenById ? (nameOf.get(item.takenById) ?? "") : "",
        publishedAt: item.publishedAt,
        resourceId: item.resourceId,
        ignoreReason: item.ignoreReason,
      };
    });
  const checks = await Promise.all(sites.map((site) => can(actor, "site.manage", { orgId: site.orgId })));
  return {
    rows,
    figures: reprintFigures(all, now),
    sites: sites.map((site, index) => ({
      id: site.id,
      name: site.name,
      reprintColumnId: site.reprintColumnId,
      mayConfigure: checks[index]!,
      columns: site.columns.filter((column) => column.kind === "LIST").map(({ id, name }) => ({ id, name })),
    })),
    sources,
    filter: { siteId, sourceId, state },
  };
}

const ZColumnSetting = z.object({
  siteId: z.uuid("网站不正确"),
  columnId: optionalId,
});

/** The site's administrator chooses the column reprints go to (or none). */
export async function setReprintColumn(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  if (!actor) throw unauthenticated();
  const { siteId, columnId } = parseInput(ZColumnSetting, input);
  const db = getDb();
  const site = await db.site.findUnique({ where: { id: siteId }, select: { id: true, name: true, orgId: true } });
  if (!site) throw notFound();
  await actOnSite(actor, "reprint.view", site.orgId);
  const role = await assertCan(actor, "site.manage", { orgId: site.orgId });
  await db.$transaction(async (tx) => {
    if (columnId) {
      const column = await tx.column.findFirst({ where: { id: columnId, siteId, kind: "LIST" } });
      if (!column) throw invalid(t.columnSetting.notOnSite, { columnId: [t.columnSetting.notOnSite] });
    }
    await tx.site.update({ where: { id: siteId }, data: { reprintColumnId: columnId ?? null } });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "reprint.column.set",
      subject: `site:${siteId}`,
      data: { site: site.name, columnId: columnId ?? null },
      ...context,
    });
  });
}
