import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

// Runs before each integration test file (modules are isolated per file): a fresh database
// cloned from the migrated template, and the environment lib/env.ts will read for it.

const server = inject("testDatabaseServer");
const appServer = inject("testDatabaseAppServer");
const database = `test_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
await admin.query(`create database ${database} template tongyuan_template`);
await admin.end();

// The code under test connects as the app role, as in production; tests that play an attacker
// with the owner's rights use DATABASE_OWNER_URL.
process.env.DATABASE_URL = `${appServer}/${database}`;
process.env.DATABASE_OWNER_URL = `${server}/${database}`;
process.env.AUTH_SECRET = "integration-tests-secret-of-at-least-32-chars";
process.env.CHANNEL_SECRET_KEY = "integration-tests-channel-key-of-32-chars";
process.env.DATA_DIR = `.data/test/files-${database}`;
// Like the embedded default: seeded demo accounts may skip the forced change and 2FA.
process.env.DEMO_MODE = "true";

// As every process that changes data does (lib/subscribers.ts); imported after the environment is set.
const { registerSubscribers } = await import("@/lib/subscribers");
registerSubscribers();

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  const { closeSearchReader } = await import("@/lib/search/postgres/reader");
  await closeSearchReader();
  const { closeSignInThrottle } = await import("@/lib/auth/sign-in-throttle");
  await closeSignInThrottle();
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  await client.query(`drop database if exists ${database} with (force)`);
  await client.end();
});
