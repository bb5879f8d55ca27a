import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { invalid, notFound, unauthenticated } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { getOrgTree } from "@/lib/org/tree";
import { parseInput } from "@/lib/validation/parse";
import { receivingSites, submittersBySite } from "@/lib/statistics/receivers";
import { defaultQuota } from "@/lib/statistics/quotas";

// 设置每月报送任务: the receiving site's administrator (or the supervising unit) sets how many items
// a unit submitting to that site must submit each month. Audited with the quota it replaces.

const s = messages.statistics.quotas.set;

export const ZSetQuota = z.object({
  siteId: z.uuid("接收网站不正确"),
  orgId: z.uuid("单位不正确"),
  monthly: z.coerce.number({ error: s.invalid }).int(s.invalid).min(0, s.invalid).max(500, s.invalid),
});
export type TSetQuota = z.input<typeof ZSetQuota>;

export async function setQuota(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  if (!actor) throw unauthenticated();
  const { siteId, orgId, monthly } = parseInput(ZSetQuota, input);
  const db = getDb();
  const site = (await receivingSites(db)).find((candidate) => candidate.id === siteId);
  if (!site) throw notFound();
  const role = await assertCan(actor, "statistics.quota.manage", { orgId: site.orgId });
  const tree = await getOrgTree();
  const unit = (await submittersBySite(db, tree, [site])).get(site.id)?.find((row) => row.id === orgId);
  if (!unit) throw invalid(s.notSubmitter, { orgId: [s.notSubmitter] });
  return db.$transaction(async (tx) => {
    const previous = await tx.submissionQuota.findUnique({ where: { siteId_orgId: { siteId, orgId } } });
    await tx.submissionQuota.upsert({
      where: { siteId_orgId: { siteId, orgId } },
      create: { siteId, orgId, monthly, updatedById: actor.id },
      update: { monthly, updatedById: actor.id, updatedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "statistics.quota.set",
      subject: `site:${site.id}`,
      data: {
        site: site.name,
        org: unit.name,
        monthly,
        previousMonthly: previous?.monthly ?? defaultQuota(unit.name),
      },
      ...context,
    });
    return { message: s.saved(unit.name, monthly) };
  });
}
