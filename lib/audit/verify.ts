import type { Db } from "@/lib/db/client";
import { GENESIS_HASH, hashAuditEvent } from "@/lib/audit/record";

// Walks the audit chain in order and recomputes every hash. Any changed, inserted or removed
// event breaks the chain at (or right after) the tampered row.

export type ChainBreak = { seq: bigint; reason: "hash_mismatch" | "prev_hash_mismatch" };
export type ChainReport = { checked: number; firstBreak: ChainBreak | null };

export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainReport> {
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let after: bigint | null = null;
  for (;;) {
    const events: Awaited<ReturnType<typeof db.auditEvent.findMany>> = await db.auditEvent.findMany({
      where: after === null ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (events.length === 0) return { checked, firstBreak: null };
    for (const event of events) {
      if (event.prevHash !== expectedPrev) return { checked, firstBreak: { seq: event.seq, reason: "prev_hash_mismatch" } };
      const recomputed = hashAuditEvent(event.prevHash, {
        at: event.at,
        actorId: event.actorId,
        role: event.role,
        action: event.action,
        subject: event.subject,
        data: event.data as Record<string, unknown>,
        ip: event.ip,
        userAgent: event.userAgent,
      });
      if (recomputed !== event.hash) return { checked, firstBreak: { seq: event.seq, reason: "hash_mismatch" } };
      expectedPrev = event.hash;
      checked += 1;
    }
    after = events[events.length - 1]!.seq;
  }
}
