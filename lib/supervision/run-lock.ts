import type { Db } from "@/lib/db/client";

// One full supervision run at a time (#28): the daily monitor run, 立即检查 and 开展检查 each read
// every site and account and reconcile the same findings; two at once would double the load on the
// portal's machine and race on the findings. Each holds a PostgreSQL advisory lock for the length of
// its run, whichever process (the jobs worker, a second worker, supervision:inspect) runs it; the
// second waits for the first to finish. The lock is a transaction's, held on one connection of the
// caller's pool: it is released when the run ends, and by PostgreSQL when the process dies.

const LOCK_CLASS = 7_245_029;
const LOCK_KEY = 1;
const POLL_MS = 2_000;
/** A run longer than this is a fault: the lock's transaction ends and the run with it. */
const HOLD_LIMIT_MS = 6 * 3_600_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type RunLockOptions = {
  /** Called once when the lock is held by another run, before waiting for it. */
  onWait?: () => Promise<void> | void;
  pollMs?: number;
};

/** Runs `run` while holding the supervision run lock, waiting for another run to finish first. */
export async function withSupervisionRunLock<T>(
  db: Db,
  run: () => Promise<T>,
  options: RunLockOptions = {},
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      let waited = false;
      for (;;) {
        const [row] = await tx.$queryRaw<{ locked: boolean }[]>`
          select pg_try_advisory_xact_lock(${LOCK_CLASS}::int, ${LOCK_KEY}::int) as locked`;
        if (row?.locked) break;
        if (!waited) {
          waited = true;
          await options.onWait?.();
        }
        await sleep(options.pollMs ?? POLL_MS);
      }
      return run();
    },
    { maxWait: 10_000, timeout: HOLD_LIMIT_MS },
  );
}

/** Whether a full supervision run holds the lock now (for the page and the tests). */
export async function supervisionRunActive(db: Db): Promise<boolean> {
  const [row] = await db.$queryRaw<{ held: boolean }[]>`
    select exists (select 1 from pg_locks where locktype = 'advisory' and classid = ${LOCK_CLASS}::int::oid
                   and objid = ${LOCK_KEY}::int::oid and granted) as held`;
  return row?.held ?? false;
}
