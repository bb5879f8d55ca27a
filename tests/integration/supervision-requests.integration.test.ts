import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { requestSupervisionRun, runSupervisionRequest } from "@/lib/supervision/requests";
import { actorFor, fileDb } from "./helpers";
import { refused } from "./support/interaction";

// #28 item 3: 立即检查 and 开展检查 are stored and queued for the jobs worker, which runs them (the
// portal no longer does); one of a kind at a time, refused in Chinese while one is queued or
// running; a replayed job runs nothing twice; only the supervising unit may ask.

let supervisor: Actor;
let siteAdmin: Actor;

beforeAll(async () => {
  await fileDb();
  [supervisor, siteAdmin] = await Promise.all([actorFor("supervisor"), actorFor("siteadmin")]);
});

describe("后台检查请求", () => {
  it("queues 立即检查, refuses a second while it waits or runs, runs it once in the worker", async () => {
    const db = getDb();
    const request = await requestSupervisionRun(supervisor, "monitors", {});
    expect(request).toMatchObject({ state: "QUEUED", kind: "monitors", startedAt: null });
    // Nothing ran yet: no check run was started by this request.
    expect(await db.checkRun.count({ where: { startedById: supervisor.id } })).toBe(0);

    const second = await refused(() => requestSupervisionRun(supervisor, "monitors", {}), "CONFLICT");
    expect(second.message).toBe("已有一次立即检查排队中，请待其完成后再试。");
    expect(await db.supervisionRequest.count({ where: { kind: "monitors" } })).toBe(1);

    const outcome = await runSupervisionRequest(db, request.id);
    expect(outcome).toMatchObject({ sites: expect.any(Number), accounts: expect.any(Number) });
    const done = await db.supervisionRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(done.state).toBe("DONE");
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());
    expect(await db.checkRun.count({ where: { startedById: supervisor.id, trigger: "manual" } })).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { actorId: supervisor.id, action: { in: ["supervision.request", "supervision.run"] } },
      }),
    ).toBe(2);

    // A replayed job finds the request taken and runs nothing.
    expect(await runSupervisionRequest(db, request.id)).toBeNull();
    expect(await db.checkRun.count({ where: { startedById: supervisor.id, trigger: "manual" } })).toBe(1);
    // Done, a new one may be asked for.
    const next = await requestSupervisionRun(supervisor, "monitors", {});
    expect(next.id).not.toBe(request.id);
    await runSupervisionRequest(db, next.id);
  });

  it("refuses while running, and queues 开展检查 for its quarter apart from 立即检查", async () => {
    const db = getDb();
    const monitors = await requestSupervisionRun(supervisor, "monitors", {});
    await db.supervisionRequest.update({
      where: { id: monitors.id },
      data: { state: "RUNNING", startedAt: new Date() },
    });
    const busy = await refused(() => requestSupervisionRun(supervisor, "monitors", {}), "CONFLICT");
    expect(busy.message).toContain("检查中");

    const inspection = await requestSupervisionRun(supervisor, "inspection", { period: "2026q3" });
    expect(inspection).toMatchObject({ kind: "inspection", period: "2026Q3", state: "QUEUED" });
    await refused(() => requestSupervisionRun(supervisor, "inspection", { period: "2026Q3" }), "CONFLICT");
    const outcome = await runSupervisionRequest(db, inspection.id);
    expect(outcome).toMatchObject({ period: "2026Q3", sites: expect.any(Number) });
    expect(await db.inspection.findUnique({ where: { period: "2026Q3" } })).not.toBeNull();
    await db.supervisionRequest.update({ where: { id: monitors.id }, data: { state: "DONE", finishedAt: new Date() } });
  });

  it("refuses a malformed quarter and other units, changing nothing", async () => {
    const db = getDb();
    const before = await db.supervisionRequest.count();
    const bad = await refused(() => requestSupervisionRun(supervisor, "inspection", { period: "2026-4" }), "INVALID");
    expect(bad.message).toContain("季度格式");
    await refused(() => requestSupervisionRun(siteAdmin, "monitors", {}), "FORBIDDEN");
    await refused(() => requestSupervisionRun(siteAdmin, "inspection", {}), "FORBIDDEN");
    await refused(() => requestSupervisionRun(null, "monitors", {}), "UNAUTHENTICATED");
    expect(await db.supervisionRequest.count()).toBe(before);
  });
});
