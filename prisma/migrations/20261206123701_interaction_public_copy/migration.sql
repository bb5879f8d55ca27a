-- AlterEnum
ALTER TYPE "ResourceKind" ADD VALUE 'INTERACTION_REPLY';

-- AlterTable
ALTER TABLE "Letter" ADD COLUMN     "publicResourceId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Letter_publicResourceId_key" ON "Letter"("publicResourceId");

-- AddForeignKey
ALTER TABLE "Letter" ADD CONSTRAINT "Letter_publicResourceId_fkey" FOREIGN KEY ("publicResourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;
