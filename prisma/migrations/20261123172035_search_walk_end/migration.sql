-- A query's bucket walk ends with the match query alone over anything older than its buckets;
-- this index says at once whether anything older exists, so that last step, which would read
-- every match of the query, runs only when it can find something (lib/search/postgres.ts).
-- CreateIndex
CREATE INDEX "SearchDocument_generation_publishedAt_idx" ON "SearchDocument"("generation", "publishedAt");
