-- Common lexemes (lib/search/postgres.ts): each generation names up to 128 bigrams held by a fifth
-- or more of the library; a row keeps one bit for each it holds (common: the first 64, common2: the
-- rest), so queries test those in the row instead of moving through their long posting lists. Rows
-- written before hold no bits and their generation names none: nothing changes until the next
-- rebuild (npm run search:reindex).
-- AlterTable
ALTER TABLE "SearchDocument" ADD COLUMN     "common" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "common2" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "SearchIndexState" ADD COLUMN     "buildingCommon" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "common" TEXT[] DEFAULT ARRAY[]::TEXT[];
