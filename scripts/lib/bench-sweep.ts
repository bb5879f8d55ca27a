// The clock-alert sweep of npm run bench:interaction, measured as the jobs worker runs it: its own
// connection pool, sendClockAlerts once, timed; then the pool is closed, so each backend reports its
// table statistics as it exits, and the Letter rows PostgreSQL read for the sweep (sequential scans'
// rows plus rows fetched through indexes) are the difference of pg_stat_user_tables around it.
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { findAlertCandidates, sendClockAlerts } from "@/lib/interaction/clock-alerts";

async function letterRowsRead(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) as read from pg_stat_user_tables where relname = 'Letter'`,
    );
    return Number(rows[0]?.read ?? 0);
  } finally {
    await client.end();
  }
}

/** Reads until two readings a second apart agree: the exited backends' statistics have arrived. */
async function settledRowsRead(databaseUrl: string): Promise<number> {
  let previous = await letterRowsRead(databaseUrl);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const current = await letterRowsRead(databaseUrl);
    if (current === previous) return current;
    previous = current;
  }
}

export async function measureSweep(databaseUrl: string) {
  // The letters it will look at (counted apart, before the timed run).
  const counting = createDb(databaseUrl);
  const candidates = (await findAlertCandidates(counting, new Date())).length;
  await counting.$disconnect();
  const before = await settledRowsRead(databaseUrl);
  const db = createDb(databaseUrl);
  const started = performance.now();
  const sent = await sendClockAlerts(db);
  const ms = Math.round(performance.now() - started);
  await db.$disconnect();
  const after = await settledRowsRead(databaseUrl);
  return { ms, sent, candidates, letterRowsRead: after - before };
}
