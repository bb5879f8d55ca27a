import http from "node:http";
import https from "node:https";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { measuredResult, type CheckResult, type Thresholds } from "@/lib/supervision/checks";

// 站点无法访问 (国办秘函〔2019〕19号): the home page is probed at intervals, at least 20 times a day; a
// probe that has no answer within 15 seconds (or answers with an error) fails; over a rolling week,
// failures at or above 5 % of the probes fail the site. On the embedded default the probe reaches the
// portal through this machine's own HTTP server, naming the site's host, so it needs no outside network.

const WEEK_MS = 7 * 86_400_000;
/** Fewer probes than a day's worth decide nothing: the share is shown, the site is at most warned. */
export const MIN_PROBES_FOR_VERDICT = 20;

type ProbeOutcome = { ok: boolean; httpStatus: number | null; elapsedMs: number; error: string | null };

function request(url: URL, host: string, timeoutMs: number): Promise<ProbeOutcome> {
  const started = performance.now();
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const done = (outcome: Omit<ProbeOutcome, "elapsedMs">) =>
      resolve({ ...outcome, elapsedMs: Math.round(performance.now() - started) });
    const req = client.request(
      url,
      { method: "GET", headers: { host, "user-agent": "tongyuan-supervision/1" } },
      (res) => {
        res.resume();
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          done({
            ok: status >= 200 && status < 400,
            httpStatus: status,
            error: status >= 400 ? `HTTP ${status}` : null,
          });
        });
        res.on("error", (error) => done({ ok: false, httpStatus: res.statusCode ?? null, error: error.message }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`超时（${timeoutMs / 1000} 秒）`)));
    req.on("error", (error) => done({ ok: false, httpStatus: null, error: error.message || "无法连接" }));
    req.end();
  });
}

/** Probes every site's home page once and stores each outcome. */
export async function probeHomePages(db: Db, now: Date = new Date(), siteIds?: string[]): Promise<number> {
  const env = getEnv();
  const base = new URL(env.SUPERVISION_PORTAL_URL ?? `http://127.0.0.1:${env.PORT}/`);
  const sites = await db.site.findMany({
    where: siteIds ? { id: { in: siteIds } } : {},
    select: { id: true, hosts: { select: { host: true }, orderBy: { host: "asc" }, take: 1 } },
  });
  const outcomes = await Promise.all(
    sites.map(async (site) => {
      const host = site.hosts[0]?.host ?? base.host;
      const outcome = await request(base, host, env.SUPERVISION_PROBE_TIMEOUT_SECONDS * 1000);
      return { siteId: site.id, at: now, url: `http://${host}/`, ...outcome };
    }),
  );
  if (outcomes.length) await db.availabilityProbe.createMany({ data: outcomes });
  return outcomes.length;
}

/** The failure share of the rolling week before `now`. */
export async function measureAvailability(
  db: Db,
  siteId: string,
  now: Date,
  thresholds: Thresholds,
): Promise<CheckResult> {
  const since = new Date(now.getTime() - WEEK_MS);
  const where = { siteId, at: { gt: since, lte: now } };
  const [probes, failures, recent] = await Promise.all([
    db.availabilityProbe.count({ where }),
    db.availabilityProbe.count({ where: { ...where, ok: false } }),
    db.availabilityProbe.findMany({
      where: { ...where, ok: false },
      orderBy: { at: "desc" },
      take: 10,
      select: { at: true, url: true, httpStatus: true, elapsedMs: true, error: true },
    }),
  ]);
  const share = probes ? failures / probes : 0;
  const evidence = {
    page: "/",
    since: formatDateTime(since),
    probes,
    failures,
    verdict: probes >= MIN_PROBES_FOR_VERDICT,
    recentFailures: recent.map((probe) => ({ ...probe, at: formatDateTime(probe.at) })),
  };
  const result = measuredResult("site.availability", thresholds, share, evidence);
  // Too few probes for a verdict: a failure share that would fail only warns.
  return !evidence.verdict && result.status === "fail" ? { ...result, status: "warn" } : result;
}
