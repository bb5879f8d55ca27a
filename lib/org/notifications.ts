import { getDb, type Tx } from "@/lib/db/client";
import { unauthenticated } from "@/lib/errors";
import type { Principal } from "@/lib/auth/permissions";

// In-app notifications: review tasks, returns, publication results. Written in the transaction
// of the change they announce. A notification that asks for work names its task; it is marked
// done in the transaction that does or ends that work, so the list never asks for finished work.

export async function notify(
  tx: Tx,
  userIds: Iterable<string>,
  title: string,
  link: string | null,
  task: string | null = null,
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length)
    await tx.notification.createMany({ data: unique.map((userId) => ({ userId, title, link, task })) });
}

/**
 * Marks the open notifications of a task done (`task` exact, or every task starting with
 * `prefix`), for the given users only when `userIds` is set, except `keepUserIds`.
 */
export async function completeTasks(
  tx: Tx,
  match: { task: string } | { prefix: string },
  options: { userIds?: string[]; keepUserIds?: string[] } = {},
): Promise<number> {
  const userId =
    options.userIds || options.keepUserIds?.length
      ? {
          ...(options.userIds ? { in: options.userIds } : {}),
          ...(options.keepUserIds?.length ? { notIn: options.keepUserIds } : {}),
        }
      : undefined;
  const { count } = await tx.notification.updateMany({
    where: {
      task: "task" in match ? match.task : { startsWith: match.prefix },
      doneAt: null,
      ...(userId ? { userId } : {}),
    },
    data: { doneAt: new Date() },
  });
  return count;
}

export async function listNotifications(actor: Principal | null, take = 30) {
  if (!actor) throw unauthenticated();
  const db = getDb();
  const [items, unread] = await Promise.all([
    db.notification.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take }),
    // A done task no longer waits for the reader, read or not.
    db.notification.count({ where: { userId: actor.id, readAt: null, doneAt: null } }),
  ]);
  return { items, unread };
}

export async function markNotificationsRead(actor: Principal | null): Promise<void> {
  if (!actor) throw unauthenticated();
  await getDb().notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
}
