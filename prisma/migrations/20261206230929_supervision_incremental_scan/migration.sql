-- CreateTable
CREATE TABLE "ContentScanMark" (
    "siteId" UUID NOT NULL,
    "scannedAt" TIMESTAMP(3) NOT NULL,
    "fullAt" TIMESTAMP(3) NOT NULL,
    "rulesHash" TEXT NOT NULL,

    CONSTRAINT "ContentScanMark_pkey" PRIMARY KEY ("siteId")
);

-- CreateTable
CREATE TABLE "ContentScanItem" (
    "siteId" UUID NOT NULL,
    "publicationId" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "seriousStatus" TEXT NOT NULL,
    "privacyStatus" TEXT NOT NULL,
    "serious" JSONB NOT NULL,
    "privacy" JSONB NOT NULL,
    "links" JSONB NOT NULL,
    "scannedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContentScanItem_pkey" PRIMARY KEY ("siteId","publicationId")
);

-- AddForeignKey
ALTER TABLE "ContentScanMark" ADD CONSTRAINT "ContentScanMark_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentScanItem" ADD CONSTRAINT "ContentScanItem_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;
