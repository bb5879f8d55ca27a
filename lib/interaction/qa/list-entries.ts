import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation/parse";
import { chinaToday } from "@/lib/time/china";
import { dayOf, qaServeState } from "@/lib/interaction/qa/rules";
import { listQaThemes, themeNames } from "@/lib/interaction/qa/themes";

// The 答问库 back-office list: the entries of the units the actor works for, filtered by theme,
// 答复单位, state (未发布 / 使用中 / 未生效 / 已过期) and the 待复核 flag, flagged first.

export const QA_STATES = ["draft", "served", "pending", "expired"] as const;
export type QaState = (typeof QA_STATES)[number];

const blankAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const ZQaFilter = z.object({
  theme: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, "答问主题不正确")
      .optional(),
  ),
  unitId: z.preprocess(blankAsUndefined, z.uuid({ message: "答复单位不正确" }).optional()),
  state: z.preprocess(blankAsUndefined, z.enum(QA_STATES, { message: "状态不正确" }).optional()),
  flagged: z.preprocess(blankAsUndefined, z.enum(["1"]).optional()),
});
export type TQaFilter = z.output<typeof ZQaFilter>;

export async function listQaEntries(actor: Principal | null, input: unknown, now = new Date()) {
  assertHoldsRoleFor(actor, "qa.view");
  const filter = parseInput(ZQaFilter, input, "筛选条件不正确。");
  const can = await createPermissionChecker(actor);
  const where: Prisma.QaEntryWhereInput = {
    resource: { trashedAt: null },
    ...(filter.theme ? { themes: { has: filter.theme } } : {}),
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
    ...(filter.flagged ? { flaggedAt: { not: null } } : {}),
  };
  const [themes, rows] = await Promise.all([
    listQaThemes(),
    getDb().qaEntry.findMany({
      where,
      orderBy: [{ flaggedAt: { sort: "desc", nulls: "last" } }, { updatedAt: "desc" }],
      take: 500,
      select: {
        resourceId: true,
        origin: true,
        themes: true,
        validFrom: true,
        validTo: true,
        flaggedAt: true,
        flagReason: true,
        updatedAt: true,
        unit: { select: { id: true, name: true } },
        resource: {
          select: {
            title: true,
            ownerOrgId: true,
            state: true,
            publications: { where: { withdrawnAt: null, supersededAt: null }, select: { id: true }, take: 1 },
          },
        },
        _count: { select: { policies: true } },
      },
    }),
  ]);
  const today = chinaToday(now);
  const entries = rows
    .filter((row) => can("qa.view", { orgId: row.resource.ownerOrgId }))
    .map((row) => {
      const validity = { validFrom: dayOf(row.validFrom), validTo: dayOf(row.validTo) };
      const state: QaState = row.resource.publications.length ? qaServeState(validity, today) : "draft";
      return {
        id: row.resourceId,
        question: row.resource.title,
        resourceState: row.resource.state,
        origin: row.origin,
        themes: themeNames(row.themes, themes),
        unit: row.unit.name,
        ...validity,
        state,
        policies: row._count.policies,
        flaggedAt: row.flaggedAt,
        flagReason: row.flagReason,
        canConfirm: Boolean(row.flaggedAt) && can("qa.confirm", { orgId: row.resource.ownerOrgId }),
        updatedAt: row.updatedAt,
      };
    })
    .filter((entry) => !filter.state || entry.state === filter.state);
  const units = [...new Map(rows.map((row) => [row.unit.id, row.unit.name])).entries()].map(([value, label]) => ({
    value,
    label,
  }));
  return { filter, themes, units, entries };
}
