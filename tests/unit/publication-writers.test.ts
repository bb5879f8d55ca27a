import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// DESIGN invariant 2: one function publishes; nothing else writes publications. Reviewed
// publications are written only by publishInstance (lib/publish/publish.ts) and withdrawal
// (lib/publish/withdraw.ts); the demo seed (lib/seed/seed-items.ts) and the portal benchmark's load write IMPORTED ones
// (历史导入). A new writer anywhere else fails here.

const ALLOWED = new Set([
  "lib/publish/publish.ts",
  "lib/publish/withdraw.ts",
  "lib/seed/seed-items.ts",
  "lib/seed/portal-load.ts",
]);
const WRITE =
  /\.publication\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\(|insert\s+into\s+"Publication"|update\s+"Publication"/i;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [full] : [];
  });
}

describe("publication writers", () => {
  it("are only publishing, withdrawal and the seeds", () => {
    const writers = ["lib", "app", "scripts", "components"]
      .flatMap(sourceFiles)
      .filter((file) => WRITE.test(fs.readFileSync(file, "utf8")))
      .map((file) => file.split(path.sep).join("/"));
    expect(writers.length).toBeGreaterThan(0);
    expect(writers.filter((file) => !ALLOWED.has(file))).toEqual([]);
  });

  it("the seed writes imported publications only", () => {
    const seed = fs.readFileSync("lib/seed/seed-items.ts", "utf8");
    const creates = seed.match(/publication\.create\(\{[\s\S]*?\}\);/g) ?? [];
    expect(creates.length).toBeGreaterThan(0);
    for (const create of creates) expect(create).toContain('origin: "IMPORTED"');
    const load = fs.readFileSync("lib/seed/portal-load.ts", "utf8");
    const inserts = load.match(/insert into "Publication"[^;]*?from load/g) ?? [];
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toContain("'IMPORTED'");
  });
});
