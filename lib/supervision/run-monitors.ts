import type { Db } from "@/lib/db/client";
import { ACCOUNT_CHECKS, SITE_CHECKS, type CheckName, type CheckResult } from "@/lib/supervision/checks";
import { probeHomePages } from "@/lib/supervision/monitors/availability";
import { loadOrgTree } from "@/lib/org/tree";
import { measureAccounts } from "@/lib/supervision/monitors/accounts";
import { loadContentContext, type ContentContext } from "@/lib/supervision/monitors/content";
import { measureReprints } from "@/lib/supervision/monitors/reprints";
import { UNPACED, type Pacer } from "@/lib/supervision/pacing";
import { loadThresholds } from "@/lib/supervision/thresholds";
import { measureSite } from "@/lib/supervision/measure-site";
import { storeResults } from "@/lib/supervision/store-results";
import { reconcileBatch } from "@/lib/supervision/reconcile";
import type { SubjectReport, Trigger } from "@/lib/supervision/run-types";

// One run of the monitors over every site and account (or the ones asked for): measure
// (measure-site.ts; accounts in batches), store each result with its time and evidence
// (store-results.ts), then bring the findings up to date (reconcile.ts) — new problems opened,
// problems no longer found resolved, veto-level ones given a ticket automatically, tickets whose
// finding is gone closed by this re-check, and the units told of what got worse (预警 before the line).

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
  await storeResults(db, run.id, reports, now);
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
