-- CreateEnum
CREATE TYPE "SiteReportKind" AS ENUM ('WEBSITE_ANNUAL', 'SUPERVISION_ANNUAL', 'MONTHLY');

-- AlterEnum
ALTER TYPE "ResourceKind" ADD VALUE 'SITE_REPORT';

-- CreateTable
CREATE TABLE "SiteReport" (
    "id" UUID NOT NULL,
    "kind" "SiteReportKind" NOT NULL,
    "orgId" UUID NOT NULL,
    "siteId" UUID,
    "subjectId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL DEFAULT 0,
    "entries" JSONB NOT NULL DEFAULT '{}',
    "signOff" JSONB,
    "snapshot" JSONB,
    "signedAt" TIMESTAMP(3),
    "signedById" UUID,
    "resourceId" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SiteReportReminder" (
    "id" UUID NOT NULL,
    "kind" "SiteReportKind" NOT NULL,
    "subjectId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL DEFAULT 0,
    "stage" TEXT NOT NULL,
    "sentTo" UUID[],
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteReportReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SiteReport_resourceId_key" ON "SiteReport"("resourceId");

-- CreateIndex
CREATE INDEX "SiteReport_siteId_idx" ON "SiteReport"("siteId");

-- CreateIndex
CREATE UNIQUE INDEX "SiteReport_kind_subjectId_year_month_key" ON "SiteReport"("kind", "subjectId", "year", "month");

-- CreateIndex
CREATE UNIQUE INDEX "SiteReportReminder_kind_subjectId_year_month_stage_key" ON "SiteReportReminder"("kind", "subjectId", "year", "month", "stage");

-- AddForeignKey
ALTER TABLE "SiteReport" ADD CONSTRAINT "SiteReport_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteReport" ADD CONSTRAINT "SiteReport_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteReport" ADD CONSTRAINT "SiteReport_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;
