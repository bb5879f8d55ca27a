-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "checkpoint" JSONB;
