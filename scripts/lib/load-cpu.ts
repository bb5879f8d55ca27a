// bench:load's CPU figures: where the machine's time went during the load, per process, and what
// that comes to per request sent and per publication. Which request class costs what is not
// attributable inside a mixed load (the classes share the portal and PostgreSQL): bench:cpu
// measures each class alone.
import os from "node:os";
import { cpuReport } from "./process-cpu";

type LoadFigures = { classes: Record<string, { requests: number }> };

export function loadCpu(
  spentMs: Record<string, number>,
  machineMs: number,
  wallMs: number,
  load: LoadFigures,
  publications: number,
) {
  const requests = Object.values(load.classes).reduce((sum, figures) => sum + (figures.requests ?? 0), 0);
  const per = (ms: number | undefined, count: number) =>
    ms === undefined || count === 0 ? null : Number((ms / count).toFixed(2));
  return {
    ...cpuReport(spentMs, machineMs, wallMs, os.cpus().length),
    /** CPU ms per request sent (every class, and the publications' share of the portal and PostgreSQL too). */
    msPerRequest: {
      portal: per(spentMs.portal, requests),
      postgres: per(spentMs.postgres, requests),
      generator: per(spentMs.generator, requests),
    },
    /** CPU ms per publication: the editors' side (review, freshness checks, receiver) and the worker's deliveries. */
    msPerPublication: { bench: per(spentMs.bench, publications), worker: per(spentMs.worker, publications) },
  };
}

/** One line for the log: each process's CPU seconds and share of the machine. */
export function describeCpu(cpu: ReturnType<typeof loadCpu>): string {
  const parts = Object.entries(cpu.processes).map(
    ([name, figures]) => `${name} ${figures.seconds} s (${figures.sharePercent} %)`,
  );
  return `CPU over ${cpu.wallSeconds} s on ${cpu.capacitySeconds} s of capacity (busy ${cpu.busySharePercent} %): ${parts.join(", ")}`;
}
