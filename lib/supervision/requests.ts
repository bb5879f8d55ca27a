import type { Prisma } from "@/lib/db/generated/client";
import { getDb, type Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import { conflict, DomainError } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { chinaToday } from "@/lib/time/china";
import { parseInput } from "@/lib/validation/parse";
import { quarterOf } from "@/lib/supervision/scoring";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { runInspection, ZRunInspection } from "@/lib/supervision/run-inspection";
import { supervisionBackground } from "@/lib/supervision/background";
import { enqueueRequest, STALE_AFTER_MS } from "@/lib/supervision/request-queue";
import { withSupervisionRunLock, type RunLockOptions } from "@/lib/supervision/run-lock";

// 立即检查 and 开展检查 (#28 item 3): the back office asks, the jobs worker runs. A request is stored
// and its job queued in one transaction; the worker runs it through the supervision pool (low
// priority, paced) and records when it started and finished and what it found. One request of a
// kind at a time: a second is refused while one is queued or running. A request left "running" by a
// worker that died stops blocking after STALE_AFTER_MS. Full runs of any kind (the daily run too)
// never overlap: the second waits for the first (lib/supervision/run-lock.ts).

export { SUPERVISION_REQUEST_QUEUE, enqueueRequest, requeueWaitingRequests } from "@/lib/supervision/request-queue";
export type RequestKind = "monitors" | "inspection";
const REQUEST_LOCK = 7_245_028;

const activeWhere = (kind: RequestKind, now: Date): Prisma.SupervisionRequestWhereInput => ({
  kind,
  state: { in: ["QUEUED", "RUNNING"] },
  requestedAt: { gt: new Date(now.getTime() - STALE_AFTER_MS) },
});

/**
 * 立即检查 (kind "monitors") or 开展检查 (kind "inspection", with its quarter): stored and queued for
 * the worker; refused while one of the same kind is queued or running.
 */
export async function requestSupervisionRun(
  actor: Principal | null,
  kind: RequestKind,
  input: unknown = {},
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const role = await assertCan(
    actor,
    kind === "monitors" ? "supervision.run" : "supervision.inspection.run",
    "platform",
  );
  const period =
    kind === "inspection" ? (parseInput(ZRunInspection, input).period ?? quarterOf(chinaToday(now))) : null;
  const t = messages.supervision.requests;
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(${REQUEST_LOCK}, hashtext(${kind}))`;
    const active = await tx.supervisionRequest.findFirst({ where: activeWhere(kind, now), select: { state: true } });
    if (active) throw conflict(t.busy[kind](t.states[active.state]));
    const request = await tx.supervisionRequest.create({
      data: { kind, period, requestedById: actor!.id, requestedAt: now },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "supervision.request",
      subject: `supervision-request:${request.id}`,
      data: { requestKind: kind, period },
      ...context,
    });
    await enqueueRequest(tx, request.id);
    return request;
  });
}

/** The requester as the use cases check them (their roles in units still active). */
async function principalOf(db: Db, userId: string): Promise<Principal> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    include: { memberships: { include: { org: true } } },
  });
  return {
    id: user.id,
    memberships: user.memberships
      .filter((membership) => membership.org.active)
      .map((membership) => ({
        orgId: membership.orgId,
        role: membership.role,
        isRootOrg: membership.org.parentId === null,
      })),
  };
}

/**
 * Runs one queued request in the worker. A request already taken (a replayed job) is left alone.
 * Returns what it found, or null when there was nothing to run.
 */
export async function runSupervisionRequest(
  db: Db,
  requestId: string,
  now: () => Date = () => new Date(),
  lock: Pick<RunLockOptions, "pollMs"> = {},
) {
  const queued = await db.supervisionRequest.findFirst({
    where: { id: requestId, state: "QUEUED" },
    select: { id: true },
  });
  if (!queued) return null;
  // One full run at a time: while the daily run or another request runs, this one stays 排队中 and
  // its page says what it waits for.
  return withSupervisionRunLock(db, () => runTaken(db, requestId, now), {
    ...lock,
    onWait: async () => {
      await db.supervisionRequest.updateMany({
        where: { id: requestId, state: "QUEUED" },
        data: { waitReason: messages.supervision.requests.waiting },
      });
    },
  });
}

async function runTaken(db: Db, requestId: string, now: () => Date) {
  const taken = await db.supervisionRequest.updateMany({
    where: { id: requestId, state: "QUEUED" },
    data: { state: "RUNNING", startedAt: now(), waitReason: null },
  });
  if (!taken.count) return null;
  const request = await db.supervisionRequest.findUniqueOrThrow({ where: { id: requestId } });
  try {
    const actor = await principalOf(db, request.requestedById);
    const background = supervisionBackground();
    let outcome: Record<string, unknown>;
    if (request.kind === "monitors") {
      const role = await assertCan(actor, "supervision.run", "platform");
      const run = await runMonitors(background.db, {
        trigger: "manual",
        now: now(),
        startedById: actor.id,
        pacer: background.pacer,
      });
      outcome = {
        sites: run.reports.filter((report) => report.kind === "site").length,
        accounts: run.reports.filter((report) => report.kind === "account").length,
        opened: run.changes.opened,
        resolved: run.changes.resolved,
        ticketsOpened: run.changes.ticketsOpened,
        ticketsClosed: run.changes.ticketsClosed,
      };
      await db.$transaction((tx) =>
        recordAudit(tx, {
          actorId: actor.id,
          role,
          action: "supervision.run",
          subject: `check-run:${run.runId}`,
          data: {
            sites: outcome.sites,
            accounts: outcome.accounts,
            opened: outcome.opened,
            resolved: outcome.resolved,
            ticketsOpened: outcome.ticketsOpened,
            ticketsClosed: outcome.ticketsClosed,
          },
        }),
      );
    } else {
      const { summary, period } = await runInspection(actor, { period: request.period }, {}, now(), {
        reader: background.db,
        pacer: background.pacer,
      });
      outcome = {
        period,
        sites: summary.websites.total,
        sitesPassed: summary.websites.passed,
        accounts: summary.accounts.total,
        accountsPassed: summary.accounts.passed,
      };
    }
    await db.supervisionRequest.update({
      where: { id: requestId },
      data: { state: "DONE", finishedAt: now(), outcome: outcome as Prisma.InputJsonValue },
    });
    return outcome;
  } catch (error) {
    const message = error instanceof DomainError ? error.message : messages.supervision.requests.failed;
    await db.supervisionRequest.update({
      where: { id: requestId },
      data: { state: "FAILED", finishedAt: now(), error: message },
    });
    if (!(error instanceof DomainError)) throw error;
    return null;
  }
}

/** The latest request of a kind, for the page (排队中 / 检查中 / 已完成 with times). */
export async function latestRequest(db: Db, kind: RequestKind) {
  return db.supervisionRequest.findFirst({ where: { kind }, orderBy: { requestedAt: "desc" } });
}

/** The latest request of a kind as its page shows it, for those who may ask for one (null otherwise). */
export async function requestStatusFor(actor: Principal | null, kind: RequestKind) {
  const allowed = await can(actor, kind === "monitors" ? "supervision.run" : "supervision.inspection.run", "platform");
  if (!allowed) return null;
  const request = await latestRequest(getDb(), kind);
  return { request };
}
