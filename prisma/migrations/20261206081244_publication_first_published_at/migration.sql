-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "firstPublishedAt" TIMESTAMP(3);

-- Existing corrections: a correction was written in the same transaction that superseded the
-- publication it corrects, so its publishedAt equals that one's supersededAt. Follow each chain
-- from its first publication (one nobody superseded into) and give every later link the first
-- publication's time. First publications stay null (their publishedAt is the first time).
WITH RECURSIVE "chain" ("id", "first") AS (
  SELECT p."id", p."publishedAt"
    FROM "Publication" p
   WHERE NOT EXISTS (
     SELECT 1 FROM "Publication" q
      WHERE q."resourceId" = p."resourceId" AND q."id" <> p."id" AND q."supersededAt" = p."publishedAt")
  UNION ALL
  SELECT n."id", c."first"
    FROM "chain" c
    JOIN "Publication" cur ON cur."id" = c."id"
    JOIN "Publication" n
      ON n."resourceId" = cur."resourceId" AND n."id" <> cur."id" AND n."publishedAt" = cur."supersededAt"
)
UPDATE "Publication" p
   SET "firstPublishedAt" = c."first"
  FROM "chain" c
 WHERE p."id" = c."id" AND c."first" < p."publishedAt";
