import { getDb } from "@/lib/db/client";

/** Exact row counts of every table of the public schema, to prove a refused request wrote nothing. */
export async function countRows(): Promise<Record<string, number>> {
  const db = getDb();
  const tables = await db.$queryRaw<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> '_prisma_migrations' order by table_name`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ count: bigint }[]>(
      `select count(*) as count from "${name.replace(/"/g, '""')}"`,
    );
    counts[name] = Number(row!.count);
  }
  return counts;
}
