import { getDb, type Tx } from "@/lib/db/client";
import { unauthenticated } from "@/lib/errors";
import type { Principal } from "@/lib/auth/permissions";

// In-app notifications: review tasks, returns, publication results. Written in the transaction
// of the change they announce.

export async function notify(tx: Tx, userIds: Iterable<string>, title: string, link: string | null): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length) await tx.notification.createMany({ data: unique.map((userId) => ({ userId, title, link })) });
}

export async function listNotifications(actor: Principal | null, take = 30) {
  if (!actor) throw unauthenticated();
  const db = getDb();
  const [items, unread] = await Promise.all([
    db.notification.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take }),
    db.notification.count({ where: { userId: actor.id, readAt: null } }),
  ]);
  return { items, unread };
}

export async function markNotificationsRead(actor: Principal | null): Promise<void> {
  if (!actor) throw unauthenticated();
  await getDb().notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
}
