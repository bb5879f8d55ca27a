import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, diffSchemas, hasStatements, readSchema, SNAPSHOT_PATH } from "@/lib/db/migrate";

// Applying every migration in prisma/migrations must give exactly the database that
// schema.prisma describes: compared with a database built straight from schema.prisma.

const server = inject("testDatabaseServer");
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `shape_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  created.push(name);
  return `${server}/${name}`;
}

/** Tables, columns, constraints, indexes and enums of the public schema, normalised for comparison. */
async function describeSchema(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await query(`
        select table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
        from information_schema.columns where table_schema = 'public' and table_name <> '_prisma_migrations'
        order by table_name, column_name`),
      constraints: await query(`
        select c.relname as table_name, con.conname, con.contype, pg_get_constraintdef(con.oid) as definition
        from pg_constraint con join pg_class c on c.oid = con.conrelid
        where con.connamespace = 'public'::regnamespace and c.relname <> '_prisma_migrations' and con.conname not like 'custom_%'
        order by 1, 2`),
      indexes: await query(`
        select tablename, indexname, indexdef from pg_indexes
        where schemaname = 'public' and tablename <> '_prisma_migrations' and indexname not like 'custom_%' order by 1, 2`),
      enums: await query(`
        select t.typname, array_agg(e.enumlabel order by e.enumsortorder) as labels
        from pg_type t join pg_enum e on e.enumtypid = t.oid
        where t.typnamespace = 'public'::regnamespace group by t.typname order by 1`),
    };
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe("migrations", () => {
  it("yield exactly the schema that schema.prisma describes", async () => {
    const migrated = await freshDatabase();
    const applied = await applyMigrations(migrated);
    expect(applied.length).toBeGreaterThan(0);

    const direct = await freshDatabase();
    const sql = await diffSchemas(direct, null, await readSchema());
    const client = new pg.Client({ connectionString: direct });
    await client.connect();
    await client.query(sql);
    await client.end();

    const [fromMigrations, fromSchema] = await Promise.all([describeSchema(migrated), describeSchema(direct)]);
    expect(fromSchema.columns.length).toBeGreaterThan(20);
    expect(fromMigrations).toEqual(fromSchema);
  });

  it("leave no change in schema.prisma without a migration", async () => {
    const url = await freshDatabase();
    const pending = await diffSchemas(url, await readSchema(SNAPSHOT_PATH), await readSchema());
    expect(
      hasStatements(pending),
      `schema.prisma changed without a migration; run npm run db:migration -- <name>:\n${pending}`,
    ).toBe(false);
  });

  it("apply nothing the second time", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    expect(await applyMigrations(url)).toEqual([]);
  });
});
