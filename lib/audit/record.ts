import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { canonicalJson } from "@/lib/json/canonical";

// Append-only, hash-chained audit events (DESIGN invariant 4). Always written inside the same
// transaction as the change they describe. A transaction-scoped advisory lock serialises writers
// so that each event chains onto exactly one predecessor, and takes the next sequence number
// under the same lock: numbers have no gaps (a rolled-back writer gives its number back), so
// audit:verify can name every missing event (lib/audit/verify.ts).

export const GENESIS_HASH = "0".repeat(64);
const AUDIT_CHAIN_LOCK = 7_245_001;

export type AuditInput = {
  actorId: string | null;
  /** The role the actor acted in, as returned by assertCan. */
  role?: string | null;
  action: string;
  subject?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
};

export function hashAuditEvent(prevHash: string, event: AuditInput & { at: Date }): string {
  return createHash("sha256")
    .update(prevHash)
    .update(
      canonicalJson({
        at: event.at.toISOString(),
        actorId: event.actorId,
        role: event.role ?? undefined,
        action: event.action,
        subject: event.subject ?? null,
        data: event.data ?? {},
        ip: event.ip ?? null,
        userAgent: event.userAgent ?? null,
      }),
    )
    .digest("hex");
}

export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  await tx.auditEvent.create({
    data: {
      seq: (last?.seq ?? 0n) + 1n,
      at,
      actorId: input.actorId,
      role: input.role ?? null,
      action: input.action,
      subject: input.subject ?? null,
      data: (input.data ?? {}) as object,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
      prevHash,
      hash: hashAuditEvent(prevHash, { ...input, at }),
    },
  });
}

/**
 * Several events in one insert, chained in the order given, under the same lock as recordAudit: the
 * same events, with the same content, as that many recordAudit calls (the supervision monitors write
 * hundreds at a time). They share one time.
 */
export async function recordAudits(tx: Tx, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let prevHash = last?.hash ?? GENESIS_HASH;
  let seq = last?.seq ?? 0n;
  const at = new Date();
  const rows = inputs.map((input) => {
    seq += 1n;
    const hash = hashAuditEvent(prevHash, { ...input, at });
    const row = {
      seq,
      at,
      actorId: input.actorId,
      role: input.role ?? null,
      action: input.action,
      subject: input.subject ?? null,
      data: (input.data ?? {}) as object,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
      prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  await tx.auditEvent.createMany({ data: rows });
}

/** Events collected now and written together later (`flush`), in the order collected. */
export function auditBatch() {
  const pending: AuditInput[] = [];
  return {
    recordAudit(input: AuditInput) {
      pending.push(input);
    },
    get size() {
      return pending.length;
    },
    flush: (tx: Tx) => recordAudits(tx, pending.splice(0)),
  };
}
