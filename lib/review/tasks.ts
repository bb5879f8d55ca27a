import type { Tx } from "@/lib/db/client";
import { completeTasks } from "@/lib/org/notifications";

// Review tasks (待审核 notifications): one per stage of an instance and signer. A task is done
// when its holder signs everything they may sign of the stage, when someone else completes the
// stage, and when the review ends (approved, returned, rejected, cancelled or superseded).

export function reviewTask(instanceId: string, stagePosition: number): string {
  return `review:${instanceId}:${stagePosition}`;
}

/** Every open task of these reviews is done: they ended. */
export async function closeReviewTasks(tx: Tx, instanceIds: string[]): Promise<void> {
  for (const instanceId of instanceIds) await completeTasks(tx, { prefix: `review:${instanceId}:` });
}

/** The stage's tasks are done for everyone but `stillAsked` (who may still sign something of it). */
export async function closeStageTasks(
  tx: Tx,
  instanceId: string,
  stagePosition: number,
  stillAsked: string[],
): Promise<void> {
  await completeTasks(tx, { task: reviewTask(instanceId, stagePosition) }, { keepUserIds: stillAsked });
}
