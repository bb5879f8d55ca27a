-- CreateEnum
CREATE TYPE "ReprintState" AS ENUM ('PENDING', 'TAKEN', 'IGNORED');

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "reprintColumnId" UUID;

-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "forReprint" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReprintSource" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "feedUrl" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "format" TEXT,
    "etag" TEXT,
    "lastModified" TEXT,
    "lastFetchedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReprintSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReprintSubscription" (
    "sourceId" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReprintSubscription_pkey" PRIMARY KEY ("sourceId","siteId")
);

-- CreateTable
CREATE TABLE "ReprintEntry" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "link" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    "publishedAt" TIMESTAMP(3),
    "fetchedAt" TIMESTAMP(3) NOT NULL,
    "clockStart" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReprintEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReprintItem" (
    "id" UUID NOT NULL,
    "entryId" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "state" "ReprintState" NOT NULL DEFAULT 'PENDING',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "deadlineAt" TIMESTAMP(3) NOT NULL,
    "takenById" UUID,
    "takenAt" TIMESTAMP(3),
    "resourceId" UUID,
    "publishedAt" TIMESTAMP(3),
    "ignoredById" UUID,
    "ignoredAt" TIMESTAMP(3),
    "ignoreReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReprintItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReprintSource_feedUrl_key" ON "ReprintSource"("feedUrl");

-- CreateIndex
CREATE INDEX "ReprintSubscription_siteId_idx" ON "ReprintSubscription"("siteId");

-- CreateIndex
CREATE UNIQUE INDEX "ReprintEntry_sourceId_key_key" ON "ReprintEntry"("sourceId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "ReprintItem_resourceId_key" ON "ReprintItem"("resourceId");

-- CreateIndex
CREATE INDEX "ReprintItem_siteId_state_dueAt_idx" ON "ReprintItem"("siteId", "state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReprintItem_entryId_siteId_key" ON "ReprintItem"("entryId", "siteId");

-- AddForeignKey
ALTER TABLE "ReprintSubscription" ADD CONSTRAINT "ReprintSubscription_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "ReprintSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReprintSubscription" ADD CONSTRAINT "ReprintSubscription_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReprintEntry" ADD CONSTRAINT "ReprintEntry_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "ReprintSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReprintItem" ADD CONSTRAINT "ReprintItem_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ReprintEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReprintItem" ADD CONSTRAINT "ReprintItem_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
