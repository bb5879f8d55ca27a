// The supervision jobs' queues and schedules (China time), apart from what they run
// (lib/supervision/jobs.ts) so that the worker registers them without loading the monitors.

export const SUPERVISION_PROBE_QUEUE = "supervision-probes";
export const SUPERVISION_DAILY_QUEUE = "supervision-daily";
export const SUPERVISION_ESCALATION_QUEUE = "supervision-escalation";

export const SUPERVISION_JOBS = [
  // 站点无法访问: every half hour, 48 probes a day (the line asks for at least 20). Not at start: the
  // worker starts before the web server listens, and a probe then would count a failure of our own.
  { queue: SUPERVISION_PROBE_QUEUE, cron: "*/30 * * * *", atStart: false },
  // 每日扫描: every monitor over every site and account, then the units' digest.
  { queue: SUPERVISION_DAILY_QUEUE, cron: "30 6 * * *", atStart: true },
  { queue: SUPERVISION_ESCALATION_QUEUE, cron: "15 * * * *", atStart: true },
] as const;
