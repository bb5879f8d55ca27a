-- Custom: match vectors now carry their publication's year and month as bucket lexemes
-- (lib/search/tokenize.ts, timeBuckets); the index is rebuilt on the next start.
UPDATE "SearchIndexState" SET "builtAt" = NULL;

-- Custom: every query scans the GIN index's pending list whole; keep it short while documents
-- are indexed between vacuums (the default is 4 MB).
ALTER INDEX "custom_search_terms" SET (gin_pending_list_limit = 256);
