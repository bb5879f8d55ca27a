import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { messages } from "@/lib/i18n/zh-CN";
import { requestSupervisionRun, runSupervisionRequest } from "@/lib/supervision/requests";
import { supervisionRunActive, withSupervisionRunLock } from "@/lib/supervision/run-lock";
import { actorFor, fileDb } from "./helpers";

// #28 "Speed": the full supervision runs never overlap — the daily run, 立即检查 and 开展检查 hold
// one PostgreSQL advisory lock for their length and a second waits (a queued request says what it
// waits for on its page).

let supervisor: Actor;

beforeAll(async () => {
  await fileDb();
  supervisor = await actorFor("supervisor");
});

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("监管全量检查互斥", () => {
  it("keeps 立即检查 queued, with its reason, while the daily run holds the lock, then runs it", async () => {
    const db = getDb();
    const daily = gate();
    const entered = gate();
    // The daily run, as the jobs worker holds the lock for it (here: until the gate opens).
    const holding = withSupervisionRunLock(db, async () => {
      entered.open();
      await daily.opened;
      return "daily";
    });
    await entered.opened;
    expect(await supervisionRunActive(db)).toBe(true);

    const request = await requestSupervisionRun(supervisor, "monitors", {});
    const running = runSupervisionRequest(db, request.id, undefined, { pollMs: 50 });
    await settle(400);
    const waiting = await db.supervisionRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(waiting).toMatchObject({
      state: "QUEUED",
      startedAt: null,
      waitReason: messages.supervision.requests.waiting,
    });
    expect(await db.checkRun.count({ where: { startedById: supervisor.id } })).toBe(0);

    daily.open();
    expect(await holding).toBe("daily");
    expect(await running).toMatchObject({ sites: expect.any(Number) });
    const done = await db.supervisionRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(done).toMatchObject({ state: "DONE", waitReason: null });
    expect(await supervisionRunActive(db)).toBe(false);
  });

  it("runs two full runs one after the other, never both at once", async () => {
    const db = getDb();
    const order: string[] = [];
    const run = (name: string) =>
      withSupervisionRunLock(
        db,
        async () => {
          order.push(`${name} start`);
          await settle(200);
          order.push(`${name} end`);
        },
        { pollMs: 20 },
      );
    await Promise.all([run("a"), settle(50).then(() => run("b"))]);
    expect(order).toEqual(["a start", "a end", "b start", "b end"]);
  });

  it("releases the lock when a run fails", async () => {
    const db = getDb();
    await expect(
      withSupervisionRunLock(db, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await supervisionRunActive(db)).toBe(false);
  });
});
