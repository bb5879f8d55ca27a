import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import { randomUUID } from "node:crypto";
import { auditBatch } from "@/lib/audit/record";
import { canonicalJson } from "@/lib/json/canonical";
import { CHECKS, STATUS_TO_DB, type CheckName } from "@/lib/supervision/checks";
import { findingItems, type FindingItem } from "@/lib/supervision/finding-items";
import { unitRecipients } from "@/lib/supervision/recipients";
import type { SubjectReport, Trigger } from "@/lib/supervision/run-types";
import { AUTO_TICKET_WORKING_DAYS, createTicket } from "@/lib/supervision/tickets/create-ticket";
import { closeTicketTx } from "@/lib/supervision/tickets/close-ticket";

// After a run of the monitors: the findings brought up to date with what it measured — new problems
// opened, problems no longer found resolved, veto-level ones given a ticket automatically, tickets
// whose finding is gone closed by this re-check, and the units told of what got worse (预警).

/** Checks a monitor cannot settle again at once: a week of probes, the external network. */
export const NOT_RECHECKABLE: ReadonlySet<CheckName> = new Set<CheckName>(["site.availability"]);

const SEVERITY_RANK = { OK: 0, WARN: 1, FAIL: 2 } as const;

export type Outcome = {
  opened: number;
  resolved: number;
  ticketsOpened: number;
  ticketsClosed: number;
  notified: number;
};

/**
 * Brings a batch of subjects' findings in line with their new results, in one transaction and a few
 * statements for the whole batch (#28 "Speed": set-based): one read of their open findings, new
 * findings in one insert, findings seen again as they were touched in one update, resolved ones in
 * one update, and their audit events in one chained insert. Every change the monitor makes is audited
 * with the system as actor and the evidence it saw, as before: a finding opened, a finding that got
 * worse (预警 → 不合格), a finding no longer found (resolved by this re-check), and the tickets opened
 * for veto findings or closed with them.
 */
