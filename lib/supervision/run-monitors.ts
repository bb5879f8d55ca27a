import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import {
  ACCOUNT_CHECKS,
  CHECKS,
  SITE_CHECKS,
  STATUS_FROM_DB,
  STATUS_TO_DB,
  type CheckName,
  type CheckResult,
  type Thresholds,
} from "@/lib/supervision/checks";
import { findingItems, type FindingItem } from "@/lib/supervision/finding-items";
import { measureAvailability, probeHomePages } from "@/lib/supervision/monitors/availability";
import { randomUUID } from "node:crypto";
import { auditBatch } from "@/lib/audit/record";
import { canonicalJson } from "@/lib/json/canonical";
import { loadOrgTree } from "@/lib/org/tree";
import { measureAccounts } from "@/lib/supervision/monitors/accounts";
import {
  loadContentContext,
  measureContent,
  type ContentContext,
  type ScanStats,
} from "@/lib/supervision/monitors/content";
import { measureReprints } from "@/lib/supervision/monitors/reprints";
import { UNPACED, type Pacer } from "@/lib/supervision/pacing";
import { measureFreshness } from "@/lib/supervision/monitors/freshness";
import { measureInteraction } from "@/lib/supervision/monitors/interaction";
import { loadThresholds } from "@/lib/supervision/thresholds";
import { unitRecipients } from "@/lib/supervision/recipients";
import { AUTO_TICKET_WORKING_DAYS, createTicket } from "@/lib/supervision/tickets/create-ticket";
import { closeTicketTx } from "@/lib/supervision/tickets/close-ticket";

// One run of the monitors over every site and account (or the ones asked for): measure, store each
// result with its time and evidence, then bring the findings up to date — new problems opened,
// problems no longer found resolved, veto-level ones given a ticket automatically, tickets whose
// finding is gone closed by this re-check, and the units told of what got worse (预警 before the line).

export type Trigger = "job" | "cli" | "recheck" | "manual";

export type SubjectReport = {
  kind: "site" | "account";
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  /** The site's first host, or the account's platform. */
  label: string;
  results: CheckResult[];
};

export type RunOptions = {
  trigger: Trigger;
  now?: Date;
  siteIds?: string[];
  accountIds?: string[];
  /** Only these checks (a ticket's re-check); all by default. */
  checks?: CheckName[];
  /** Probe every home page once before measuring availability (the CLI does; the job probes on its own schedule). */
  probe?: boolean;
  startedById?: string | null;
  /** Pauses between sites, accounts and scan batches (the full runs pass backgroundPacer()). */
  pacer?: Pacer;
  /** Read every live item again whatever the marks say (the bench's first run). */
  fullScan?: boolean;
};

/** Subjects reconciled in one transaction, between two pauses; accounts measured between two pauses. */
const RECONCILE_BATCH = 100;
const ACCOUNT_BATCH = 100;

/** Checks a monitor cannot settle again at once: a week of probes, the external network. */
export const NOT_RECHECKABLE: ReadonlySet<CheckName> = new Set<CheckName>(["site.availability"]);

async function measureSite(
  db: Db,
  site: { id: string; name: string },
  now: Date,
  thresholds: Thresholds,
  wanted: Set<CheckName>,
  shared: {
    content: () => Promise<ContentContext>;
    pacer: Pacer;
    reprints: Map<string, CheckResult>;
    scan: ScanStats;
    fullScan: boolean;
  },
): Promise<CheckResult[]> {
  const has = (...names: CheckName[]) => names.some((name) => wanted.has(name));
  const groups = await Promise.all([
    has("site.availability") ? measureAvailability(db, site.id, now, thresholds).then((result) => [result]) : [],
    has("site.home-stale", "site.columns-stale", "site.columns-long-stale", "site.columns-blank", "site.daily-update")
      ? measureFreshness(db, site, now, thresholds)
      : [],
    has("site.interaction-unanswered", "site.interaction-channel")
      ? measureInteraction(db, site.id, now, thresholds)
      : [],
    has("site.content-serious", "site.content-privacy", "site.links")
      ? shared.content().then((context) =>
          measureContent(db, site, now, thresholds, {
            context,
            pacer: shared.pacer,
            stats: shared.scan,
            fullScan: shared.fullScan,
          }),
        )
      : [],
  ]);
  const reprint = shared.reprints.get(site.id);
  if (reprint) groups.push([reprint]);
  return groups.flat().filter((result) => wanted.has(result.name));
}

