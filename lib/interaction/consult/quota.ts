import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { forbidden, notFound } from "@/lib/errors";
import { chinaDayStart, chinaParts } from "@/lib/time/china";
import { parseInput } from "@/lib/validation/parse";
import { ZSetQuota } from "@/lib/interaction/consult/schemas";

// The yearly 征集调查 quota (seed 004: at least 6 a year for a city or county portal, 3 for a
// department site; the number is each site's own setting, set by the supervising unit). An activity
// counts once its 征集结果反馈 is published, in the year (China time) the activity closed. From
// October on, a site behind its quota is flagged, while there is still a quarter to catch up.

export type QuotaRow = {
  siteId: string;
  siteName: string;
  quota: number;
  done: number;
  missing: number;
  /** Q4 and behind. */
  warning: boolean;
  canSet: boolean;
};

/** A pure check, for the pages and the tests: is a site behind in the fourth quarter? */
export function isBehindInQ4(done: number, quota: number, now: Date): boolean {
  return chinaParts(now).month >= 10 && done < quota;
}

/** Counts of done activities per site for the China year of `now`, for the sites the actor may see. */
export async function getQuotaOverview(actor: Principal | null, now: Date = new Date()) {
  const db = getDb();
  const year = chinaParts(now).year;
  const from = chinaDayStart(`${year}-01-01`);
  const to = chinaDayStart(`${year + 1}-01-01`);
  const sites = await db.site.findMany({
    orderBy: { position: "asc" },
    select: { id: true, name: true, orgId: true, consultationQuota: true },
  });
  const visible = [];
  for (const site of sites)
    if (await can(actor, "consultation.quota.view", { orgId: site.orgId }))
      visible.push({ ...site, canSet: await can(actor, "consultation.quota.set", { orgId: site.orgId }) });
  if (!visible.length) throw forbidden();
  const done = await db.consultation.groupBy({
    by: ["siteId"],
    where: {
      siteId: { in: visible.map((site) => site.id) },
      state: "PUBLISHED",
      closesAt: { gte: from, lt: to },
      feedbackResource: { publications: { some: { withdrawnAt: null } } },
    },
    _count: { _all: true },
  });
  const doneOf = new Map(done.map((row) => [row.siteId, row._count._all]));
  const rows: QuotaRow[] = visible.map((site) => {
    const count = doneOf.get(site.id) ?? 0;
    return {
      siteId: site.id,
      siteName: site.name,
      quota: site.consultationQuota,
      done: count,
      missing: Math.max(0, site.consultationQuota - count),
      warning: isBehindInQ4(count, site.consultationQuota, now),
      canSet: site.canSet,
    };
  });
  return { year, rows };
}

export async function setConsultationQuota(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
) {
  const { siteId, quota } = parseInput(ZSetQuota, input);
  const db = getDb();
  const site = await db.site.findUnique({ where: { id: siteId } });
  if (!site || !(await can(actor, "consultation.quota.view", { orgId: site.orgId }))) throw notFound();
  const role = await assertCan(actor, "consultation.quota.set", { orgId: site.orgId });
  await db.$transaction(async (tx) => {
    await tx.site.update({ where: { id: site.id }, data: { consultationQuota: quota } });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.consultation.quota",
      subject: `site:${site.id}`,
      data: { site: site.name, quota: { before: site.consultationQuota, after: quota } },
      ...context,
    });
  });
}
