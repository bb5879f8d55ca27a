import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { embeddedAppUrl } from "@/lib/db/embedded-url";
import { provisionAppRole } from "@/lib/db/roles";
import { installJobSchema } from "@/lib/db/job-schema";

// A real PostgreSQL for the integration tests, on its own port and data folder (never the
// developer's). Migrations are applied once to a template database, as the owner, with pg-boss's
// schema and the app role's grants, as the embedded default sets them up; each test file clones it
// and the code under test connects as the app role (file-setup.ts).

// TEST_PG_PORT lets two runs (e.g. two worktrees) use separate servers and data folders.
export const TEST_PG_PORT = Number(process.env.TEST_PG_PORT ?? 54339);
export const TEMPLATE_DATABASE = "tongyuan_template";

export default async function setup(project: TestProject) {
  const dataDir = path.resolve(TEST_PG_PORT === 54339 ? ".data/test" : `.data/test-${TEST_PG_PORT}`);
  await fs.rm(dataDir, { recursive: true, force: true });
  const server = await ensureEmbeddedDatabase({ dataDir, port: TEST_PG_PORT, database: TEMPLATE_DATABASE });
  await applyMigrations(server.url);
  await installJobSchema(server.url);
  await provisionAppRole(server.url, embeddedAppUrl(TEST_PG_PORT, TEMPLATE_DATABASE));
  // Close the template's connections so that CREATE DATABASE … TEMPLATE can copy it.
  const admin = new pg.Client({ connectionString: server.url.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  await admin.query(
    "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [TEMPLATE_DATABASE],
  );
  await admin.end();
  project.provide("testDatabaseServer", server.url.replace(/\/[^/]+$/, ""));
  project.provide("testDatabaseAppServer", embeddedAppUrl(TEST_PG_PORT, TEMPLATE_DATABASE).replace(/\/[^/]+$/, ""));
  return async () => {
    await server.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The owner's (superuser's) server URL, without a database. */
    testDatabaseServer: string;
    /** The app role's server URL, without a database. */
    testDatabaseAppServer: string;
  }
}