export async function reconcileBatch(
  db: Db,
  reports: SubjectReport[],
  now: Date,
  run: { runId: string; trigger: Trigger },
): Promise<Outcome> {
  const siteIds = reports.filter((report) => report.kind === "site").map((report) => report.id);
  const accountIds = reports.filter((report) => report.kind === "account").map((report) => report.id);
  return db.$transaction(
    async (tx) => {
      const open = await tx.finding.findMany({
        where: {
          state: "OPEN",
          OR: [
            ...(siteIds.length ? [{ siteId: { in: siteIds } }] : []),
            ...(accountIds.length ? [{ accountId: { in: accountIds } }] : []),
          ],
        },
        include: { ticket: { select: { id: true, serial: true, openedAt: true, orgId: true, state: true } } },
      });
      const openBySubject = new Map<string, typeof open>();
      for (const finding of open) {
        const id = (finding.siteId ?? finding.accountId)!;
        openBySubject.set(id, [...(openBySubject.get(id) ?? []), finding]);
      }
      const audits = auditBatch();
      const created: Prisma.FindingCreateManyInput[] = [];
      const unchanged: string[] = [];
      const notifiedAt: Record<"WARN" | "FAIL", string[]> = { WARN: [], FAIL: [] };
      const resolvedIds: string[] = [];
      const toClose: { ticket: NonNullable<(typeof open)[number]["ticket"]>; evidence: Record<string, unknown> }[] = [];
      const toTicket: {
        report: SubjectReport;
        subjectName: string;
        id: string;
        summary: string;
        evidence: Record<string, unknown>;
      }[] = [];
      const toNotify: {
        report: SubjectReport;
        subjectName: string;
        worsened: { check: CheckName; item: FindingItem }[];
      }[] = [];
      const outcome: Outcome = { opened: 0, resolved: 0, ticketsOpened: 0, ticketsClosed: 0, notified: 0 };

      for (const report of reports) {
        const subject = report.kind === "site" ? { siteId: report.id } : { accountId: report.id };
        const subjectName = `${messages.supervision.subjects[report.kind]}“${report.name}”`;
        const ran = new Set<string>(report.results.map((result) => result.name));
        const subjectOpen = (openBySubject.get(report.id) ?? []).filter((finding) => ran.has(finding.check));
        const byKey = new Map(subjectOpen.map((finding) => [`${finding.check}\u0000${finding.key}`, finding]));
        const seen = new Set<string>();
        const worsened: { check: CheckName; item: FindingItem }[] = [];
        for (const result of report.results) {
          for (const item of findingItems(result)) {
            const mapKey = `${result.name}\u0000${item.key}`;
            if (seen.has(mapKey)) continue;
            seen.add(mapKey);
            const severity = STATUS_TO_DB[item.severity];
            const existing = byKey.get(mapKey);
            let finding: { id: string; notifiedLevel: keyof typeof SEVERITY_RANK | null; hasTicket: boolean };
            if (existing) {
              // Seen again as it was: only its time moves, for all such findings of the batch at once.
              if (
                existing.veto === item.veto &&
                existing.severity === severity &&
                existing.summary === item.summary &&
                canonicalJson(existing.evidence) === canonicalJson(item.evidence)
              )
                unchanged.push(existing.id);
              else
                await tx.finding.update({
                  where: { id: existing.id },
                  data: {
                    veto: item.veto,
                    severity,
                    summary: item.summary,
                    evidence: item.evidence as Prisma.InputJsonValue,
                    lastSeenAt: now,
                  },
                });
              finding = { id: existing.id, notifiedLevel: existing.notifiedLevel, hasTicket: Boolean(existing.ticket) };
              if (SEVERITY_RANK[severity] > SEVERITY_RANK[existing.severity])
                audits.recordAudit({
                  actorId: null,
                  action: "supervision.finding.escalate",
                  subject: `supervision-finding:${existing.id}`,
                  data: {
                    subjectName,
                    monitorCheck: result.name,
                    previousSeverity: existing.severity,
                    severity,
                    summary: item.summary,
                    evidence: item.evidence,
                    runId: run.runId,
                    trigger: run.trigger,
                  },
                });
            } else {
              const id = randomUUID();
              created.push({
                id,
                ...subject,
                orgId: report.orgId,
                check: result.name,
                key: item.key,
                firstSeenAt: now,
                veto: item.veto,
                severity,
                summary: item.summary,
                evidence: item.evidence as Prisma.InputJsonValue,
                lastSeenAt: now,
              });
              finding = { id, notifiedLevel: null, hasTicket: false };
              outcome.opened += 1;
              audits.recordAudit({
                actorId: null,
                action: "supervision.finding.open",
                subject: `supervision-finding:${id}`,
                data: {
                  subjectName,
                  monitorCheck: result.name,
                  severity,
                  veto: item.veto,
                  summary: item.summary,
                  evidence: item.evidence,
                  runId: run.runId,
                  trigger: run.trigger,
                },
              });
            }
            if (SEVERITY_RANK[severity] > SEVERITY_RANK[finding.notifiedLevel ?? "OK"]) {
              worsened.push({ check: result.name, item });
              notifiedAt[severity].push(finding.id);
            }
            if (item.veto && item.severity === "fail" && !finding.hasTicket)
              toTicket.push({ report, subjectName, id: finding.id, summary: item.summary, evidence: item.evidence });
          }
        }
        // Findings this run no longer found are resolved; their open tickets close by this re-check.
        for (const finding of subjectOpen) {
          if (seen.has(`${finding.check}\u0000${finding.key}`)) continue;
          resolvedIds.push(finding.id);
          outcome.resolved += 1;
          // What the re-check saw: the check's result now (no longer naming this problem).
          const recheck = report.results.find((result) => result.name === finding.check);
          const evidence = {
            status: recheck?.status ?? "ok",
            measured: recheck?.measured ?? null,
            seen: recheck?.evidence ?? {},
          };
          audits.recordAudit({
            actorId: null,
            action: "supervision.finding.resolve",
            subject: `supervision-finding:${finding.id}`,
            data: {
              subjectName,
              monitorCheck: finding.check,
              summary: finding.summary,
              previousEvidence: finding.evidence,
              evidence,
              runId: run.runId,
              trigger: run.trigger,
            },
          });
          if (finding.ticket && finding.ticket.state !== "CLOSED" && !NOT_RECHECKABLE.has(finding.check as CheckName))
            toClose.push({ ticket: finding.ticket, evidence });
        }
        if (worsened.length) toNotify.push({ report, subjectName, worsened });
      }

      if (created.length) await tx.finding.createMany({ data: created });
      if (unchanged.length)
        await tx.finding.updateMany({ where: { id: { in: unchanged } }, data: { lastSeenAt: now } });
      for (const level of ["WARN", "FAIL"] as const)
        if (notifiedAt[level].length)
          await tx.finding.updateMany({
            where: { id: { in: notifiedAt[level] } },
            data: { notifiedAt: now, notifiedLevel: level },
          });
      if (resolvedIds.length)
        await tx.finding.updateMany({
          where: { id: { in: resolvedIds } },
          data: { state: "RESOLVED", resolvedAt: now },
        });
      await audits.flush(tx);
      for (const { ticket, evidence } of toClose) {
        await closeTicketTx(tx, ticket, { by: "recheck", actorId: null, note: null, now, evidence });
        outcome.ticketsClosed += 1;
      }
      for (const { report, subjectName, ...finding } of toTicket) {
        await createTicket(tx, {
          finding: {
            id: finding.id,
            orgId: report.orgId,
            ...(report.kind === "site"
              ? { siteId: report.id, accountId: null }
              : { siteId: null, accountId: report.id }),
            summary: finding.summary,
          },
          origin: "auto",
          requirement: finding.summary,
          evidence: finding.evidence,
          workingDays: AUTO_TICKET_WORKING_DAYS,
          now,
          actorId: null,
          subjectName,
        });
        outcome.ticketsOpened += 1;
      }
      // 预警: one notice per subject and run naming what got worse (the daily digest lists the rest).
      for (const { report, subjectName, worsened } of toNotify) {
        const first =
          worsened.find((entry) => entry.item.veto && entry.item.severity === "fail") ??
          worsened.find((entry) => entry.item.severity === "fail") ??
          worsened[0]!;
        const label = messages.supervision.checks[first.check];
        const title = (
          first.item.severity === "fail" && CHECKS[first.check].veto && first.item.veto
            ? messages.supervision.notify.failure
            : messages.supervision.notify.warning
        )(subjectName, label);
        const recipients = await unitRecipients(tx, report.orgId);
        const subjectQuery = report.kind === "site" ? `site=${report.id}` : `account=${report.id}`;
        await notify(
          tx,
          recipients,
          worsened.length > 1 ? `${title}（另有 ${worsened.length - 1} 项）` : title,
          `/admin/supervision/findings?${subjectQuery}`,
        );
        outcome.notified += recipients.length;
      }
      return outcome;
    },
    { timeout: 120_000 },
  );
}
