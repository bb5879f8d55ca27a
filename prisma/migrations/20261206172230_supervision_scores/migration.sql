-- CreateEnum
CREATE TYPE "InspectionTarget" AS ENUM ('WEBSITE', 'NEW_MEDIA');

-- CreateEnum
CREATE TYPE "IndicatorPart" AS ENUM ('VETO', 'DEDUCTION', 'BONUS');

-- CreateTable
CREATE TABLE "SupervisionIndicator" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "target" "InspectionTarget" NOT NULL,
    "part" "IndicatorPart" NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "checkNames" TEXT[],
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupervisionIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL,
    "runById" UUID NOT NULL,
    "passMark" INTEGER NOT NULL DEFAULT 60,
    "bonusFrom" INTEGER NOT NULL DEFAULT 80,
    "summary" JSONB NOT NULL,
    "bulletinResourceId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionScore" (
    "id" UUID NOT NULL,
    "inspectionId" UUID NOT NULL,
    "target" "InspectionTarget" NOT NULL,
    "siteId" UUID,
    "accountId" UUID,
    "orgId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "vetoed" BOOLEAN NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "deductionScore" DOUBLE PRECISION,
    "bonusScore" DOUBLE PRECISION,
    "total" DOUBLE PRECISION,
    "rank" INTEGER,
    "lines" JSONB NOT NULL,

    CONSTRAINT "InspectionScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionEntry" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "indicatorId" UUID NOT NULL,
    "siteId" UUID,
    "accountId" UUID,
    "points" DOUBLE PRECISION NOT NULL,
    "note" TEXT NOT NULL,
    "assetId" UUID,
    "enteredById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionIndicator_code_key" ON "SupervisionIndicator"("code");

-- CreateIndex
CREATE INDEX "SupervisionIndicator_target_part_position_idx" ON "SupervisionIndicator"("target", "part", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Inspection_period_key" ON "Inspection"("period");

-- CreateIndex
CREATE INDEX "InspectionScore_siteId_idx" ON "InspectionScore"("siteId");

-- CreateIndex
CREATE INDEX "InspectionScore_accountId_idx" ON "InspectionScore"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionScore_inspectionId_siteId_key" ON "InspectionScore"("inspectionId", "siteId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionScore_inspectionId_accountId_key" ON "InspectionScore"("inspectionId", "accountId");

-- CreateIndex
CREATE INDEX "InspectionEntry_period_siteId_idx" ON "InspectionEntry"("period", "siteId");

-- CreateIndex
CREATE INDEX "InspectionEntry_period_accountId_idx" ON "InspectionEntry"("period", "accountId");

-- AddForeignKey
ALTER TABLE "InspectionScore" ADD CONSTRAINT "InspectionScore_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionEntry" ADD CONSTRAINT "InspectionEntry_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "SupervisionIndicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
