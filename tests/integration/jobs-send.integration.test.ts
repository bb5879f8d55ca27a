import { afterAll, beforeAll, describe, expect, it } from "vitest";
import PgBoss from "pg-boss";
import { getDb } from "@/lib/db/client";
import { JOB_SCHEMA } from "@/lib/db/job-schema";
import { queueExists, sendOnTransaction } from "@/lib/jobs/send";
import { fileDb } from "./helpers";

// #29 (duplicates folded): one helper queues a pg-boss job on the caller's transaction, for the
// channel deliveries and the supervision requests alike. A job exists exactly when the caller's
// transaction committed; a queue no worker has created yet queues nothing and says so.

const QUEUE = "jobs-send-test";
let boss: PgBoss;

beforeAll(async () => {
  await fileDb();
  boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: JOB_SCHEMA, migrate: false });
  boss.on("error", () => {});
  await boss.start();
  await boss.createQueue(QUEUE);
});

afterAll(async () => {
  await boss.stop({ graceful: false, wait: true, timeout: 1000 });
});

const jobsOf = async (marker: string) =>
  (
    await getDb().$queryRawUnsafe<{ n: number }[]>(
      `select count(*)::int as n from ${JOB_SCHEMA}.job where name = $1 and data->>'marker' = $2`,
      QUEUE,
      marker,
    )
  )[0]!.n;

describe("sending a job on the caller's transaction", () => {
  it("queues the job with the transaction's commit, with its options", async () => {
    const db = getDb();
    const id = await db.$transaction((tx) =>
      sendOnTransaction(tx, QUEUE, { marker: "committed", at: new Date("2026-12-07T02:00:00Z") }, { startAfter: 60 }),
    );
    expect(id).toEqual(expect.any(String));
    const [job] = await db.$queryRawUnsafe<{ later: boolean; data: { at: string } }[]>(
      `select start_after > now() as later, data from ${JOB_SCHEMA}.job where id = $1::uuid`,
      id,
    );
    expect(job).toEqual({ later: true, data: { marker: "committed", at: "2026-12-07T02:00:00.000Z" } });
  });

  it("leaves no job when the transaction rolls back", async () => {
    const db = getDb();
    await expect(
      db.$transaction(async (tx) => {
        await sendOnTransaction(tx, QUEUE, { marker: "rolled-back" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await jobsOf("rolled-back")).toBe(0);
  });

  it("queues nothing on a queue no worker has created, and says so", async () => {
    const db = getDb();
    expect(await queueExists(db, "no-such-queue")).toBe(false);
    expect(await queueExists(db, QUEUE)).toBe(true);
    expect(await sendOnTransaction(db, "no-such-queue", { marker: "nowhere" })).toBeUndefined();
  });
});
