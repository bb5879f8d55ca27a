-- DropIndex
DROP INDEX "LetterAlert_letterId_kind_dueAt_key";

-- AlterTable
ALTER TABLE "LetterAlert" ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE UNIQUE INDEX "LetterAlert_letterId_kind_round_dueAt_key" ON "LetterAlert"("letterId", "kind", "round", "dueAt");
