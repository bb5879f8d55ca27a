import type { Db, Tx } from "@/lib/db/client";
import { sendOnTransaction } from "@/lib/jobs/send";

// The queue side of 立即检查 / 开展检查 (lib/supervision/requests.ts): queuing a request's job and,
// at the worker's start, queuing again the ones no worker took. Apart from the requests themselves
// so that the worker starts without loading the monitors (they load with the first request).

export const SUPERVISION_REQUEST_QUEUE = "supervision-requests";
export const STALE_AFTER_MS = 2 * 3_600_000;

/** Queues the request's job on `db`; false when the queue does not exist yet (the worker's start sweeps). */
export async function enqueueRequest(db: Db | Tx, requestId: string): Promise<boolean> {
  return (await sendOnTransaction(db, SUPERVISION_REQUEST_QUEUE, { requestId })) !== undefined;
}

/** At the worker's start: requests queued while no worker listened (or whose job was lost) are queued again. */
export async function requeueWaitingRequests(db: Db, now: Date = new Date()): Promise<number> {
  const waiting = await db.supervisionRequest.findMany({
    where: { state: "QUEUED", requestedAt: { gt: new Date(now.getTime() - STALE_AFTER_MS) } },
    select: { id: true },
  });
  for (const request of waiting) await enqueueRequest(db, request.id);
  return waiting.length;
}
