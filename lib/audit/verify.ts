import type { KeyObject } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { GENESIS_HASH, hashAuditEvent } from "@/lib/audit/record";
import { isCheckpointSignatureValid, lineHash, type Checkpoint, type CheckpointLine } from "@/lib/audit/anchor";

// Walks the audit chain in order, recomputes every hash, checks that sequence numbers run without
// gaps, and holds the table against the signed checkpoints kept outside the database
// (lib/audit/anchor.ts). A changed event shows as a hash mismatch; a removed one as a gap; events
// removed from the end, or a change whose later hashes were all recomputed, as a checkpoint the
// table no longer matches. Problems are named in Chinese with the events' numbers.

export type ChainBreak = { seq: bigint; reason: "hash_mismatch" | "prev_hash_mismatch" };
export type ChainReport = { checked: number; firstBreak: ChainBreak | null };

export type AuditProblem = { message: string; seq?: bigint };
export type AuditReport = ChainReport & {
  /** Sequence number of the newest event in the table (0 when empty). */
  newestSeq: bigint;
  /** Checkpoints with a valid signature. */
  checkpoints: number;
  problems: AuditProblem[];
  warnings: string[];
};

/** Events up to this number were numbered before numbers became gap-free (set by the migration that made them so). */
export const GAP_FREE_STATE_KEY = "audit.gapFreeAfter";
const MAX_PROBLEMS = 100;

const span = (from: bigint, to: bigint) => (from === to ? `#${from}` : `#${from}–#${to}`);

function checkCheckpoints(
  lines: CheckpointLine[],
  publicKey: KeyObject | null,
  problems: AuditProblem[],
): Checkpoint[] {
  const valid: Checkpoint[] = [];
  let expectedN = 1;
  let previousText: string | null = null;
  for (const { line, text, checkpoint } of lines) {
    if (!checkpoint) {
      problems.push({ message: `检查点文件第 ${line} 行无法解析 (checkpoint file line ${line} is malformed)` });
      previousText = text;
      continue;
    }
    const signed = publicKey !== null && isCheckpointSignatureValid(checkpoint, publicKey);
    if (!signed)
      problems.push({ message: `检查点 #${checkpoint.n} 签名无效 (checkpoint #${checkpoint.n}: invalid signature)` });
    if (checkpoint.n > expectedN) {
      problems.push({
        message: `检查点 ${span(BigInt(expectedN), BigInt(checkpoint.n - 1))} 缺失 (checkpoints missing)`,
      });
    } else if (checkpoint.n < expectedN) {
      problems.push({
        message: `检查点 #${checkpoint.n} 编号重复或顺序被改动 (checkpoint #${checkpoint.n} repeated or out of order)`,
      });
    } else if (checkpoint.prev !== (previousText === null ? GENESIS_HASH : lineHash(previousText))) {
      problems.push({
        message: `检查点 #${checkpoint.n} 与前一检查点不衔接，其前的检查点被删除或改动 (checkpoint #${checkpoint.n} does not link to the one before)`,
      });
    }
    expectedN = checkpoint.n + 1;
    previousText = text;
    if (signed) valid.push(checkpoint);
  }
  return valid;
}

export async function verifyAudit(
  db: Db,
  options: { checkpoints?: CheckpointLine[]; publicKey?: KeyObject | null; batchSize?: number } = {},
): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  const warnings: string[] = [];
  const lines = options.checkpoints ?? [];
  if (lines.length && !options.publicKey)
    warnings.push("没有审计公钥，检查点签名无法验证 (no public key to verify checkpoints with)");
  const anchors = checkCheckpoints(lines, options.publicKey ?? null, problems);
  if (!anchors.length)
    warnings.push(
      "没有有效的检查点，链尾的删除无法发现 (no valid checkpoint: deletions at the end cannot be detected)",
    );
  const anchorsAt = new Map<bigint, Checkpoint[]>();
  for (const anchor of anchors)
    anchorsAt.set(BigInt(anchor.seq), [...(anchorsAt.get(BigInt(anchor.seq)) ?? []), anchor]);
  const newestAnchor = anchors.reduce<Checkpoint | null>(
    (best, anchor) => (!best || BigInt(anchor.seq) > BigInt(best.seq) ? anchor : best),
    null,
  );

  const gapState = await db.platformState.findUnique({ where: { key: GAP_FREE_STATE_KEY } });
  const gapFreeAfter = BigInt(Number(gapState?.value ?? 0));

  let firstBreak: ChainBreak | null = null;
  let expectedPrev = GENESIS_HASH;
  let previousSeq = 0n;
  let lastMatchedAnchorSeq = 0n;
  let checked = 0;
  for (;;) {
    const events: Awaited<ReturnType<typeof db.auditEvent.findMany>> = await db.auditEvent.findMany({
      where: { seq: { gt: previousSeq } },
      orderBy: { seq: "asc" },
      take: options.batchSize ?? 1000,
    });
    if (events.length === 0) break;
    for (const event of events) {
      let gap = false;
      if (event.seq !== previousSeq + 1n && event.seq - 1n > gapFreeAfter) {
        const from = previousSeq + 1n > gapFreeAfter ? previousSeq + 1n : gapFreeAfter + 1n;
        problems.push({ seq: from, message: `事件 ${span(from, event.seq - 1n)} 缺失 (events missing)` });
        gap = true;
      }
      if (event.prevHash !== expectedPrev) {
        firstBreak ??= { seq: event.seq, reason: "prev_hash_mismatch" };
        if (!gap)
          problems.push({
            seq: event.seq,
            message: `事件 #${event.seq} 的前一哈希不符，其前的事件被删除、插入或改动 (previous hash mismatch)`,
          });
      }
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
      if (recomputed !== event.hash) {
        firstBreak ??= { seq: event.seq, reason: "hash_mismatch" };
        problems.push({
          seq: event.seq,
          message: `事件 #${event.seq} 已被改动，哈希不符 (event changed: hash mismatch)`,
        });
      }
      for (const anchor of anchorsAt.get(event.seq) ?? []) {
        if (anchor.hash === event.hash) {
          lastMatchedAnchorSeq = event.seq;
        } else {
          problems.push({
            seq: event.seq,
            message:
              `事件 #${event.seq} 与检查点 #${anchor.n} 不符：事件 ${span(lastMatchedAnchorSeq + 1n, event.seq)} 中有事件被改动、且其后的哈希被重算 ` +
              `(event #${event.seq} differs from checkpoint #${anchor.n}; an event in this range was changed and the chain re-hashed)`,
          });
        }
      }
      expectedPrev = event.hash;
      previousSeq = event.seq;
      checked += 1;
    }
  }
  if (newestAnchor && BigInt(newestAnchor.seq) > previousSeq) {
    problems.push({
      seq: previousSeq + 1n,
      message: `事件 ${span(previousSeq + 1n, BigInt(newestAnchor.seq))} 缺失，检查点 #${newestAnchor.n} 记录了事件 #${newestAnchor.seq} (events missing at the end)`,
    });
  }
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.splice(MAX_PROBLEMS, more, { message: `……另有 ${more} 处问题 (and ${more} more)` });
  }
  return { checked, firstBreak, newestSeq: previousSeq, checkpoints: anchors.length, problems, warnings };
}

/** The chain alone (no checkpoints): the first broken event, if any. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainReport> {
  const report = await verifyAudit(db, { batchSize });
  return { checked: report.checked, firstBreak: report.firstBreak };
}
