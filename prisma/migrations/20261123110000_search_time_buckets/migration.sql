-- Custom: match vectors now carry their publication's year and month as bucket lexemes
-- (lib/search/tokenize.ts, timeBuckets); the index is rebuilt on the next start.
UPDATE "SearchIndexState" SET "builtAt" = NULL;
