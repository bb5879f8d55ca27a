-- AlterTable
ALTER TABLE "SearchDocument" ADD COLUMN     "validFrom" DATE,
ADD COLUMN     "validTo" DATE;

-- Documents indexed before this migration take their 答问's 有效期 from the 答问库 mirror.
UPDATE "SearchDocument" d SET "validFrom" = q."validFrom", "validTo" = q."validTo"
  FROM "QaEntry" q WHERE d.id = 'res-' || q."resourceId"::text;
