-- CreateEnum
CREATE TYPE "CheckStatus" AS ENUM ('OK', 'WARN', 'FAIL');

-- CreateEnum
CREATE TYPE "FindingState" AS ENUM ('OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "TicketState" AS ENUM ('OPEN', 'REPORTED', 'CLOSED');

-- CreateTable
CREATE TABLE "CheckRun" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "checks" TEXT[],
    "measuredAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "startedById" UUID,

    CONSTRAINT "CheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckResult" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "siteId" UUID,
    "accountId" UUID,
    "name" TEXT NOT NULL,
    "veto" BOOLEAN NOT NULL,
    "status" "CheckStatus" NOT NULL,
    "measured" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "warnAt" DOUBLE PRECISION,
    "unit" TEXT,
    "evidence" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AvailabilityProbe" (
    "id" BIGSERIAL NOT NULL,
    "siteId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "url" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "httpStatus" INTEGER,
    "elapsedMs" INTEGER NOT NULL,
    "error" TEXT,

    CONSTRAINT "AvailabilityProbe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionThreshold" (
    "indicator" TEXT NOT NULL,
    "veto" DOUBLE PRECISION NOT NULL,
    "warn" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SupervisionThreshold_pkey" PRIMARY KEY ("indicator")
);

-- CreateTable
CREATE TABLE "ColumnCadence" (
    "columnId" UUID NOT NULL,
    "class" TEXT NOT NULL,
    "days" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" UUID,

    CONSTRAINT "ColumnCadence_pkey" PRIMARY KEY ("columnId")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" UUID NOT NULL,
    "siteId" UUID,
    "accountId" UUID,
    "orgId" UUID NOT NULL,
    "check" TEXT NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "veto" BOOLEAN NOT NULL,
    "severity" "CheckStatus" NOT NULL,
    "state" "FindingState" NOT NULL DEFAULT 'OPEN',
    "summary" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "lastResultId" UUID,
    "notifiedAt" TIMESTAMP(3),
    "notifiedLevel" "CheckStatus",

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RectificationTicket" (
    "id" UUID NOT NULL,
    "serial" SERIAL NOT NULL,
    "findingId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "siteId" UUID,
    "accountId" UUID,
    "origin" TEXT NOT NULL,
    "state" "TicketState" NOT NULL DEFAULT 'OPEN',
    "requirement" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "openedById" UUID,
    "workingDays" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "clock" JSONB NOT NULL,
    "reportedAt" TIMESTAMP(3),
    "reportedById" UUID,
    "reportNote" TEXT,
    "escalatedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedById" UUID,
    "closedBy" TEXT,
    "closeNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RectificationTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketStep" (
    "id" BIGSERIAL NOT NULL,
    "ticketId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "userId" UUID,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CheckRun_startedAt_idx" ON "CheckRun"("startedAt");

-- CreateIndex
CREATE INDEX "CheckResult_runId_idx" ON "CheckResult"("runId");

-- CreateIndex
CREATE INDEX "CheckResult_siteId_name_at_idx" ON "CheckResult"("siteId", "name", "at");

-- CreateIndex
CREATE INDEX "CheckResult_accountId_name_at_idx" ON "CheckResult"("accountId", "name", "at");

-- CreateIndex
CREATE INDEX "AvailabilityProbe_siteId_at_idx" ON "AvailabilityProbe"("siteId", "at");

-- CreateIndex
CREATE INDEX "Finding_state_orgId_idx" ON "Finding"("state", "orgId");

-- CreateIndex
CREATE INDEX "Finding_siteId_check_key_idx" ON "Finding"("siteId", "check", "key");

-- CreateIndex
CREATE INDEX "Finding_accountId_check_key_idx" ON "Finding"("accountId", "check", "key");

-- CreateIndex
CREATE UNIQUE INDEX "RectificationTicket_serial_key" ON "RectificationTicket"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "RectificationTicket_findingId_key" ON "RectificationTicket"("findingId");

-- CreateIndex
CREATE INDEX "RectificationTicket_state_dueAt_idx" ON "RectificationTicket"("state", "dueAt");

-- CreateIndex
CREATE INDEX "RectificationTicket_orgId_state_idx" ON "RectificationTicket"("orgId", "state");

-- CreateIndex
CREATE INDEX "TicketStep_ticketId_id_idx" ON "TicketStep"("ticketId", "id");

-- AddForeignKey
ALTER TABLE "CheckResult" ADD CONSTRAINT "CheckResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "CheckRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckResult" ADD CONSTRAINT "CheckResult_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckResult" ADD CONSTRAINT "CheckResult_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "NewMediaAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilityProbe" ADD CONSTRAINT "AvailabilityProbe_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ColumnCadence" ADD CONSTRAINT "ColumnCadence_columnId_fkey" FOREIGN KEY ("columnId") REFERENCES "Column"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "NewMediaAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationTicket" ADD CONSTRAINT "RectificationTicket_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationTicket" ADD CONSTRAINT "RectificationTicket_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationTicket" ADD CONSTRAINT "RectificationTicket_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationTicket" ADD CONSTRAINT "RectificationTicket_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "NewMediaAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketStep" ADD CONSTRAINT "TicketStep_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "RectificationTicket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───── Custom SQL (not expressible in schema.prisma, hence the custom_ prefix) ─────

-- A result, a finding and a ticket are about exactly one site or one new-media account.
ALTER TABLE "CheckResult" ADD CONSTRAINT "custom_CheckResult_one_subject"
  CHECK (("siteId" IS NULL) <> ("accountId" IS NULL));
ALTER TABLE "Finding" ADD CONSTRAINT "custom_Finding_one_subject"
  CHECK (("siteId" IS NULL) <> ("accountId" IS NULL));
ALTER TABLE "RectificationTicket" ADD CONSTRAINT "custom_RectificationTicket_one_subject"
  CHECK (("siteId" IS NULL) <> ("accountId" IS NULL));

-- One open finding per subject, check and key: later runs update it instead of adding another.
CREATE UNIQUE INDEX "custom_Finding_one_open" ON "Finding" (COALESCE("siteId", "accountId"), "check", "key")
  WHERE "state" = 'OPEN';
