-- DropIndex
DROP INDEX "SearchDocument_generation_publishedAt_idx";

-- AlterTable
ALTER TABLE "SearchDocument" ADD COLUMN     "titleTerms" tsvector;

-- Custom: keep rows narrow (text and vectors out of line), so scanning candidates reads few pages.
ALTER TABLE "SearchDocument" SET (toast_tuple_target = 512);
-- Custom: the vectors changed shape; the index is rebuilt on the next start.
UPDATE "SearchIndexState" SET "builtAt" = NULL;
