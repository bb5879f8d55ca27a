import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";

// Whether a site's desk takes submissions (来稿) from other units: its administrator decides.
// Pending submissions stay pending when it stops; only new ones are refused.

type Context = Partial<RequestContext>;

const ZAcceptSetting = z.object({
  siteId: z.uuid("网站不正确"),
  accepts: z.enum(["true", "false"], "请选择是否接收报送").transform((value) => value === "true"),
});

export async function setAcceptsSubmissions(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { siteId, accepts } = parseInput(ZAcceptSetting, input);
  const site = await getDb().site.findUnique({ where: { id: siteId }, select: { id: true, name: true, orgId: true } });
  if (!site) throw notFound();
  const role = await assertCan(actor, "site.manage", { orgId: site.orgId });
  return getDb().$transaction(async (tx) => {
    const before = await tx.site.findUniqueOrThrow({ where: { id: site.id }, select: { acceptsSubmissions: true } });
    const updated = await tx.site.update({ where: { id: site.id }, data: { acceptsSubmissions: accepts } });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "submission.accept.set",
      subject: `site:${site.id}`,
      data: {
        site: site.name,
        before: { acceptsSubmissions: before.acceptsSubmissions },
        after: { acceptsSubmissions: accepts },
      },
      ...context,
    });
    return updated;
  });
}
