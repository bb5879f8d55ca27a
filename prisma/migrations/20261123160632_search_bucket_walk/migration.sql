-- Custom: titles are now ranked from the title text itself (lib/search/postgres.ts, titleScore), and
-- recent matches are found by walking the time buckets in the match vector, not by a time index.
-- DropIndex
DROP INDEX "SearchDocument_generation_publishedAt_idx";

-- AlterTable
ALTER TABLE "SearchDocument" DROP COLUMN "titleTerms";

-- A short GIN pending list: every GIN scan reads the whole pending list, and a query now makes
-- one scan per time bucket it walks, so the default 4 MB of waiting entries cost every query
-- dearly. 128 kB for every session of this database; the rebuild raises it for its own inserts
-- (lib/search/service.ts), which without a pending list ran at a third of the speed.
-- A role that does not own the database keeps the default (set it in postgresql.conf instead).
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET gin_pending_list_limit = %L', current_database(), '128kB');
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'gin_pending_list_limit not set: the database belongs to another role';
END $$;
SELECT gin_clean_pending_list('custom_search_terms');
