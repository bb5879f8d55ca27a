import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ensureEmbeddedDatabase, memorySettings } from "@/lib/db/embedded";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");

async function startWith(env: Record<string, string>) {
  try {
    await run(tsx, ["scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: "", DATABASE_OWNER_URL: "", AUTH_SECRET: "", ...env },
      timeout: 60_000,
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe("start-up configuration", () => {
  it("stops with a message naming DATABASE_URL when the database is unreachable", async () => {
    const result = await startWith({
      DATABASE_URL: "postgresql://tongyuan:tongyuan@127.0.0.1:9/tongyuan",
      AUTH_SECRET: "a-secret-that-is-long-enough-for-the-check",
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("DATABASE_URL");
    expect(result.stderr).toContain("not reachable");
  });

  it("stops with a message naming a malformed variable", async () => {
    const result = await startWith({ PORT: "http" });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/PORT: must be a port number/);
  });
});

describe("embedded PostgreSQL", () => {
  it("keeps its data between runs", async () => {
    const dataDir = path.resolve(".data/test/restart");
    await fs.rm(dataDir, { recursive: true, force: true });
    const options = { dataDir, port: 54369, database: "restart_check" };

    const first = await ensureEmbeddedDatabase(options);
    expect(first.isOwner).toBe(true);
    let client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query("create table note (body text)");
    await client.query("insert into note values ('先入库，后使用')");
    // Started with memory settings sized to this machine, not PostgreSQL's small defaults.
    const { rows: settings } = await client.query<{ name: string; mib: number }>(
      "select name, (setting::bigint * (case unit when '8kB' then 8 else 1 end) / 1024)::int as mib from pg_settings where name in ('shared_buffers', 'maintenance_work_mem') order by name",
    );
    const memory = memorySettings(os.totalmem());
    expect(settings).toEqual([
      { name: "maintenance_work_mem", mib: memory.maintenanceWorkMemMiB },
      { name: "shared_buffers", mib: memory.sharedBuffersMiB },
    ]);
    await client.end();
    await first.stop();

    const second = await ensureEmbeddedDatabase(options);
    client = new pg.Client({ connectionString: second.url });
    await client.connect();
    const { rows } = await client.query("select body from note");
    await client.end();
    // A second caller finds the running server and shares it instead of starting another.
    const third = await ensureEmbeddedDatabase(options);
    expect(third.isOwner).toBe(false);
    await second.stop();
    expect(rows).toEqual([{ body: "先入库，后使用" }]);
  });
});
