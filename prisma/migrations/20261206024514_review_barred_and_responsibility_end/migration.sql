-- AlterTable
ALTER TABLE "Responsibility" ADD COLUMN     "endReason" TEXT,
ADD COLUMN     "endedById" UUID;

-- AlterTable
ALTER TABLE "ReviewInstance" ADD COLUMN     "barredUserIds" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "cancelReason" TEXT;

-- Existing reviews: the submitter and every author since the last publication before submission.
UPDATE "ReviewInstance" AS i
SET "barredUserIds" = (
  SELECT array_agg(DISTINCT barred.id)
  FROM (
    SELECT i."submittedById" AS id
    UNION
    SELECT r."authorId"
    FROM "Revision" AS r
    JOIN "Revision" AS reviewed ON reviewed.id = i."revisionId"
    WHERE r."resourceId" = i."resourceId"
      AND r.number <= reviewed.number
      AND r.number > COALESCE((
        SELECT max(published.number)
        FROM "Publication" AS p
        JOIN "Revision" AS published ON published.id = p."revisionId"
        WHERE p."resourceId" = i."resourceId" AND p."publishedAt" < i."submittedAt"
      ), 0)
  ) AS barred
);
