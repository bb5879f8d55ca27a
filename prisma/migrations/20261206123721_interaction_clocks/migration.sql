-- CreateEnum
CREATE TYPE "ExtensionStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- CreateEnum
CREATE TYPE "LetterAlertKind" AS ENUM ('HALF_TIME', 'DAY_BEFORE', 'OVERDUE', 'ACCEPT_OVERDUE');

-- CreateTable
CREATE TABLE "LetterExtension" (
    "id" UUID NOT NULL,
    "letterId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "ExtensionStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT,

    CONSTRAINT "LetterExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LetterAlert" (
    "id" UUID NOT NULL,
    "letterId" UUID NOT NULL,
    "kind" "LetterAlertKind" NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "sentTo" UUID[],
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LetterAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LetterExtension_letterId_idx" ON "LetterExtension"("letterId");

-- CreateIndex
CREATE UNIQUE INDEX "LetterAlert_letterId_kind_dueAt_key" ON "LetterAlert"("letterId", "kind", "dueAt");

-- AddForeignKey
ALTER TABLE "LetterExtension" ADD CONSTRAINT "LetterExtension_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterAlert" ADD CONSTRAINT "LetterAlert_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
