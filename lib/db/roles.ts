import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ConfigError } from "@/lib/env";
import { JOB_SCHEMA } from "@/lib/db/job-schema";

// The app connects as a role of its own that owns nothing: it reads and writes rows, but cannot
// alter a table, disable a trigger, truncate, or change or remove an audit event (DESIGN invariant
// 4; 网络安全法 art. 21). The schema owner runs migrations and then these grants, every time, so a
// table any migration adds is covered without naming it here; AuditEvent alone is narrowed to
// INSERT and SELECT.

const PROVISION_LOCK = 7_245_005;

function roleOf(url: string): { name: string; password: string } {
  const parsed = new URL(url);
  return { name: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates the app role when missing (the owner needs CREATEROLE for that; otherwise create it by
 * hand) and grants it what the app needs on every table of the schema and of pg-boss's schema.
 * Run as the owner, after migrations and the job schema's installation.
 */
export async function provisionAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const app = roleOf(appUrl);
  await withClient(ownerUrl, async (client) => {
    const id = client.escapeIdentifier(app.name);
    await client.query("select pg_advisory_lock($1)", [PROVISION_LOCK]);
    try {
      const { rows } = await client.query<{ owner: string }>("select current_user as owner");
      if (rows[0]!.owner === app.name) {
        throw new ConfigError([{ variable: "DATABASE_URL", message: "must name a role other than the schema owner" }]);
      }
      const existing = await client.query("select 1 from pg_roles where rolname = $1", [app.name]);
      if (!existing.rowCount) {
        try {
          await client.query(
            `create role ${id} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${client.escapeLiteral(app.password)}`,
          );
        } catch (error) {
          // Another process created it meanwhile (duplicate_object); anything else is for the operator.
          if ((error as { code?: string }).code !== "42710") throw error;
        }
      } else if (app.password) {
        // Keeps the role's password what DATABASE_URL says, where the owner may set it.
        await client.query(`alter role ${id} password ${client.escapeLiteral(app.password)}`).catch(() => {});
      }
      await client.query(`
        grant usage on schema public to ${id};
        grant select, insert, update, delete on all tables in schema public to ${id};
        grant usage, select, update on all sequences in schema public to ${id};
        alter default privileges in schema public grant select, insert, update, delete on tables to ${id};
        alter default privileges in schema public grant usage, select, update on sequences to ${id};
        revoke all on "AuditEvent" from public, ${id};
        grant select, insert on "AuditEvent" to ${id};
        revoke all on "_prisma_migrations" from public, ${id};
        grant select on "_prisma_migrations" to ${id};`);
      // The search rebuild's VACUUM, ANALYZE and REINDEX … CONCURRENTLY (lib/search/service.ts) need
      // MAINTAIN on that one table (PostgreSQL 17+), not ownership.
      const { rows: version } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
      if (Number(version[0]!.v) >= 170_000) await client.query(`grant maintain on "SearchDocument" to ${id}`);
      const jobs = client.escapeIdentifier(JOB_SCHEMA);
      const hasJobs = await client.query("select 1 from pg_namespace where nspname = $1", [JOB_SCHEMA]);
      if (hasJobs.rowCount) {
        // pg-boss creates a partition table per queue in create_queue(); as SECURITY DEFINER it
        // does so as the owner, and the new table is the app's to use through the default privileges.
        await client.query(`
          grant usage on schema ${jobs} to ${id};
          grant select, insert, update, delete on all tables in schema ${jobs} to ${id};
          grant usage, select, update on all sequences in schema ${jobs} to ${id};
          alter default privileges in schema ${jobs} grant select, insert, update, delete on tables to ${id};
          alter default privileges in schema ${jobs} grant usage, select, update on sequences to ${id};
          alter function ${jobs}.create_queue(text, json) security definer set search_path = pg_catalog, pg_temp;
          alter function ${jobs}.delete_queue(text) security definer set search_path = pg_catalog, pg_temp;
          revoke all on function ${jobs}.create_queue(text, json), ${jobs}.delete_queue(text) from public;
          grant execute on function ${jobs}.create_queue(text, json), ${jobs}.delete_queue(text) to ${id};`);
      }
    } finally {
      await client.query("select pg_advisory_unlock($1)", [PROVISION_LOCK]).catch(() => {});
    }
  });
}

/** Names of migrations in prisma/migrations that the database has not applied. */
export async function pendingMigrations(
  appUrl: string,
  migrationsDir = path.resolve("prisma/migrations"),
): Promise<string[]> {
  const expected = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return withClient(appUrl, async (client) => {
    const { rows: table } = await client.query<{ present: boolean }>(
      `select to_regclass('"_prisma_migrations"') is not null as present`,
    );
    if (!table[0]!.present) return expected;
    const { rows } = await client.query<{ name: string }>(
      `select migration_name as name from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`,
    );
    const applied = new Set(rows.map((row) => row.name));
    return expected.filter((name) => !applied.has(name));
  });
}

export type RoleConfinement = { superuser: boolean; ownsAuditEvent: boolean; canTamper: boolean };

/** What the app's connection may do to the audit log; every field must be false. */
export async function inspectAppRole(appUrl: string): Promise<RoleConfinement> {
  return withClient(appUrl, async (client) => {
    const { rows } = await client.query<RoleConfinement>(`
      select current_setting('is_superuser') = 'on' as superuser,
        pg_has_role(current_user, c.relowner, 'MEMBER') as "ownsAuditEvent",
        has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'DELETE')
          or has_table_privilege(c.oid, 'TRUNCATE') or has_table_privilege(c.oid, 'TRIGGER') as "canTamper"
      from pg_class c where c.oid = '"AuditEvent"'::regclass`);
    return rows[0]!;
  });
}

/** Refuses to run the app as a role that could rewrite the audit log. */
export async function assertAppRoleConfined(appUrl: string): Promise<void> {
  const role = await inspectAppRole(appUrl);
  const problems = [
    role.superuser && "connects as a superuser",
    role.ownsAuditEvent && "owns the tables (or is a member of their owner)",
    role.canTamper && "may update, delete or truncate AuditEvent",
  ].filter(Boolean);
  if (problems.length) {
    throw new ConfigError([
      {
        variable: "DATABASE_URL",
        message:
          `${problems.join("; ")}: the app must run as its own role that cannot change the audit log. ` +
          "Give the owner's URL as DATABASE_OWNER_URL and a separate role (created and granted by the set-up step) as DATABASE_URL.",
      },
    ]);
  }
}
