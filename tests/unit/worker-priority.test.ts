import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

// The separate job worker yields the CPU to the portal (#21): WORKER_NICE, 10 unless set, 0 off,
// applied to every thread of the process (Linux keeps a priority per thread).

/** The nice values of a process's threads after lowerWorkerPriority(nice), read from /proc. */
function threadsNiceAfter(nice: number): number[] {
  const script = `
    import { lowerWorkerPriority } from "@/lib/jobs/priority";
    import { readdirSync, readFileSync } from "node:fs";
    const changed = lowerWorkerPriority(${nice}, console.error);
    const nices = readdirSync("/proc/self/task").map((t) => Number(readFileSync("/proc/self/task/" + t + "/stat", "utf8").split(") ")[1].split(" ")[16]));
    console.log(JSON.stringify({ changed, nices }));
  `;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  const { nices } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { nices: number[] };
  return nices;
}

describe("the job worker's priority", () => {
  it("is 10 unless configured, and 0 turns it off", () => {
    expect(parseEnv({}).WORKER_NICE).toBe(10);
    expect(parseEnv({ WORKER_NICE: "0" }).WORKER_NICE).toBe(0);
    expect(parseEnv({ WORKER_NICE: "" }).WORKER_NICE).toBe(10);
  });

  it.runIf(process.platform === "linux")("lowers every thread of the process, or none when 0", () => {
    const own = Number(spawnSync("sh", ["-c", "cut -d' ' -f19 /proc/self/stat"], { encoding: "utf8" }).stdout.trim());
    const lowered = threadsNiceAfter(10);
    expect(lowered.length).toBeGreaterThan(1);
    expect(new Set(lowered)).toEqual(new Set([Math.max(own, 10)]));
    expect(new Set(threadsNiceAfter(0))).toEqual(new Set([own]));
  });
});
