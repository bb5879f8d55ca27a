-- CreateEnum
CREATE TYPE "SubmissionState" AS ENUM ('SUBMITTED', 'ADOPTED', 'ADOPTED_EDITED', 'RETURNED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "SubmissionEventKind" AS ENUM ('SUBMIT', 'WITHDRAW', 'ADOPT', 'ADOPT_EDITED', 'RETURN', 'PUBLISH');

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "acceptsSubmissions" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Submission" (
    "id" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "fromOrgId" UUID NOT NULL,
    "submittedById" UUID NOT NULL,
    "toSiteId" UUID NOT NULL,
    "state" "SubmissionState" NOT NULL DEFAULT 'SUBMITTED',
    "note" TEXT,
    "reason" TEXT,
    "columnIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "adoptedResourceId" UUID,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnById" UUID,
    "returnedAt" TIMESTAMP(3),
    "returnedById" UUID,
    "adoptedAt" TIMESTAMP(3),
    "adoptedById" UUID,
    "publishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionEvent" (
    "id" BIGSERIAL NOT NULL,
    "submissionId" UUID NOT NULL,
    "kind" "SubmissionEventKind" NOT NULL,
    "fromState" "SubmissionState",
    "toState" "SubmissionState" NOT NULL,
    "userId" UUID,
    "orgId" UUID,
    "note" TEXT,
    "columnIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubmissionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Submission_toSiteId_state_submittedAt_idx" ON "Submission"("toSiteId", "state", "submittedAt");

-- CreateIndex
CREATE INDEX "Submission_fromOrgId_submittedAt_idx" ON "Submission"("fromOrgId", "submittedAt");

-- CreateIndex
CREATE INDEX "Submission_submittedById_submittedAt_idx" ON "Submission"("submittedById", "submittedAt");

-- CreateIndex
CREATE INDEX "Submission_resourceId_idx" ON "Submission"("resourceId");

-- CreateIndex
CREATE INDEX "Submission_adoptedResourceId_idx" ON "Submission"("adoptedResourceId");

-- CreateIndex
CREATE INDEX "SubmissionEvent_submissionId_id_idx" ON "SubmissionEvent"("submissionId", "id");

-- CreateIndex
CREATE INDEX "SubmissionEvent_kind_at_idx" ON "SubmissionEvent"("kind", "at");

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_fromOrgId_fkey" FOREIGN KEY ("fromOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_toSiteId_fkey" FOREIGN KEY ("toSiteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_adoptedResourceId_fkey" FOREIGN KEY ("adoptedResourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionEvent" ADD CONSTRAINT "SubmissionEvent_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionEvent" ADD CONSTRAINT "SubmissionEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ───── Custom SQL (not expressible in schema.prisma, hence the custom_ prefix) ─────
-- 报送: a resource is pending at most once per target site (a second submit while SUBMITTED is refused).
CREATE UNIQUE INDEX "custom_Submission_one_pending" ON "Submission" ("resourceId", "toSiteId")
  WHERE "state" = 'SUBMITTED';
-- A returned submission always says why (退回理由).
ALTER TABLE "Submission" ADD CONSTRAINT "custom_Submission_return_has_reason"
  CHECK ("state" <> 'RETURNED' OR ("reason" IS NOT NULL AND length(btrim("reason")) > 0));
