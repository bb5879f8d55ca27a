import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { embeddedDatabaseUrl } from "../../../lib/db/embedded-url";
import { E2E } from "../env";

// Shared by the security specs: the e2e server's database (row counts) and the build's server
// actions (their ids and the page each is bound to).

/** Exact row counts of every table of the public schema. */
export async function countRows(): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(E2E.pgPort) });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> '_prisma_migrations' order by table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ count: string }>(
        `select count(*) as count from "${name.replace(/"/g, '""')}"`,
      );
      counts[name] = Number(rows[0]!.count);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Rows of one query in the e2e database. */
export async function queryRows<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(E2E.pgPort) });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export type ServerAction = { id: string; path: string };

/**
 * Every server action of the build with an address of a page it is bound to
 * (`app/admin/(console)/library/[id]/page` → `/admin/library/<uuid>`).
 */
export function listServerActions(placeholderId: string): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).flatMap(([id, entry]) => {
    const worker = Object.keys(entry.workers).find((name) => name.endsWith("/page"));
    if (!worker) return [];
    const route = worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]*\)/g, "")
      .replace(/\[[^\]]+\]/g, placeholderId);
    return [{ id, path: route || "/" }];
  });
}
