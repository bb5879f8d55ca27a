import { getDb, type Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { DomainError } from "@/lib/errors";
import { notify } from "@/lib/org/notifications";
import { withPortalSync } from "@/lib/cache/portal-sync";
import { publishInstance } from "@/lib/publish/publish";

const MAX_ATTEMPTS = 3;

/**
 * Runs every due scheduled publication once. Each is claimed with a row lock (SKIP LOCKED) and
 * its status checked inside the transaction, so two workers, or a worker restarted mid-run,
 * never publish twice. A refused publication is marked failed with its reason and the editor
 * is told; an unexpected error is retried on the next run, then marked failed. Returns when
 * every live portal server has applied what the run published.
 */
export async function publishDueSchedules(
  db: Db = getDb(),
  now = new Date(),
): Promise<{ published: number; failed: number }> {
  return withPortalSync(() => publishEachDue(db, now));
}

async function publishEachDue(db: Db, now: Date): Promise<{ published: number; failed: number }> {
  const due = await db.publicationSchedule.findMany({
    where: { status: "PENDING", runAt: { lte: now } },
    select: { id: true },
    orderBy: { runAt: "asc" },
  });
  let published = 0;
  let failed = 0;
  for (const { id } of due) {
    const outcome = await db
      .$transaction(async (tx) => {
        // The resource first, as every publish path locks it (see lockResourceAndInstance).
        const target = await tx.publicationSchedule.findUniqueOrThrow({
          where: { id },
          select: { instance: { select: { resourceId: true } } },
        });
        await tx.$queryRaw`select id from "Resource" where id = ${target.instance.resourceId}::uuid for update`;
        const [claimed] = await tx.$queryRaw<{ id: string }[]>`
          select id from "PublicationSchedule" where id = ${id}::uuid and status = 'PENDING' for update skip locked`;
        if (!claimed) return "skipped" as const;
        const schedule = await tx.publicationSchedule.findUniqueOrThrow({ where: { id } });
        await publishInstance(tx, schedule.instanceId, { actorId: null, role: null, via: "schedule" });
        await tx.publicationSchedule.update({
          where: { id },
          data: { status: "DONE", finishedAt: new Date(), attempts: { increment: 1 } },
        });
        return "published" as const;
      })
      .catch(async (error: unknown) => {
        const expected = error instanceof DomainError;
        const schedule = await db.publicationSchedule.update({
          where: { id },
          data: { attempts: { increment: 1 } },
          include: { instance: { include: { revision: { select: { title: true } } } } },
        });
        if (!expected && schedule.attempts < MAX_ATTEMPTS) return "retry" as const;
        const reason = expected ? error.message : `系统错误：${error instanceof Error ? error.message : String(error)}`;
        await db.$transaction(async (tx) => {
          await tx.publicationSchedule.update({
            where: { id },
            data: { status: "FAILED", error: reason, finishedAt: new Date() },
          });
          await recordAudit(tx, {
            actorId: null,
            action: "publication.schedule.fail",
            subject: `resource:${schedule.instance.resourceId}`,
            data: { scheduleId: id, reason },
          });
          await notify(
            tx,
            [schedule.createdById],
            `定时发布失败：${schedule.instance.revision.title}（${reason}）`,
            `/admin/library/${schedule.instance.resourceId}`,
          );
        });
        return "failed" as const;
      });
    if (outcome === "published") published += 1;
    if (outcome === "failed") failed += 1;
  }
  return { published, failed };
}
