import { z } from "zod";
import { zIsoDay, zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import type { RequestContext } from "@/lib/auth/authenticate";
import { formatDateTime } from "@/lib/format";
import { chinaDayEnd, chinaDayStart } from "@/lib/time/china";
import { messages } from "@/lib/i18n/zh-CN";
import {
  auditActionLabel,
  categoryOf,
  categoryPrefixes,
  auditDataReferences,
  describeAuditData,
  isAuditActionCode,
  isAuditCategory,
} from "@/lib/audit/labels";
import { describeAuditSubjects, type AuditSubjectView } from "@/lib/audit/subjects";

// The audit administrator's viewer. Reading the audit log is itself recorded only for exports
// (a search page view would flood the log with its own reading).

const isoDay = zIsoDay();
const optionalText = (max: number) =>
  zText()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

export const ZAuditFilter = z.object({
  q: optionalText(100),
  /** An action category chosen from the list (登录与账号, 稿件, 审核 …). */
  category: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || isAuditCategory(value), "请从列表中选择操作类别"),
  /** One named action of the list (a code the page never shows as text). */
  action: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || isAuditActionCode(value), "请从列表中选择具体操作"),
  /** Who: a user name, or part of a person's name. */
  actor: optionalText(64),
  from: isoDay.optional().or(z.literal("").transform(() => undefined)),
  to: isoDay.optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

function whereOf(filter: TAuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.category && isAuditCategory(filter.category))
    and.push({ OR: categoryPrefixes(filter.category).map((prefix) => ({ action: { startsWith: prefix } })) });
  if (filter.action) and.push({ action: filter.action });
  if (filter.actor)
    and.push({
      actor: { OR: [{ username: filter.actor }, { displayName: { contains: filter.actor } }] },
    });
  // Days are China Standard Time days.
  if (filter.from) and.push({ at: { gte: chinaDayStart(filter.from) } });
  if (filter.to) and.push({ at: { lt: chinaDayEnd(filter.to) } });
  if (filter.q)
    and.push({
      OR: [{ subject: { contains: filter.q } }, { ip: { contains: filter.q } }, { action: { contains: filter.q } }],
    });
  return { AND: and };
}

const FILTER_MESSAGE = "筛选条件有误：日期格式应为 YYYY-MM-DD，操作类别和具体操作须从列表中选择。";

const PAGE_SIZE = 50;

const ACTOR = { select: { id: true, username: true, displayName: true } } as const;

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
      include: { actor: ACTOR },
    }),
  ]);
  const subjects = await describeAuditSubjects(
    actor,
    events.map((event) => event.subject),
  );
  return {
    filter,
    total,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    events: events.map((event) => toView(event, subjects)),
  };
}

type EventRow = {
  seq: bigint;
  at: Date;
  role: string | null;
  action: string;
  subject: string | null;
  data: unknown;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
  actor: { id: string; username: string; displayName: string } | null;
};

const roleLabel = (role: string | null) =>
  role && Object.hasOwn(messages.roles, role) ? messages.roles[role as keyof typeof messages.roles] : null;

/** One event as people read it: names, not codes (the code is kept for the detail and the export). */
function toView(event: EventRow, subjects: Map<string, AuditSubjectView>) {
  const category = categoryOf(event.action);
  const detail = describeAuditData(event.data);
  const changed = detail.kind === "change" ? detail.rows.filter((row) => row.before !== row.after) : [];
  return {
    seq: event.seq.toString(),
    at: event.at,
    actor: event.actor ? { id: event.actor.id, name: event.actor.displayName, username: event.actor.username } : null,
    role: roleLabel(event.role),
    action: event.action,
    actionLabel: auditActionLabel(event.action),
    categoryLabel: category ? messages.audit.categories[category] : "其他",
    subject: event.subject ? (subjects.get(event.subject) ?? null) : null,
    summary:
      detail.kind === "change"
        ? changed.length
          ? `修改：${changed.map((row) => row.label).join("、")}`
          : "无字段变化"
        : detail.rows.length
          ? `记录：${detail.rows.map((row) => row.label).join("、")}`
          : "—",
    ip: event.ip,
  };
}

/** One event in full: its content as a before/after table, the raw code and hashes one click away. */
export async function getAuditEvent(actor: Principal | null, seqInput: unknown) {
  await assertCan(actor, "audit.view", "platform");
  // Sequence numbers are positive and fit PostgreSQL's bigint; anything else names no record.
  if (typeof seqInput !== "string" || !/^[1-9]\d{0,17}$/.test(seqInput)) throw notFound();
  const event = await getDb().auditEvent.findUnique({ where: { seq: BigInt(seqInput) }, include: { actor: ACTOR } });
  if (!event) throw notFound();
  const references = auditDataReferences(event.data);
  const subjects = await describeAuditSubjects(actor, [event.subject, ...references]);
  // Ids in the content read as names (用户 张敏（editor）, 单位 区政府办公室 …) when the record still exists.
  const names = new Map<string, string>();
  for (const reference of references) {
    const view = subjects.get(reference);
    const id = reference.slice(reference.indexOf(":") + 1);
    if (view && view.name && view.name !== id)
      names.set(id, view.loginName ? `${view.name}（${view.loginName}）` : view.name);
  }
  return {
    ...toView(event, subjects),
    subjectCode: event.subject,
    detail: describeAuditData(event.data, names),
    userAgent: event.userAgent,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/** An event's content in words for the export: `字段：前 → 后；…`. */
function contentText(data: unknown): string {
  const detail = describeAuditData(data);
  const rows =
    detail.kind === "change"
      ? [
          ...detail.rows.map((row) => `${row.label}：${row.before} → ${row.after}`),
          ...detail.other.map((row) => `${row.label}：${row.value}`),
        ]
      : detail.rows.map((row) => `${row.label}：${row.value}`);
  return rows.join("；");
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
  const header = [
    "序号",
    "时间",
    "操作人",
    "用户名",
    "角色",
    "操作类别",
    "操作",
    "对象",
    "内容",
    "IP",
    "浏览器标识",
    "哈希",
    "操作代码",
  ];
  const lines = [header.map(csvCell).join(",")];
  let after: bigint | null = null;
  for (;;) {
    const batch: Awaited<ReturnType<typeof db.auditEvent.findMany<{ include: { actor: typeof ACTOR } }>>> =
      await db.auditEvent.findMany({
        where: after === null ? where : { AND: [where, { seq: { gt: after } }] },
        orderBy: { seq: "asc" },
        take: 2000,
        include: { actor: ACTOR },
      });
    if (batch.length === 0) break;
    const subjects = await describeAuditSubjects(
      actor,
      batch.map((event) => event.subject),
    );
    for (const event of batch) {
      const row = toView(event, subjects);
      lines.push(
        [
          row.seq,
          formatDateTime(row.at),
          row.actor?.name ?? "系统",
          row.actor?.username ?? null,
          row.role,
          row.categoryLabel,
          row.actionLabel,
          row.subject
            ? `${row.subject.kind} ${row.subject.name}${row.subject.loginName ? `（${row.subject.loginName}）` : ""}`
            : null,
          contentText(event.data),
          row.ip,
          event.userAgent,
          event.hash,
          event.action,
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
