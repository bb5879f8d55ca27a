-- CreateEnum
CREATE TYPE "RejectRoute" AS ENUM ('PETITION', 'DISCIPLINE', 'DISCLOSURE', 'OUT_OF_SCOPE');

-- CreateEnum
CREATE TYPE "LetterRating" AS ENUM ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED');

-- CreateEnum
CREATE TYPE "ReplyStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'INTERACTION_HANDLER';

-- AlterTable
ALTER TABLE "InteractionType" ADD COLUMN     "replyReviewer" "Role" NOT NULL DEFAULT 'INFO_SUPERVISOR';

-- AlterTable
ALTER TABLE "Letter" ADD COLUMN     "acceptedAt" TIMESTAMP(3),
ADD COLUMN     "answeredAt" TIMESTAMP(3),
ADD COLUMN     "mergedIntoId" UUID,
ADD COLUMN     "ratedAt" TIMESTAMP(3),
ADD COLUMN     "rating" "LetterRating",
ADD COLUMN     "rejectReason" TEXT,
ADD COLUMN     "rejectRoute" "RejectRoute",
ADD COLUMN     "reworkCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "LetterAssignment" (
    "id" UUID NOT NULL,
    "letterId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,
    "assignedById" UUID NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LetterAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LetterReply" (
    "id" UUID NOT NULL,
    "letterId" UUID NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "unitId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "status" "ReplyStatus" NOT NULL DEFAULT 'DRAFT',
    "reviewerId" UUID,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LetterReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LetterAssignment_unitId_idx" ON "LetterAssignment"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "LetterAssignment_letterId_unitId_key" ON "LetterAssignment"("letterId", "unitId");

-- CreateIndex
CREATE INDEX "LetterReply_letterId_round_idx" ON "LetterReply"("letterId", "round");

-- AddForeignKey
ALTER TABLE "Letter" ADD CONSTRAINT "Letter_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Letter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterAssignment" ADD CONSTRAINT "LetterAssignment_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterAssignment" ADD CONSTRAINT "LetterAssignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterReply" ADD CONSTRAINT "LetterReply_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
