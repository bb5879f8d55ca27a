-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "badgeAssetId" UUID,
ADD COLUMN     "badgeUrl" TEXT,
ADD COLUMN     "bannerAssetId" UUID,
ADD COLUMN     "contactAddress" TEXT,
ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "errorReportUrl" TEXT,
ADD COLUMN     "faviconAssetId" UUID,
ADD COLUMN     "logoAssetId" UUID,
ADD COLUMN     "operatorName" TEXT,
ADD COLUMN     "organizerName" TEXT;
