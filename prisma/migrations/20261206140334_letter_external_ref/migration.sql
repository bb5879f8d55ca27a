-- AlterTable
ALTER TABLE "Letter" ADD COLUMN     "externalRef" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Letter_siteId_channel_externalRef_key" ON "Letter"("siteId", "channel", "externalRef");
