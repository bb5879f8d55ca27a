import { messages } from "@/lib/i18n/zh-CN";
import { failsVeto, worstStatus } from "@/lib/supervision/checks";
import type { SubjectReport } from "@/lib/supervision/run-types";

// What `npm run supervision:inspect` prints: per site and account, every check with its name, veto
// flag, status and evidence (JSON for cron and operators), or a short table for people.

export function inspectJson(measuredAt: Date, runId: string, reports: SubjectReport[]) {
  const subject = (report: SubjectReport) => ({
    id: report.id,
    name: report.name,
    ...(report.kind === "site" ? { host: report.label } : { platform: report.label }),
    org: report.orgName,
    status: worstStatus(report.results.map((result) => result.status)),
    vetoFailed: failsVeto(report.results),
    checks: report.results.map((result) => ({
      name: result.name,
      veto: result.veto,
      status: result.status,
      measured:
        result.measured === undefined || (typeof result.measured === "number" && !Number.isFinite(result.measured))
          ? null
          : result.measured,
      threshold: result.threshold ?? null,
      warnAt: result.warnAt ?? null,
      unit: result.unit ?? null,
      evidence: result.evidence,
    })),
  });
  const sites = reports.filter((report) => report.kind === "site").map(subject);
  const accounts = reports.filter((report) => report.kind === "account").map(subject);
  return {
    measuredAt: measuredAt.toISOString(),
    runId,
    vetoFailed: [...sites, ...accounts].some((entry) => entry.vetoFailed),
    sites,
    accounts,
  };
}

export function inspectText(report: ReturnType<typeof inspectJson>): string {
  const t = messages.supervision;
  const lines: string[] = [];
  for (const [kind, entries] of [
    ["site", report.sites],
    ["account", report.accounts],
  ] as const) {
    for (const entry of entries) {
      lines.push(
        `${t.subjects[kind]} ${entry.name}（${entry.org}）: ${t.statuses[entry.status]}${entry.vetoFailed ? "，单项否决" : ""}`,
      );
      for (const check of entry.checks)
        if (check.status !== "ok")
          lines.push(
            `  - [${t.statuses[check.status]}] ${check.veto ? "否决项 " : ""}${t.checks[check.name]} (${check.name})`,
          );
    }
  }
  lines.push(report.vetoFailed ? "结果：存在单项否决项不合格" : "结果：全部单项否决项合格");
  return lines.join("\n");
}
