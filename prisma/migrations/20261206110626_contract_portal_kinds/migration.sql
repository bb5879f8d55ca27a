-- AlterEnum
ALTER TYPE "ColumnKind" ADD VALUE 'TOPIC';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ResourceKind" ADD VALUE 'LEADER';
ALTER TYPE "ResourceKind" ADD VALUE 'INSTITUTION';
ALTER TYPE "ResourceKind" ADD VALUE 'SINGLE_PAGE';

-- AlterTable
ALTER TABLE "Column" ADD COLUMN     "bannerSrc" TEXT,
ADD COLUMN     "intro" TEXT;
