-- CreateEnum
CREATE TYPE "HomeLayoutStage" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "HomeBlockKind" AS ENUM ('FOCUS', 'HEADLINES', 'COLUMN', 'NOTICES', 'POLICIES', 'INTERPRETATIONS', 'SERVICES', 'INTERACTION', 'TOPICS', 'LEADERS', 'IMAGE_BANNER', 'LINKS');

-- CreateTable
CREATE TABLE "HomeBlock" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "stage" "HomeLayoutStage" NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "HomeBlockKind" NOT NULL,
    "title" TEXT NOT NULL,
    "config" JSONB NOT NULL,

    CONSTRAINT "HomeBlock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HomeLayout" (
    "siteId" UUID NOT NULL,
    "draftVersion" INTEGER NOT NULL DEFAULT 0,
    "draftSavedAt" TIMESTAMP(3),
    "publishedVersion" INTEGER,
    "publishedAt" TIMESTAMP(3),
    "publishedById" UUID,

    CONSTRAINT "HomeLayout_pkey" PRIMARY KEY ("siteId")
);

-- CreateIndex
CREATE UNIQUE INDEX "HomeBlock_siteId_stage_position_key" ON "HomeBlock"("siteId", "stage", "position");

-- AddForeignKey
ALTER TABLE "HomeBlock" ADD CONSTRAINT "HomeBlock_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomeLayout" ADD CONSTRAINT "HomeLayout_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;
