-- CreateIndex
CREATE INDEX "SearchDocument_generation_publishedAt_idx" ON "SearchDocument"("generation", "publishedAt");

-- Custom: title and its vector stay in the row (ranking reads them for every candidate); text,
-- summary and the match vector go out of line first.
ALTER TABLE "SearchDocument" ALTER COLUMN "title" SET STORAGE MAIN, ALTER COLUMN "titleTerms" SET STORAGE MAIN;
