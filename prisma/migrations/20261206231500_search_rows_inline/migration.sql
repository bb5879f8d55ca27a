-- Custom: the columns a search reads for every candidate stay in the row. With toast_tuple_target
-- = 512 (20261123063518) and the title (about 400 bytes) kept in the row, the toaster went on moving
-- the short values out of line one by one: on the bench:load database 7,945 of 11,098 rows kept
-- their id in TOAST, 7,769 their siteIds, 7,464 their unitName, so every candidate a search
-- filtered (siteIds), counted (unitName) and ranked (id) cost two or three more buffer reads each.
-- MAIN keeps a value in the row unless the row could not fit a page; text, summary and the match
-- vector still go out of line first.
ALTER TABLE "SearchDocument"
  ALTER COLUMN "id" SET STORAGE MAIN,
  ALTER COLUMN "type" SET STORAGE MAIN,
  ALTER COLUMN "kind" SET STORAGE MAIN,
  ALTER COLUMN "url" SET STORAGE MAIN,
  ALTER COLUMN "unitName" SET STORAGE MAIN,
  ALTER COLUMN "validity" SET STORAGE MAIN,
  ALTER COLUMN "themeCode" SET STORAGE MAIN,
  ALTER COLUMN "genre" SET STORAGE MAIN,
  ALTER COLUMN "docNumber" SET STORAGE MAIN,
  ALTER COLUMN "siteIds" SET STORAGE MAIN,
  ALTER COLUMN "columnIds" SET STORAGE MAIN;

-- Custom: rows written before keep their out-of-line values until rewritten. CLUSTER rewrites
-- every row under the new storage (and rebuilds the indexes), in publication order, so that a time
-- bucket's documents lie together as the walk's cost model assumes.
CLUSTER "SearchDocument" USING "SearchDocument_generation_publishedAt_idx";
