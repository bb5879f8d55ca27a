-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'WORKDAY');

-- CreateEnum
CREATE TYPE "NewMediaPlatform" AS ENUM ('WECHAT', 'WEIBO', 'TOUTIAO', 'APP', 'OTHER');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'CANCELLING', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ApplicationKind" AS ENUM ('OPEN', 'CHANGE', 'SUSPEND', 'CANCEL');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('WECHAT', 'WEIBO', 'TOUTIAO', 'APP', 'WEBHOOK', 'FEED');

-- CreateEnum
CREATE TYPE "DeliveryAction" AS ENUM ('PUBLISH', 'CORRECT', 'RECALL');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'ACKNOWLEDGED', 'FAILED');

-- AlterTable
ALTER TABLE "ReviewInstance" ADD COLUMN     "channelIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "NewMediaAccount" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "platform" "NewMediaPlatform" NOT NULL,
    "name" TEXT NOT NULL,
    "handle" TEXT,
    "manager" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "description" TEXT,
    "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedAt" TIMESTAMP(3),
    "suspendedAt" TIMESTAMP(3),
    "cancelAnnouncedAt" TIMESTAMP(3),
    "cancelEffectiveOn" DATE,
    "cancelledAt" TIMESTAMP(3),
    "cancelNotice" TEXT,

    CONSTRAINT "NewMediaAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistryApprovalStep" (
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "scope" TEXT NOT NULL,

    CONSTRAINT "RegistryApprovalStep_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "AccountApplication" (
    "id" UUID NOT NULL,
    "kind" "ApplicationKind" NOT NULL,
    "orgId" UUID NOT NULL,
    "platform" "NewMediaPlatform" NOT NULL,
    "accountId" UUID,
    "data" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "chain" JSONB NOT NULL,
    "currentStep" INTEGER NOT NULL DEFAULT 0,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'PENDING',
    "submittedById" UUID NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "AccountApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationDecision" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "step" INTEGER NOT NULL,
    "stepName" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "decision" "Decision" NOT NULL,
    "comment" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Channel" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "orgId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "config" JSONB NOT NULL,
    "secrets" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelPlacement" (
    "id" UUID NOT NULL,
    "channelId" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelPlacement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" UUID NOT NULL,
    "publicationId" UUID NOT NULL,
    "channelId" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "action" "DeliveryAction" NOT NULL,
    "contentHash" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "remoteId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NewMediaAccount_orgId_platform_idx" ON "NewMediaAccount"("orgId", "platform");

-- CreateIndex
CREATE INDEX "NewMediaAccount_status_idx" ON "NewMediaAccount"("status");

-- CreateIndex
CREATE INDEX "AccountApplication_status_currentStep_idx" ON "AccountApplication"("status", "currentStep");

-- CreateIndex
CREATE INDEX "AccountApplication_orgId_submittedAt_idx" ON "AccountApplication"("orgId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationDecision_applicationId_step_key" ON "ApplicationDecision"("applicationId", "step");

-- CreateIndex
CREATE INDEX "Channel_orgId_idx" ON "Channel"("orgId");

-- CreateIndex
CREATE INDEX "ChannelPlacement_resourceId_idx" ON "ChannelPlacement"("resourceId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelPlacement_channelId_resourceId_key" ON "ChannelPlacement"("channelId", "resourceId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_idempotencyKey_key" ON "Delivery"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Delivery_channelId_createdAt_idx" ON "Delivery"("channelId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_publicationId_idx" ON "Delivery"("publicationId");

-- CreateIndex
CREATE INDEX "Delivery_resourceId_createdAt_idx" ON "Delivery"("resourceId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_status_idx" ON "Delivery"("status");

-- AddForeignKey
ALTER TABLE "NewMediaAccount" ADD CONSTRAINT "NewMediaAccount_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountApplication" ADD CONSTRAINT "AccountApplication_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountApplication" ADD CONSTRAINT "AccountApplication_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "NewMediaAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountApplication" ADD CONSTRAINT "AccountApplication_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationDecision" ADD CONSTRAINT "ApplicationDecision_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "AccountApplication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationDecision" ADD CONSTRAINT "ApplicationDecision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "NewMediaAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelPlacement" ADD CONSTRAINT "ChannelPlacement_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelPlacement" ADD CONSTRAINT "ChannelPlacement_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The official 2026 schedule (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04):
-- holidays (every day of each break) and make-up workdays (调休上班).
INSERT INTO "CalendarDay" ("date", "kind", "name") VALUES
  ('2026-01-01', 'HOLIDAY', '元旦'),
  ('2026-01-02', 'HOLIDAY', '元旦'),
  ('2026-01-03', 'HOLIDAY', '元旦'),
  ('2026-01-04', 'WORKDAY', '元旦'),
  ('2026-02-15', 'HOLIDAY', '春节'),
  ('2026-02-16', 'HOLIDAY', '春节'),
  ('2026-02-17', 'HOLIDAY', '春节'),
  ('2026-02-18', 'HOLIDAY', '春节'),
  ('2026-02-19', 'HOLIDAY', '春节'),
  ('2026-02-20', 'HOLIDAY', '春节'),
  ('2026-02-21', 'HOLIDAY', '春节'),
  ('2026-02-22', 'HOLIDAY', '春节'),
  ('2026-02-23', 'HOLIDAY', '春节'),
  ('2026-02-14', 'WORKDAY', '春节'),
  ('2026-02-28', 'WORKDAY', '春节'),
  ('2026-04-04', 'HOLIDAY', '清明节'),
  ('2026-04-05', 'HOLIDAY', '清明节'),
  ('2026-04-06', 'HOLIDAY', '清明节'),
  ('2026-05-01', 'HOLIDAY', '劳动节'),
  ('2026-05-02', 'HOLIDAY', '劳动节'),
  ('2026-05-03', 'HOLIDAY', '劳动节'),
  ('2026-05-04', 'HOLIDAY', '劳动节'),
  ('2026-05-05', 'HOLIDAY', '劳动节'),
  ('2026-05-09', 'WORKDAY', '劳动节'),
  ('2026-06-19', 'HOLIDAY', '端午节'),
  ('2026-06-20', 'HOLIDAY', '端午节'),
  ('2026-06-21', 'HOLIDAY', '端午节'),
  ('2026-09-25', 'HOLIDAY', '中秋节'),
  ('2026-09-26', 'HOLIDAY', '中秋节'),
  ('2026-09-27', 'HOLIDAY', '中秋节'),
  ('2026-10-01', 'HOLIDAY', '国庆节'),
  ('2026-10-02', 'HOLIDAY', '国庆节'),
  ('2026-10-03', 'HOLIDAY', '国庆节'),
  ('2026-10-04', 'HOLIDAY', '国庆节'),
  ('2026-10-05', 'HOLIDAY', '国庆节'),
  ('2026-10-06', 'HOLIDAY', '国庆节'),
  ('2026-10-07', 'HOLIDAY', '国庆节'),
  ('2026-09-20', 'WORKDAY', '国庆节'),
  ('2026-10-10', 'WORKDAY', '国庆节');

-- The registry's approval chain (seed 002): the unit's principal, then the supervising unit.
INSERT INTO "RegistryApprovalStep" ("position", "name", "role", "scope") VALUES
  (0, '本单位主要负责人审批', 'FIRST_RESPONSIBLE', 'unit'),
  (1, '主管单位审核', 'SUPERVISOR', 'platform');
