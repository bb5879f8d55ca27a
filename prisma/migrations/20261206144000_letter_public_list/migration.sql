-- 留言选登 (lib/interaction/publish/public-letters.ts): a site's letters with a public copy, newest
-- answer first, read in index order instead of sorting every letter of the site; the copy's id is
-- in the index, so counting them reads no letter rows.
CREATE INDEX "custom_Letter_public_list" ON "Letter" ("siteId", "answeredAt" DESC, "id") INCLUDE ("publicResourceId")
  WHERE "publicResourceId" IS NOT NULL AND "answeredAt" IS NOT NULL;
