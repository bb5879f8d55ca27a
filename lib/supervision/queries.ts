import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { getOrgTree } from "@/lib/org/tree";
import { parseInput } from "@/lib/validation/parse";
import { CHECKS, isCheckName, STATUS_FROM_DB, type CheckStatus } from "@/lib/supervision/checks";
import { ticketSerial } from "@/lib/supervision/tickets/create-ticket";

// What the back office lists: findings and tickets of the units the actor may see (the supervising
// unit: all; a site's unit: its own), filtered, newest first; one ticket with its history.

const PAGE = 50;

/** The units whose findings the actor may see. */
async function visibleOrgIds(actor: Principal | null): Promise<string[]> {
  assertHoldsRoleFor(actor, "supervision.view");
  const [tree, can] = await Promise.all([getOrgTree(), createPermissionChecker(actor)]);
  return tree.all.filter((org) => can("supervision.view", { orgId: org.id })).map((org) => org.id);
}

export const ZFindingFilter = z.object({
  state: z.enum(["OPEN", "RESOLVED", "ALL"]).catch("OPEN").default("OPEN"),
  severity: z.enum(["FAIL", "WARN", "ALL"]).catch("ALL").default("ALL"),
  site: z.uuid().optional().catch(undefined),
  account: z.uuid().optional().catch(undefined),
  org: z.uuid().optional().catch(undefined),
  check: z.string().max(60).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type FindingRow = {
  id: string;
  subject: string;
  subjectKind: "site" | "account";
  subjectId: string;
  orgName: string;
  check: string;
  checkLabel: string;
  veto: boolean;
  severity: CheckStatus;
  state: "OPEN" | "RESOLVED";
  summary: string;
  page: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  ticket: { id: string; serial: string; state: string } | null;
};

export async function listFindings(actor: Principal | null, input: unknown) {
  const filter = parseInput(ZFindingFilter, input ?? {});
  const orgIds = await visibleOrgIds(actor);
  const where = {
    orgId: { in: filter.org ? orgIds.filter((id) => id === filter.org) : orgIds },
    ...(filter.state === "ALL" ? {} : { state: filter.state }),
    ...(filter.severity === "ALL" ? {} : { severity: filter.severity }),
    ...(filter.site ? { siteId: filter.site } : {}),
    ...(filter.account ? { accountId: filter.account } : {}),
    ...(filter.check && isCheckName(filter.check) ? { check: filter.check } : {}),
  };
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.finding.count({ where }),
    db.finding.findMany({
      where,
      orderBy: [{ severity: "desc" }, { lastSeenAt: "desc" }, { id: "asc" }],
      take: PAGE,
      skip: (filter.page - 1) * PAGE,
      include: {
        site: { select: { name: true } },
        account: { select: { name: true } },
        org: { select: { name: true } },
        ticket: { select: { id: true, serial: true, openedAt: true, state: true } },
      },
    }),
  ]);
  const findings: FindingRow[] = rows.map((row) => ({
    id: row.id,
    subject: row.site?.name ?? row.account?.name ?? "",
    subjectKind: row.siteId ? "site" : "account",
    subjectId: (row.siteId ?? row.accountId)!,
    orgName: row.org.name,
    check: row.check,
    checkLabel: isCheckName(row.check) ? messages.supervision.checks[row.check] : row.check,
    veto: row.veto,
    severity: STATUS_FROM_DB[row.severity],
    state: row.state,
    summary: row.summary,
    page:
      typeof (row.evidence as { path?: unknown }).path === "string" ? (row.evidence as { path: string }).path : null,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    ticket: row.ticket ? { id: row.ticket.id, serial: ticketSerial(row.ticket), state: row.ticket.state } : null,
  }));
  const can = await createPermissionChecker(actor);
  return {
    findings: findings.map((finding, index) => ({
      ...finding,
      canOpenTicket:
        !finding.ticket && finding.state === "OPEN" && can("supervision.ticket.open", { orgId: rows[index]!.orgId }),
    })),
    total,
    page: filter.page,
    pageSize: PAGE,
    filter,
  };
}

