import { createHash, sign, verify, type KeyObject } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { GENESIS_HASH, hashAuditEvent, recordAudit } from "@/lib/audit/record";
import { keyIdOf } from "@/lib/audit/anchor";
import { chinaToday } from "@/lib/time/china";

// Archive export: audit events older than a date, as NDJSON with a detached Ed25519 signature, for
// keeping offline (网络安全法 art. 21 asks for at least six months; archives keep them longer).
// Exporting never deletes: the live table stays append-only. Each event line carries what its hash
// covers, so the archive is verifiable on its own (signature, chain, numbering) and against the
// live table (the same hash for the same number).

export type ArchiveHeader = {
  type: "tongyuan-audit-archive";
  version: 1;
  before: string;
  createdAt: string;
  keyId: string;
  count: number;
  firstSeq: string | null;
  lastSeq: string | null;
};
type ArchivedEvent = {
  seq: string;
  at: string;
  actorId: string | null;
  role: string | null;
  action: string;
  subject: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
};

const BATCH = 2000;

/** Writes audit-archive-<before>.ndjson and its .sig into `outDir`; records the export as an audit event. */
export async function exportAuditArchive(
  db: Db,
  input: { before: Date; outDir: string; key: KeyObject },
): Promise<{ file: string; signatureFile: string; count: number; firstSeq: string | null; lastSeq: string | null }> {
  const events: ArchivedEvent[] = [];
  let after = 0n;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { seq: { gt: after }, at: { lt: input.before } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    if (!batch.length) break;
    for (const event of batch) {
      events.push({
        seq: event.seq.toString(),
        at: event.at.toISOString(),
        actorId: event.actorId,
        role: event.role,
        action: event.action,
        subject: event.subject,
        data: event.data as Record<string, unknown>,
        ip: event.ip,
        userAgent: event.userAgent,
        prevHash: event.prevHash,
        hash: event.hash,
      });
    }
    after = batch.at(-1)!.seq;
  }
  const header: ArchiveHeader = {
    type: "tongyuan-audit-archive",
    version: 1,
    before: input.before.toISOString(),
    createdAt: new Date().toISOString(),
    keyId: keyIdOf(input.key),
    count: events.length,
    firstSeq: events[0]?.seq ?? null,
    lastSeq: events.at(-1)?.seq ?? null,
  };
  const text = [header, ...events].map((line) => JSON.stringify(line)).join("\n") + "\n";
  const bytes = Buffer.from(text, "utf8");
  await fs.mkdir(input.outDir, { recursive: true });
  // Named for the China-time day it ends before.
  const day = chinaToday(input.before);
  const file = path.join(input.outDir, `audit-archive-before-${day}-${Date.now()}.ndjson`);
  const signatureFile = `${file}.sig`;
  await fs.writeFile(file, bytes, { flag: "wx" });
  await fs.writeFile(signatureFile, `${sign(null, bytes, input.key).toString("base64")}\n`, { flag: "wx" });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: null,
      action: "audit.archive",
      subject: "audit",
      data: {
        before: header.before,
        count: header.count,
        firstSeq: header.firstSeq,
        lastSeq: header.lastSeq,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        file: path.basename(file),
      },
    }),
  );
  return { file, signatureFile, count: header.count, firstSeq: header.firstSeq, lastSeq: header.lastSeq };
}

export type ArchiveReport = { count: number; header: ArchiveHeader | null; problems: string[] };

/** Checks an archive's detached signature, its chain and numbering, and (with `db`) that the live table still holds the same events. */
export async function verifyAuditArchive(file: string, publicKey: KeyObject, db?: Db): Promise<ArchiveReport> {
  const problems: string[] = [];
  const bytes = await fs.readFile(file);
  let signature: Buffer | null = null;
  try {
    signature = Buffer.from((await fs.readFile(`${file}.sig`, "utf8")).trim(), "base64");
  } catch {
    problems.push(`归档签名文件缺失 (missing ${path.basename(file)}.sig)`);
  }
  if (signature && !verify(null, bytes, publicKey, signature))
    problems.push("归档签名无效：文件被改动或不是本系统的密钥所签 (archive signature invalid)");
  const lines = bytes
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim());
  let header: ArchiveHeader | null = null;
  const events: ArchivedEvent[] = [];
  try {
    header = JSON.parse(lines[0] ?? "") as ArchiveHeader;
    if (header.type !== "tongyuan-audit-archive") throw new Error("not an archive");
    for (const line of lines.slice(1)) events.push(JSON.parse(line) as ArchivedEvent);
  } catch {
    problems.push("归档文件无法解析 (archive is malformed)");
    return { count: 0, header: null, problems };
  }
  if (header.count !== events.length)
    problems.push(`归档应有 ${header.count} 个事件，实有 ${events.length} 个 (event count differs from header)`);
  let previous: ArchivedEvent | null = null;
  for (const event of events) {
    const seq = BigInt(event.seq);
    if (previous && seq !== BigInt(previous.seq) + 1n)
      problems.push(`归档中事件 #${BigInt(previous.seq) + 1n}–#${seq - 1n} 缺失 (events missing in archive)`);
    if (!previous && seq === 1n && event.prevHash !== GENESIS_HASH)
      problems.push("归档中事件 #1 的前一哈希不是起始值 (event #1 prevHash)");
    if (previous && event.prevHash !== previous.hash)
      problems.push(`归档中事件 #${seq} 的前一哈希不符 (previous hash mismatch)`);
    const recomputed = hashAuditEvent(event.prevHash, { ...event, at: new Date(event.at) });
    if (recomputed !== event.hash) problems.push(`归档中事件 #${seq} 已被改动，哈希不符 (event changed in archive)`);
    previous = event;
  }
  if (db && events.length) {
    const bySeq = new Map(events.map((event) => [event.seq, event.hash]));
    let after = BigInt(events[0]!.seq) - 1n;
    const last = BigInt(events.at(-1)!.seq);
    while (after < last) {
      const batch = await db.auditEvent.findMany({
        where: { seq: { gt: after, lte: last } },
        orderBy: { seq: "asc" },
        take: BATCH,
        select: { seq: true, hash: true },
      });
      if (!batch.length) break;
      for (const live of batch) {
        const archived = bySeq.get(live.seq.toString());
        if (archived && archived !== live.hash)
          problems.push(`数据库中事件 #${live.seq} 与归档不符，已被改动 (live event differs from archive)`);
        bySeq.delete(live.seq.toString());
      }
      after = batch.at(-1)!.seq;
    }
    const gone = [...bySeq.keys()];
    if (gone.length)
      problems.push(
        `数据库中缺少归档里的事件 #${gone[0]}${gone.length > 1 ? ` 等 ${gone.length} 个` : ""} (events missing from the live table)`,
      );
  }
  return { count: events.length, header, problems };
}
