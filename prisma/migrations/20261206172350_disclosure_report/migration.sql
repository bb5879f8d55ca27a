-- CreateEnum
CREATE TYPE "DisclosureReportReminderKind" AS ENUM ('OPEN', 'SOON', 'OVERDUE');

-- AlterEnum
ALTER TYPE "ResourceKind" ADD VALUE 'DISCLOSURE_REPORT';

-- CreateTable
CREATE TABLE "DisclosureReport" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "entries" JSONB NOT NULL DEFAULT '{}',
    "overview" TEXT NOT NULL DEFAULT '',
    "problems" TEXT NOT NULL DEFAULT '',
    "otherMatters" TEXT NOT NULL DEFAULT '',
    "resourceId" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisclosureReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosureReportReminder" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "DisclosureReportReminderKind" NOT NULL,
    "sentTo" UUID[],
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisclosureReportReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureReport_resourceId_key" ON "DisclosureReport"("resourceId");

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureReport_orgId_year_key" ON "DisclosureReport"("orgId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureReportReminder_orgId_year_kind_key" ON "DisclosureReportReminder"("orgId", "year", "kind");

-- AddForeignKey
ALTER TABLE "DisclosureReport" ADD CONSTRAINT "DisclosureReport_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureReport" ADD CONSTRAINT "DisclosureReport_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;