export const ZTicketFilter = z.object({
  state: z.enum(["OPEN", "REPORTED", "CLOSED", "ACTIVE", "ALL"]).catch("ACTIVE").default("ACTIVE"),
  overdue: z.enum(["yes", "no"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export async function listTickets(actor: Principal | null, input: unknown, now: Date = new Date()) {
  const filter = parseInput(ZTicketFilter, input ?? {});
  const orgIds = await visibleOrgIds(actor);
  const where = {
    orgId: { in: orgIds },
    ...(filter.state === "ALL"
      ? {}
      : filter.state === "ACTIVE"
        ? { state: { in: ["OPEN" as const, "REPORTED" as const] } }
        : { state: filter.state }),
    ...(filter.overdue === "yes" ? { dueAt: { lt: now }, state: { in: ["OPEN" as const, "REPORTED" as const] } } : {}),
  };
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.rectificationTicket.count({ where }),
    db.rectificationTicket.findMany({
      where,
      orderBy: [{ dueAt: "asc" }, { serial: "asc" }],
      take: PAGE,
      skip: (filter.page - 1) * PAGE,
      include: {
        finding: { select: { summary: true, check: true, veto: true } },
        site: { select: { name: true } },
        account: { select: { name: true } },
        org: { select: { name: true } },
      },
    }),
  ]);
  return {
    tickets: rows.map((row) => ({
      id: row.id,
      serial: ticketSerial(row),
      subject: row.site?.name ?? row.account?.name ?? "",
      orgName: row.org.name,
      summary: row.finding.summary,
      veto: row.finding.veto,
      origin: row.origin,
      state: row.state,
      openedAt: row.openedAt,
      dueAt: row.dueAt,
      overdue: row.state !== "CLOSED" && row.dueAt < now,
      escalated: row.escalatedAt !== null,
    })),
    total,
    page: filter.page,
    pageSize: PAGE,
    filter,
  };
}

export async function getTicket(actor: Principal | null, ticketId: unknown, now: Date = new Date()) {
  const id = z.uuid().safeParse(ticketId);
  if (!id.success) throw notFound();
  const orgIds = await visibleOrgIds(actor);
  const ticket = await getDb().rectificationTicket.findUnique({
    where: { id: id.data },
    include: {
      finding: true,
      site: { select: { id: true, name: true, hosts: { select: { host: true }, take: 1 } } },
      account: { select: { id: true, name: true, platform: true } },
      org: { select: { name: true } },
      steps: { orderBy: { id: "asc" } },
    },
  });
  if (!ticket || !orgIds.includes(ticket.orgId)) throw notFound();
  const userIds = [
    ...new Set(ticket.steps.map((step) => step.userId).filter((value): value is string => Boolean(value))),
  ];
  const users = userIds.length
    ? await getDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })
    : [];
  const can = await createPermissionChecker(actor);
  const check = ticket.finding.check;
  return {
    id: ticket.id,
    serial: ticketSerial(ticket),
    version: ticket.version,
    state: ticket.state,
    origin: ticket.origin,
    requirement: ticket.requirement,
    subject: ticket.site?.name ?? ticket.account?.name ?? "",
    subjectKind: ticket.site ? ("site" as const) : ("account" as const),
    orgName: ticket.org.name,
    checkLabel: isCheckName(check) ? messages.supervision.checks[check] : check,
    veto: isCheckName(check) ? CHECKS[check].veto && ticket.finding.veto : ticket.finding.veto,
    finding: {
      summary: ticket.finding.summary,
      state: ticket.finding.state,
      severity: STATUS_FROM_DB[ticket.finding.severity],
      evidence: ticket.finding.evidence,
      lastSeenAt: ticket.finding.lastSeenAt,
    },
    openedAt: ticket.openedAt,
    dueAt: ticket.dueAt,
    workingDays: ticket.workingDays,
    clock: ticket.clock as { start?: string; due?: string; skipped?: { date: string; reason: string }[] },
    overdue: ticket.state !== "CLOSED" && ticket.dueAt < now,
    escalatedAt: ticket.escalatedAt,
    reportNote: ticket.reportNote,
    closedBy: ticket.closedBy as "recheck" | "supervisor" | null,
    closedAt: ticket.closedAt,
    steps: ticket.steps.map((step) => ({
      id: String(step.id),
      action: step.action,
      note: step.note,
      at: step.at,
      by: step.userId ? (users.find((user) => user.id === step.userId)?.displayName ?? "") : "系统监测",
    })),
    canReport: ticket.state === "OPEN" && can("supervision.ticket.report", { orgId: ticket.orgId }),
    canDecide: ticket.state === "REPORTED" && can("supervision.ticket.close", { orgId: ticket.orgId }),
  };
}
