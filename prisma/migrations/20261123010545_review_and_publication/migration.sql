-- CreateEnum
CREATE TYPE "StageType" AS ENUM ('ROLE_APPROVAL', 'CHECKS', 'DIRECT_RESPONSIBLE', 'FIRST_RESPONSIBLE');

-- CreateEnum
CREATE TYPE "StageCondition" AS ENUM ('ALWAYS', 'FLAGGED');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('IN_PROGRESS', 'APPROVED', 'RETURNED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PublishMode" AS ENUM ('ON_APPROVAL', 'SCHEDULED', 'MANUAL');

-- CreateEnum
CREATE TYPE "Decision" AS ENUM ('APPROVE', 'RETURN', 'REJECT');

-- CreateEnum
CREATE TYPE "ScheduleStatus" AS ENUM ('PENDING', 'DONE', 'FAILED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "contentHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "correctionNote" TEXT,
ADD COLUMN     "publishedById" UUID,
ADD COLUMN     "reviewInstanceId" UUID,
ADD COLUMN     "supersededAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnById" UUID;

-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ReviewCheck" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ReviewCheck_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Workflow" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "orgId" UUID,
    "kind" "ResourceKind",
    "allowSameSigner" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Workflow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowStage" (
    "id" UUID NOT NULL,
    "workflowId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" "StageType" NOT NULL,
    "role" "Role",
    "checks" TEXT[],
    "condition" "StageCondition" NOT NULL DEFAULT 'ALWAYS',

    CONSTRAINT "WorkflowStage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewInstance" (
    "id" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "contentHash" TEXT NOT NULL,
    "workflowId" UUID NOT NULL,
    "workflowName" TEXT NOT NULL,
    "stages" JSONB NOT NULL,
    "allowSameSigner" BOOLEAN NOT NULL DEFAULT false,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "flagReason" TEXT,
    "status" "ReviewStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "currentStage" INTEGER NOT NULL DEFAULT 0,
    "stageSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "findings" JSONB NOT NULL,
    "publishMode" "PublishMode" NOT NULL DEFAULT 'ON_APPROVAL',
    "publishAt" TIMESTAMP(3),
    "columnIds" UUID[],
    "correctionNote" TEXT,
    "submittedById" UUID NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ReviewInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignOff" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "stagePosition" INTEGER NOT NULL,
    "stageName" TEXT NOT NULL,
    "check" TEXT,
    "userId" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "decision" "Decision" NOT NULL,
    "reason" TEXT,
    "contentHash" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrecheckOverride" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "findings" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrecheckOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicationSchedule" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL,
    "status" "ScheduleStatus" NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PublicationSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxCursor" (
    "consumer" TEXT NOT NULL,
    "lastId" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "OutboxCursor_pkey" PRIMARY KEY ("consumer")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowStage_workflowId_position_key" ON "WorkflowStage"("workflowId", "position");

-- CreateIndex
CREATE INDEX "ReviewInstance_status_currentStage_idx" ON "ReviewInstance"("status", "currentStage");

-- CreateIndex
CREATE INDEX "ReviewInstance_resourceId_submittedAt_idx" ON "ReviewInstance"("resourceId", "submittedAt");

-- CreateIndex
CREATE INDEX "SignOff_instanceId_stagePosition_idx" ON "SignOff"("instanceId", "stagePosition");

-- CreateIndex
CREATE INDEX "PrecheckOverride_instanceId_idx" ON "PrecheckOverride"("instanceId");

-- CreateIndex
CREATE INDEX "ReviewComment_instanceId_idx" ON "ReviewComment"("instanceId");

-- CreateIndex
CREATE INDEX "PublicationSchedule_status_runAt_idx" ON "PublicationSchedule"("status", "runAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_topic_id_idx" ON "OutboxEvent"("topic", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_reviewInstanceId_key" ON "Publication"("reviewInstanceId");

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_reviewInstanceId_fkey" FOREIGN KEY ("reviewInstanceId") REFERENCES "ReviewInstance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowStage" ADD CONSTRAINT "WorkflowStage_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewInstance" ADD CONSTRAINT "ReviewInstance_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewInstance" ADD CONSTRAINT "ReviewInstance_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewInstance" ADD CONSTRAINT "ReviewInstance_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewInstance" ADD CONSTRAINT "ReviewInstance_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ReviewInstance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrecheckOverride" ADD CONSTRAINT "PrecheckOverride_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ReviewInstance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrecheckOverride" ADD CONSTRAINT "PrecheckOverride_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ReviewInstance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationSchedule" ADD CONSTRAINT "PublicationSchedule_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ReviewInstance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───── Custom SQL (not expressible in schema.prisma, hence the custom_ prefix) ─────

-- Publications imported before this migration carry their revision's content hash.
UPDATE "Publication" p SET "contentHash" = r."contentHash" FROM "Revision" r WHERE r."id" = p."revisionId";

-- Review before publish (DESIGN invariant 2), also at the database: a reviewed publication names
-- its completed review instance.
ALTER TABLE "Publication" ADD CONSTRAINT "custom_Publication_reviewed_has_instance"
  CHECK ("origin" = 'IMPORTED' OR "reviewInstanceId" IS NOT NULL);

-- At most one live publication per resource (a correction supersedes the previous one).
CREATE UNIQUE INDEX "custom_Publication_one_live" ON "Publication" ("resourceId")
  WHERE "withdrawnAt" IS NULL AND "supersededAt" IS NULL;

-- At most one running review per resource.
CREATE UNIQUE INDEX "custom_ReviewInstance_one_open" ON "ReviewInstance" ("resourceId") WHERE "status" = 'IN_PROGRESS';

-- At most one pending scheduled publication per review instance.
CREATE UNIQUE INDEX "custom_PublicationSchedule_one_pending" ON "PublicationSchedule" ("instanceId") WHERE "status" = 'PENDING';

-- One workflow per unit and kind, the platform default (NULL unit) included.
CREATE UNIQUE INDEX "custom_Workflow_org_kind" ON "Workflow" ("orgId", "kind") NULLS NOT DISTINCT;

-- Sign-offs and overrides are the accountability record: append-only.
CREATE FUNCTION "review_record_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "SignOff_append_only" BEFORE UPDATE OR DELETE ON "SignOff"
  FOR EACH ROW EXECUTE FUNCTION "review_record_append_only"();
CREATE TRIGGER "PrecheckOverride_append_only" BEFORE UPDATE OR DELETE ON "PrecheckOverride"
  FOR EACH ROW EXECUTE FUNCTION "review_record_append_only"();

-- The five checks of seed 000 (政治关、法律关、政策关、保密关、文字关), configurable afterwards.
INSERT INTO "ReviewCheck" ("code", "name", "position") VALUES
  ('politics', '政治关', 1), ('law', '法律关', 2), ('policy', '政策关', 3), ('secrecy', '保密关', 4), ('wording', '文字关', 5)
ON CONFLICT ("code") DO NOTHING;

-- The platform default workflow, as seed 000 describes it: the five checks, then the directly
-- responsible person, then the first responsible person for sensitive or major information.
WITH w AS (
  INSERT INTO "Workflow" ("id", "name", "orgId", "kind", "allowSameSigner")
  VALUES (gen_random_uuid(), '五关审核、责任人审批（平台默认）', NULL, NULL, false) RETURNING "id"
)
INSERT INTO "WorkflowStage" ("id", "workflowId", "position", "name", "type", "role", "checks", "condition")
SELECT gen_random_uuid(), w."id", s.position, s.name, s.type::"StageType", NULL, s.checks, s.condition::"StageCondition"
FROM w, (VALUES
  (0, '五关审核', 'CHECKS', ARRAY['politics', 'law', 'policy', 'secrecy', 'wording'], 'ALWAYS'),
  (1, '直接责任人审批', 'DIRECT_RESPONSIBLE', ARRAY[]::text[], 'ALWAYS'),
  (2, '第一责任人审批', 'FIRST_RESPONSIBLE', ARRAY[]::text[], 'FLAGGED')
) AS s(position, name, type, checks, condition);
