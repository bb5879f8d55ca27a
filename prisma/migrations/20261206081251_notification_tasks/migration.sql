-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "doneAt" TIMESTAMP(3),
ADD COLUMN     "task" TEXT;

-- CreateIndex
CREATE INDEX "Notification_task_idx" ON "Notification"("task");

-- Review tasks announced before tasks were recorded: those of reviews that have ended are done.
UPDATE "Notification" n
   SET "doneAt" = COALESCE(r."completedAt", CURRENT_TIMESTAMP)
  FROM "ReviewInstance" r
 WHERE n."title" LIKE '待审核（%'
   AND n."link" = '/admin/review/' || r."id"::text
   AND r."status" <> 'IN_PROGRESS';
