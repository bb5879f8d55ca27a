import { z } from "zod";
import { zIsoDay, zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import type { RequestContext } from "@/lib/auth/authenticate";
import { formatDateTime } from "@/lib/format";
import { chinaDayEnd, chinaDayStart } from "@/lib/time/china";

// The audit administrator's viewer. Reading the audit log is itself recorded only for exports
// (a search page view would flood the log with its own reading).

const isoDay = zIsoDay();
export const ZAuditFilter = z.object({
  q: zText()
    .trim()
    .max(100)
    .optional()
    .transform((value) => value || undefined),
  action: zText()
    .trim()
    .max(100)
    .optional()
    .transform((value) => value || undefined),
  actor: zText()
    .trim()
    .max(64)
    .optional()
    .transform((value) => value || undefined),
  from: isoDay.optional().or(z.literal("").transform(() => undefined)),
  to: isoDay.optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

function whereOf(filter: TAuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.action) and.push({ action: { startsWith: filter.action } });
  if (filter.actor) and.push({ actor: { username: filter.actor } });
  // Days are China Standard Time days.
  if (filter.from) and.push({ at: { gte: chinaDayStart(filter.from) } });
  if (filter.to) and.push({ at: { lt: chinaDayEnd(filter.to) } });
  if (filter.q)
    and.push({
      OR: [{ subject: { contains: filter.q } }, { ip: { contains: filter.q } }, { action: { contains: filter.q } }],
    });
  return { AND: and };
}

const FILTER_MESSAGE = "筛选条件有误，日期格式应为 YYYY-MM-DD。";

const PAGE_SIZE = 50;

export async function listAuditEvents(actor: Principal | null, input: unknown) {
  await assertCan(actor, "audit.view", "platform");
  const filter = parseInput(ZAuditFilter, input, FILTER_MESSAGE);
  const db = getDb();
  const where = whereOf(filter);
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: { seq: "desc" },
      take: PAGE_SIZE,
      skip: (filter.page - 1) * PAGE_SIZE,
      include: { actor: { select: { username: true, displayName: true } } },
    }),
  ]);
  return { filter, total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), events: events.map(toRow) };
}

function toRow(event: {
  seq: bigint;
  at: Date;
  role: string | null;
  action: string;
  subject: string | null;
  data: unknown;
  ip: string | null;
  userAgent: string | null;
  hash: string;
  actor: { username: string; displayName: string } | null;
}) {
  return {
    seq: event.seq.toString(),
    at: event.at,
    actor: event.actor ? `${event.actor.displayName}（${event.actor.username}）` : "—",
    role: event.role,
    action: event.action,
    subject: event.subject,
    data: JSON.stringify(event.data),
    ip: event.ip,
    userAgent: event.userAgent,
    hash: event.hash,
  };
}

function csvCell(value: string | null): string {
  const text = value ?? "";
  // Quote everything; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** CSV of every event the filter matches (UTF-8 with BOM so that spreadsheet software reads Chinese). */
export async function exportAuditCsv(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  if (!actor) throw unauthenticated();
  const role = await assertCan(actor, "audit.export", "platform");
  const filter = parseInput(ZAuditFilter, input, FILTER_MESSAGE);
  const db = getDb();
  const where = whereOf(filter);
  const header = ["序号", "时间", "操作人", "角色", "操作", "对象", "内容", "IP", "User-Agent", "哈希"];
  const lines = [header.map(csvCell).join(",")];
  let after: bigint | null = null;
  for (;;) {
    const batch: Awaited<
      ReturnType<
        typeof db.auditEvent.findMany<{ include: { actor: { select: { username: true; displayName: true } } } }>
      >
    > = await db.auditEvent.findMany({
      where: after === null ? where : { AND: [where, { seq: { gt: after } }] },
      orderBy: { seq: "asc" },
      take: 2000,
      include: { actor: { select: { username: true, displayName: true } } },
    });
    if (batch.length === 0) break;
    for (const event of batch) {
      const row = toRow(event);
      lines.push(
        [
          row.seq,
          formatDateTime(row.at),
          row.actor,
          row.role,
          row.action,
          row.subject,
          row.data,
          row.ip,
          row.userAgent,
          row.hash,
        ]
          .map(csvCell)
          .join(","),
      );
    }
    after = batch[batch.length - 1]!.seq;
  }
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "audit.export",
      subject: "audit",
      data: { filter, rows: lines.length - 1 },
      ...context,
    }),
  );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
