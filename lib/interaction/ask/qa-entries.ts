import type { Db } from "@/lib/db/client";
import { chinaToday } from "@/lib/time/china";
import { dayOf, isQaInForce } from "@/lib/interaction/qa/rules";

// What the 答问库 (lib/interaction/qa) says of the Q&A entries a question retrieved: whether each
// is in force today (有效期, China calendar days: an expired or not yet valid entry never answers)
// and its linked policies that the public may read (published).

export type EntryFacts = { inForce: boolean; policies: { id: string; title: string }[] };

export async function qaEntryFacts(db: Db, resourceIds: string[], now: Date): Promise<Map<string, EntryFacts>> {
  if (resourceIds.length === 0) return new Map();
  const today = chinaToday(now);
  const rows = await db.qaEntry.findMany({
    where: { resourceId: { in: resourceIds } },
    select: {
      resourceId: true,
      validFrom: true,
      validTo: true,
      policies: {
        orderBy: { position: "asc" },
        select: {
          policy: {
            select: {
              id: true,
              title: true,
              publications: { where: { withdrawnAt: null, supersededAt: null }, select: { id: true }, take: 1 },
            },
          },
        },
      },
    },
  });
  return new Map(
    rows.map((row) => [
      row.resourceId,
      {
        inForce: isQaInForce({ validFrom: dayOf(row.validFrom), validTo: dayOf(row.validTo) }, today),
        policies: row.policies
          .filter(({ policy }) => policy.publications.length > 0)
          .map(({ policy }) => ({ id: policy.id, title: policy.title })),
      },
    ]),
  );
}
