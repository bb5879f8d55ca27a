-- AlterTable
ALTER TABLE "Resource" ADD COLUMN     "restoredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SupervisionRequest" ADD COLUMN     "waitReason" TEXT;
