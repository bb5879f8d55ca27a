import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/health";
import { getDb } from "@/lib/db/client";
import { recordHeartbeat, startJobRunner, WORKER_STATE_KEY } from "@/lib/jobs/runner";

describe("checkHealth", () => {
  // Each test sets the worker state it reads: the file's database is shared, and test order must not matter.
  it("is degraded while no background worker has ever beaten", async () => {
    await getDb().platformState.deleteMany({ where: { key: WORKER_STATE_KEY } });
    expect(await checkHealth()).toMatchObject({
      status: "degraded",
      database: "ok",
      search: { engine: "postgres", status: "ok" },
      jobs: { status: "unknown" },
    });
  });

  it("is ok with PostgreSQL search and a live worker", async () => {
    await recordHeartbeat("test-worker");
    expect(await checkHealth()).toMatchObject({ status: "ok", jobs: { status: "ok" } });
  });

  it("is degraded when the worker's last beat is older than three minutes", async () => {
    await recordHeartbeat("test-worker");
    await getDb().platformState.update({
      where: { key: WORKER_STATE_KEY },
      data: { value: { workerId: "test-worker", at: new Date(Date.now() - 4 * 60_000).toISOString() } },
    });
    expect(await checkHealth()).toMatchObject({ status: "degraded", jobs: { status: "stale" } });
  });

  it("the job runner starts on the database's own queue and beats at once", async () => {
    const runner = await startJobRunner(process.env.DATABASE_URL!, "runner-test", () => {});
    try {
      expect(await checkHealth()).toMatchObject({ status: "ok", jobs: { status: "ok" } });
      const value = (await getDb().platformState.findUniqueOrThrow({ where: { key: WORKER_STATE_KEY } })).value;
      expect(value).toMatchObject({ workerId: "runner-test" });
    } finally {
      await runner.stop();
    }
  });
});
