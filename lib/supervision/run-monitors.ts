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
import { recordAudit } from "@/lib/audit/record";
import { canonicalJson } from "@/lib/json/canonical";
import { loadOrgTree } from "@/lib/org/tree";
import { measureAccounts } from "@/lib/supervision/monitors/accounts";
import { loadContentContext, measureContent, type ContentContext } from "@/lib/supervision/monitors/content";
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
};

/** Subjects reconciled between two pauses; accounts measured between two pauses. */
const RECONCILE_BATCH = 20;
const ACCOUNT_BATCH = 100;

/** Checks a monitor cannot settle again at once: a week of probes, the external network. */
export const NOT_RECHECKABLE: ReadonlySet<CheckName> = new Set<CheckName>(["site.availability"]);

async function measureSite(
  db: Db,
  site: { id: string; name: string },
  now: Date,
  thresholds: Thresholds,
  wanted: Set<CheckName>,
  shared: { content: () => Promise<ContentContext>; pacer: Pacer; reprints: Map<string, CheckResult> },
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
      ? shared.content().then((context) => measureContent(db, site, now, thresholds, { context, pacer: shared.pacer }))
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
  for (const [index, report] of reports.entries()) {
    if (index % RECONCILE_BATCH === RECONCILE_BATCH - 1) await pacer.rest();
    const outcome = await reconcile(db, report, now, { runId: run.id, trigger: options.trigger });
    changes.opened += outcome.opened;
    changes.resolved += outcome.resolved;
    changes.ticketsOpened += outcome.ticketsOpened;
    changes.ticketsClosed += outcome.ticketsClosed;
    changes.notified += outcome.notified;
  }
  lap("reconcile");
  await db.checkRun.update({ where: { id: run.id }, data: { finishedAt: new Date() } });
  return { runId: run.id, measuredAt: now, reports, changes, timings };
}

const SEVERITY_RANK = { OK: 0, WARN: 1, FAIL: 2 } as const;

/**
 * Brings one subject's findings in line with its new results, in one transaction. Every change the
 * monitor makes is audited with the system as actor and the evidence it saw: a finding opened, a
 * finding that got worse (预警 → 不合格), a finding no longer found (resolved by this re-check), and
 * the tickets opened for veto findings or closed with them.
 */
async function reconcile(db: Db, report: SubjectReport, now: Date, run: { runId: string; trigger: Trigger }) {
  const subject = report.kind === "site" ? { siteId: report.id } : { accountId: report.id };
  const subjectName = `${messages.supervision.subjects[report.kind]}“${report.name}”`;
  const ran = report.results.map((result) => result.name);
  return db.$transaction(
    async (tx) => {
      const open = await tx.finding.findMany({
        where: { ...subject, check: { in: ran }, state: "OPEN" },
        include: { ticket: { select: { id: true, serial: true, openedAt: true, orgId: true, state: true } } },
      });
      const byKey = new Map(open.map((finding) => [`${finding.check}\u0000${finding.key}`, finding]));
      const seen = new Set<string>();
      const worsened: { check: CheckName; item: FindingItem }[] = [];
      const unchanged: string[] = [];
      const toTicket: { id: string; summary: string; evidence: Record<string, unknown> }[] = [];
      let opened = 0;
      for (const result of report.results) {
        for (const item of findingItems(result)) {
          const mapKey = `${result.name}\u0000${item.key}`;
          if (seen.has(mapKey)) continue;
          seen.add(mapKey);
          const severity = STATUS_TO_DB[item.severity];
          const existing = byKey.get(mapKey);
          const data = {
            veto: item.veto,
            severity,
            summary: item.summary,
            evidence: item.evidence as Prisma.InputJsonValue,
            lastSeenAt: now,
          };
          let finding: { id: string; notifiedLevel: keyof typeof SEVERITY_RANK | null; ticket: unknown };
          if (existing) {
            // Seen again as it was: only its time moves, for all such findings at once (below).
            if (
              existing.veto === item.veto &&
              existing.severity === severity &&
              existing.summary === item.summary &&
              canonicalJson(existing.evidence) === canonicalJson(item.evidence)
            )
              unchanged.push(existing.id);
            else await tx.finding.update({ where: { id: existing.id }, data });
            finding = existing;
            if (SEVERITY_RANK[severity] > SEVERITY_RANK[existing.severity])
              await recordAudit(tx, {
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
            finding = await tx.finding.create({
              data: { ...subject, orgId: report.orgId, check: result.name, key: item.key, firstSeenAt: now, ...data },
              select: { id: true, notifiedLevel: true, ticket: true },
            });
            opened += 1;
            await recordAudit(tx, {
              actorId: null,
              action: "supervision.finding.open",
              subject: `supervision-finding:${finding.id}`,
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
            await tx.finding.update({ where: { id: finding.id }, data: { notifiedAt: now, notifiedLevel: severity } });
          }
          if (item.veto && item.severity === "fail" && !finding.ticket)
            toTicket.push({ id: finding.id, summary: item.summary, evidence: item.evidence });
        }
      }
      if (unchanged.length)
        await tx.finding.updateMany({ where: { id: { in: unchanged } }, data: { lastSeenAt: now } });
      // Findings this run no longer found are resolved; their open tickets close by this re-check.
      let resolved = 0;
      let ticketsClosed = 0;
      for (const finding of open) {
        if (seen.has(`${finding.check}\u0000${finding.key}`)) continue;
        await tx.finding.update({ where: { id: finding.id }, data: { state: "RESOLVED", resolvedAt: now } });
        resolved += 1;
        // What the re-check saw: the check's result now (no longer naming this problem).
        const recheck = report.results.find((result) => result.name === finding.check);
        const evidence = {
          status: recheck?.status ?? "ok",
          measured: recheck?.measured ?? null,
          seen: recheck?.evidence ?? {},
        };
        await recordAudit(tx, {
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
        if (finding.ticket && finding.ticket.state !== "CLOSED" && !NOT_RECHECKABLE.has(finding.check as CheckName)) {
          await closeTicketTx(tx, finding.ticket, { by: "recheck", actorId: null, note: null, now, evidence });
          ticketsClosed += 1;
        }
      }
      for (const finding of toTicket) {
        await createTicket(tx, {
          finding: {
            id: finding.id,
            orgId: report.orgId,
            ...("siteId" in subject ? { siteId: report.id, accountId: null } : { siteId: null, accountId: report.id }),
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
      }
      // 预警: one notice per subject and run naming what got worse (the daily digest lists the rest).
      let notified = 0;
      if (worsened.length) {
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
        notified = recipients.length;
      }
      return { opened, resolved, ticketsOpened: toTicket.length, ticketsClosed, notified };
    },
    { timeout: 60_000 },
  );
}

/** The stored status back as the checks module names it. */
export const statusOf = (status: keyof typeof STATUS_FROM_DB) => STATUS_FROM_DB[status];
