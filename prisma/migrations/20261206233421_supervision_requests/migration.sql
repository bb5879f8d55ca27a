-- CreateEnum
CREATE TYPE "SupervisionRequestState" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "SupervisionRequest" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT,
    "state" "SupervisionRequestState" NOT NULL DEFAULT 'QUEUED',
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "outcome" JSONB,
    "error" TEXT,

    CONSTRAINT "SupervisionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupervisionRequest_kind_requestedAt_idx" ON "SupervisionRequest"("kind", "requestedAt");
