import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { requestSupervisionRun } from "@/lib/supervision/requests";
import { runSupervisionTask } from "@/lib/supervision/thread";
import { actorFor, fileDb } from "./helpers";

// #28 "Speed": the jobs process runs the full supervision runs (the daily run, 立即检查, 开展检查) in
// a thread of their own at the lowest CPU priority (SUPERVISION_NICE, 19), the rest of the process
// and the portal it starts keeping theirs; SUPERVISION_NICE=0 runs them on the jobs thread.

let supervisor: Actor;

beforeAll(async () => {
  await fileDb();
  supervisor = await actorFor("supervisor");
});

describe("监管后台检查线程", () => {
  it("runs a request in the supervision thread at nice 19, once", async () => {
    const db = getDb();
    const request = await requestSupervisionRun(supervisor, "monitors", {});
    const logs: string[] = [];
    const outcome = await runSupervisionTask(
      db,
      { kind: "request", requestId: request.id },
      (line) => logs.push(line),
      19,
    );
    expect(outcome).toMatchObject({ sites: expect.any(Number), accounts: expect.any(Number) });
    expect(logs.join("\n")).toContain("nice 19, SCHED_IDLE");
    expect((await db.supervisionRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("DONE");
    // Replayed: the thread finds it taken and runs nothing.
    expect(await runSupervisionTask(db, { kind: "request", requestId: request.id }, () => {}, 19)).toBeNull();
  });

  it("runs on the jobs thread itself at SUPERVISION_NICE=0", async () => {
    const db = getDb();
    const request = await requestSupervisionRun(supervisor, "inspection", {});
    const logs: string[] = [];
    const outcome = await runSupervisionTask(
      db,
      { kind: "request", requestId: request.id },
      (line) => logs.push(line),
      0,
    );
    expect(outcome).toMatchObject({ period: expect.any(String) });
    expect(logs.join("\n")).not.toContain("nice");
  });
});
