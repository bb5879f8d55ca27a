-- AlterTable
ALTER TABLE "Column" ADD COLUMN     "nav" BOOLEAN NOT NULL DEFAULT true;
