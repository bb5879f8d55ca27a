import { getDb, type Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { chinaDay } from "@/lib/calendar/working-days";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { MATRIX_CACHE_TAG } from "@/lib/registry/schemas";

/** 公告期满后及时注销: accounts whose cancellation takes effect today or earlier become 已注销. */
export async function completeDueCancellations(db: Db = getDb(), now = new Date()): Promise<number> {
  const today = new Date(`${chinaDay(now)}T00:00:00Z`);
  const due = await db.newMediaAccount.findMany({
    where: { status: "CANCELLING", cancelEffectiveOn: { lte: today } },
    select: { id: true, name: true, cancelEffectiveOn: true },
  });
  let done = 0;
  for (const account of due) {
    const changed = await db.$transaction(async (tx) => {
      const updated = await tx.newMediaAccount.updateMany({
        where: { id: account.id, status: "CANCELLING" },
        data: { status: "CANCELLED", cancelledAt: now },
      });
      if (updated.count === 0) return false;
      await announcePortalChange(tx, [MATRIX_CACHE_TAG]);
      await recordAudit(tx, {
        actorId: null,
        action: "registry.account.cancelled",
        subject: `new-media-account:${account.id}`,
        data: { name: account.name, effectiveOn: account.cancelEffectiveOn!.toISOString().slice(0, 10) },
      });
      return true;
    });
    if (changed) done += 1;
  }
  return done;
}
