import type { Db } from "@/lib/db/client";
import { emitEvent } from "@/lib/events/outbox";
import { chinaToday } from "@/lib/time/china";

// 有效期 pass with the calendar, and nothing is published when one begins or ends: once a day
// (lib/jobs/runner.ts, shortly after midnight China time, and at start for days no worker ran) the
// 答问 whose validity began or ended since the last sweep are announced on the outbox
// (qa.validity.changed). Its subscribers purge the portal pages that list them (column lists,
// home blocks, the sitemap), rewrite their search documents (an expired 答问 has none) and
// Meilisearch follows. Searches, lists and 智能问答 already filter on the day; the sweep makes the
// caches and the index agree.

export const QA_VALIDITY_SWEEP_KEY = "qa-validity-sweep";
/** How far back the first sweep looks, when no sweep has run yet. */
const FIRST_SWEEP_DAYS = 30;

const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

export async function sweepQaValidity(db: Db, now = new Date()): Promise<{ ended: number; began: number }> {
  const today = chinaToday(now);
  const state = await db.platformState.findUnique({ where: { key: QA_VALIDITY_SWEEP_KEY } });
  const last =
    (state?.value as { day?: string } | null)?.day ??
    chinaToday(new Date(now.getTime() - FIRST_SWEEP_DAYS * 86_400_000));
  if (last >= today) return { ended: 0, began: 0 };
  const live = { resource: { publications: { some: { withdrawnAt: null, supersededAt: null } } } };
  const [ended, began] = await Promise.all([
    // Valid on `last` (or before), no longer today.
    db.qaEntry.findMany({
      where: { ...live, validTo: { gte: dateOf(last), lt: dateOf(today) } },
      select: { resourceId: true },
    }),
    // Not yet valid on `last`, valid from today or earlier.
    db.qaEntry.findMany({
      where: { ...live, validFrom: { gt: dateOf(last), lte: dateOf(today) } },
      select: { resourceId: true },
    }),
  ]);
  const changes = [
    ...ended.map((entry) => ({ resourceId: entry.resourceId, change: "ended" })),
    ...began.map((entry) => ({ resourceId: entry.resourceId, change: "began" })),
  ];
  await db.$transaction(async (tx) => {
    for (const { resourceId, change } of changes)
      await emitEvent(tx, "qa.validity.changed", `resource:${resourceId}`, { resourceId, change, day: today });
    await tx.platformState.upsert({
      where: { key: QA_VALIDITY_SWEEP_KEY },
      create: { key: QA_VALIDITY_SWEEP_KEY, value: { day: today } },
      update: { value: { day: today } },
    });
  });
  return { ended: ended.length, began: began.length };
}
