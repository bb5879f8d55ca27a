import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// What the separate job worker evaluates before it is ready (#21): a restart used to evaluate
// every job's module graph, happy-dom (~470 modules, through Tiptap's server renderer) and the
// seed among them, seconds of CPU on a machine serving the portal. The jobs' code loads with their
// first job; the body renderer loads with the first write that renders.

/** Modules an import of `specifier` loads (URLs), in a fresh Node process with tsx. */
function modulesLoadedBy(specifier: string): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "worker-graph-"));
  const file = path.join(dir, "loads.txt");
  try {
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "./tests/unit/fixtures/record-loads.mjs",
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `await import(${JSON.stringify(specifier)});`,
      ],
      { encoding: "utf8", env: { ...process.env, RECORD_LOADS: file } },
    );
    expect(run.status, run.stderr).toBe(0);
    return readFileSync(file, "utf8").trim().split("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEAVY = [
  "/node_modules/happy-dom/",
  "/node_modules/@tiptap/html/",
  "/lib/seed/demo-platform",
  "/lib/supervision/run-monitors",
];

describe("the job worker's start", () => {
  it("loads neither the body renderer, the seed nor the monitors with the runner and the database set-up", () => {
    for (const specifier of ["@/lib/jobs/runner", "@/lib/seed/prepare"]) {
      const loaded = modulesLoadedBy(specifier);
      expect(loaded.length).toBeGreaterThan(20);
      expect(loaded.filter((url) => HEAVY.some((heavy) => url.includes(heavy)))).toEqual([]);
    }
  }, 60_000);

  it("loads the body renderer only where a body is rendered, not with publishing and deliveries", () => {
    for (const specifier of ["@/lib/subscribers", "@/lib/channels/delivery-worker"]) {
      expect(modulesLoadedBy(specifier).filter((url) => url.includes("/node_modules/happy-dom/"))).toEqual([]);
    }
    expect(modulesLoadedBy("@/lib/library/render-body").some((url) => url.includes("/node_modules/happy-dom/"))).toBe(
      true,
    );
  }, 60_000);
});