export async function runMonitors(db: Db, options: RunOptions) {
  const now = options.now ?? new Date();
  const wanted = new Set<CheckName>(options.checks ?? [...SITE_CHECKS, ...ACCOUNT_CHECKS]);
  const onlyAccounts = options.accountIds && !options.siteIds;
  const onlySites = options.siteIds && !options.accountIds;
  const [sites, accounts, thresholds] = await Promise.all([
    onlyAccounts || !SITE_CHECKS.some((name) => wanted.has(name))
      ? []
      : db.site.findMany({
          where: options.siteIds ? { id: { in: options.siteIds } } : {},
          select: {
            id: true,
            name: true,
            orgId: true,
            org: { select: { name: true } },
            hosts: { select: { host: true }, take: 1, orderBy: { host: "asc" } },
          },
          orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        }),
    onlySites || !ACCOUNT_CHECKS.some((name) => wanted.has(name))
      ? []
      : db.newMediaAccount.findMany({
          where: {
            status: { in: ["ACTIVE", "CANCELLING"] },
            ...(options.accountIds ? { id: { in: options.accountIds } } : {}),
          },
          select: { id: true, name: true, platform: true, orgId: true, org: { select: { name: true } } },
          orderBy: [{ openedAt: "asc" }, { id: "asc" }],
        }),
    loadThresholds(db),
  ]);
  if (options.probe && wanted.has("site.availability") && sites.length)
    await probeHomePages(
      db,
      now,
      sites.map((site) => site.id),
    );

  const run = await db.checkRun.create({
    data: { trigger: options.trigger, checks: [...wanted], measuredAt: now, startedById: options.startedById ?? null },
  });
  const pacer = options.pacer ?? UNPACED;
  let content: Promise<ContentContext> | null = null;
  const shared = {
    content: () => (content ??= loadContentContext(db)),
    pacer,
    scan: { sites: 0, fullSites: 0, read: 0 },
    fullScan: options.fullScan ?? false,
    // 转载: one read for every site of the run.
    reprints: wanted.has("site.reprint-overdue")
      ? await measureReprints(
          db,
          sites.map((site) => site.id),
          now,
        )
      : new Map<string, CheckResult>(),
  };
  const reports: SubjectReport[] = [];
  // Where the run's time went (ms, pauses included): printed by the bench, kept out of the results.
  const timings = { sites: 0, accounts: 0, store: 0, reconcile: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof timings) => {
    const at = performance.now();
    timings[phase] = Math.round(at - mark);
    mark = at;
  };
  for (const site of sites) {
    const results = await measureSite(db, site, now, thresholds, wanted, shared);
    await pacer.rest();
    reports.push({
      kind: "site",
      id: site.id,
      name: site.name,
      orgId: site.orgId,
      orgName: site.org.name,
      label: site.hosts[0]?.host ?? "",
      results,
    });
  }
  lap("sites");
  const tree = accounts.length ? await loadOrgTree(db) : null;
  for (let from = 0; tree && from < accounts.length; from += ACCOUNT_BATCH) {
    const batch = accounts.slice(from, from + ACCOUNT_BATCH);
    const measured = await measureAccounts(db, batch, now, thresholds, tree);
    for (const account of batch)
      reports.push({
        kind: "account",
        id: account.id,
        name: account.name,
        orgId: account.orgId,
        orgName: account.org.name,
        label: account.platform,
        results: (measured.get(account.id) ?? []).filter((result) => wanted.has(result.name)),
      });
    await pacer.rest();
  }

  lap("accounts");
  await db.checkResult.createMany({
    data: reports.flatMap((report) =>
      report.results.map((result) => ({
        runId: run.id,
        ...(report.kind === "site" ? { siteId: report.id } : { accountId: report.id }),
        name: result.name,
        veto: result.veto,
        status: STATUS_TO_DB[result.status],
        measured:
          result.measured === undefined || result.measured === null || !Number.isFinite(result.measured)
            ? null
            : result.measured,
        threshold: result.threshold ?? null,
        warnAt: result.warnAt ?? null,
        unit: result.unit ?? null,
        evidence: result.evidence as Prisma.InputJsonValue,
        at: now,
      })),
    ),
  });
  lap("store");
  const changes = { opened: 0, resolved: 0, ticketsOpened: 0, ticketsClosed: 0, notified: 0 };
  for (let from = 0; from < reports.length; from += RECONCILE_BATCH) {
    if (from) await pacer.rest();
    const outcome = await reconcileBatch(db, reports.slice(from, from + RECONCILE_BATCH), now, {
      runId: run.id,
      trigger: options.trigger,
    });
    changes.opened += outcome.opened;
    changes.resolved += outcome.resolved;
    changes.ticketsOpened += outcome.ticketsOpened;
    changes.ticketsClosed += outcome.ticketsClosed;
    changes.notified += outcome.notified;
  }
  lap("reconcile");
  await db.checkRun.update({ where: { id: run.id }, data: { finishedAt: new Date() } });
  return { runId: run.id, measuredAt: now, reports, changes, timings, scan: shared.scan };
}

const SEVERITY_RANK = { OK: 0, WARN: 1, FAIL: 2 } as const;

type Outcome = { opened: number; resolved: number; ticketsOpened: number; ticketsClosed: number; notified: number };

/**
 * Brings a batch of subjects' findings in line with their new results, in one transaction and a few
 * statements for the whole batch (#28 "Speed": set-based): one read of their open findings, new
 * findings in one insert, findings seen again as they were touched in one update, resolved ones in
 * one update, and their audit events in one chained insert. Every change the monitor makes is audited
 * with the system as actor and the evidence it saw, as before: a finding opened, a finding that got
 * worse (预警 → 不合格), a finding no longer found (resolved by this re-check), and the tickets opened
 * for veto findings or closed with them.
 */
async function reconcileBatch(
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

/** The stored status back as the checks module names it. */
export const statusOf = (status: keyof typeof STATUS_FROM_DB) => STATUS_FROM_DB[status];
