// What every benchmark's JSON says besides its figures: the machine they were measured on.
import os from "node:os";

/** The value at percentile `p` of ascending `sorted` values (NaN when empty). */
export function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

export function loadAverage() {
  return os.loadavg().map((value) => Number(value.toFixed(2)));
}

/** The machine, with the load average when measured (figures here are noisy: see docs/benchmarks.md). */
export function machineFacts(load = loadAverage()) {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: load,
  };
}
