// CPU time of a process and everything under it, read from /proc (Linux): what each process of a
// benchmark spent, compared before and after the load, rather than guessed from wall time on a
// shared machine.
import { readdirSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

/** Linux's USER_HZ: /proc counts CPU time in ticks of 10 ms. */
const TICKS_PER_SECOND = 100;

type Stat = { ownMs: number; reapedMs: number };

function readStat(pid: number): Stat | null {
  try {
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis,
    // so utime, stime, cutime and cstime (fields 14–17) are at 11–14 here.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)!.split(" ");
    const ticks = (index: number) => Number(fields[index]);
    return {
      ownMs: ((ticks(11) + ticks(12)) * 1000) / TICKS_PER_SECOND,
      reapedMs: ((ticks(13) + ticks(14)) * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

/** Children of every thread of `pid` (a child belongs to the thread that started it). */
function childrenOf(pid: number): number[] {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return threads.flatMap((thread) => {
    try {
      const listed = readFileSync(`/proc/${pid}/task/${thread}/children`, "utf8").trim();
      return listed ? listed.split(/\s+/).map(Number) : [];
    } catch {
      return []; // The thread ended meanwhile.
    }
  });
}

/**
 * Milliseconds of CPU (user + system) used by `pid`, its live descendants and the children it
 * has already reaped; NaN when the process is gone. It only grows while the tree lives, so the
 * difference of two readings is what the tree spent between them (exited PostgreSQL backends
 * included, since the postmaster reaps them).
 */
export function treeCpuMs(pid: number): number {
  const stat = readStat(pid);
  if (!stat) return NaN;
  return stat.ownMs + stat.reapedMs + childrenOf(pid).reduce((sum, child) => sum + (treeCpuMs(child) || 0), 0);
}

/** The embedded PostgreSQL's postmaster, from the first line of postmaster.pid in its data folder. */
export async function postmasterPid(pgDataDir: string): Promise<number> {
  const text = await fs.readFile(path.join(pgDataDir, "postmaster.pid"), "utf8");
  const pid = Number(text.split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${pgDataDir}`);
  return pid;
}

/** This process's own CPU milliseconds (user + system). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** CPU milliseconds the whole machine spent busy (every process, ours or not), from /proc/stat. */
export function machineBusyMs(): number {
  try {
    const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal: all but idle and iowait.
    const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
    return (
      (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 1000) /
      TICKS_PER_SECOND
    );
  } catch {
    return NaN;
  }
}

/**
 * CPU time of named processes over a window. A process that is replaced in the window (the worker
 * killed and restarted) is settled just before it goes and begun again under the same name.
 */
export class CpuAccount {
  private readonly spent = new Map<string, number>();
  private readonly open = new Map<string, { read: () => number; at: number }>();

  /** Starts counting `name`, read by `read` (cumulative milliseconds). */
  begin(name: string, read: () => number, from = read()): void {
    this.open.set(name, { read, at: from });
  }

  /** Books what `name` spent since it began; call before the process ends. */
  settle(name: string): void {
    const entry = this.open.get(name);
    if (!entry) return;
    this.open.delete(name);
    this.add(name, entry.read() - entry.at);
  }

  add(name: string, ms: number): void {
    if (Number.isFinite(ms)) this.spent.set(name, (this.spent.get(name) ?? 0) + ms);
  }

  /** Settles every process still counted; milliseconds by name. */
  close(): Record<string, number> {
    for (const name of [...this.open.keys()]) this.settle(name);
    return Object.fromEntries(this.spent);
  }
}

/**
 * The figures of a window: CPU seconds and share per process, with what the machine as a whole
 * spent (other users of a shared machine show as `others`), against `cores` × the window.
 */
export function cpuReport(spentMs: Record<string, number>, machineMs: number, wallMs: number, cores: number) {
  const ours = Object.values(spentMs).reduce((sum, ms) => sum + ms, 0);
  const capacityMs = wallMs * cores;
  const seconds = (ms: number) => Number((ms / 1000).toFixed(1));
  const share = (ms: number) => Number(((ms / capacityMs) * 100).toFixed(1));
  const rows = Object.entries({ ...spentMs, others: Math.max(0, machineMs - ours) });
  return {
    wallSeconds: seconds(wallMs),
    capacitySeconds: seconds(capacityMs),
    busySharePercent: share(Number.isFinite(machineMs) ? machineMs : ours),
    /** CPU seconds, and percent of the machine's capacity over the window. */
    processes: Object.fromEntries(rows.map(([name, ms]) => [name, { seconds: seconds(ms), sharePercent: share(ms) }])),
  };
}
