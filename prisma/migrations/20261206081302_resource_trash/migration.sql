-- AlterTable
ALTER TABLE "Resource" ADD COLUMN     "trashedAt" TIMESTAMP(3),
ADD COLUMN     "trashedById" UUID;

-- CreateIndex
CREATE INDEX "Resource_createdById_updatedAt_id_idx" ON "Resource"("createdById", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Resource_trashedAt_idx" ON "Resource"("trashedAt");

-- Revisions stay immutable, except that the purge of an item in the 回收站 (lib/library/trash.ts)
-- may delete its revisions: only inside a transaction that named that item with
-- set_config('tongyuan.purge_resource', id, true), and only while the item is in the 回收站.
CREATE OR REPLACE FUNCTION "revision_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('tongyuan.purge_resource', true) = OLD."resourceId"::text
     AND EXISTS (SELECT 1 FROM "Resource" r WHERE r."id" = OLD."resourceId" AND r."trashedAt" IS NOT NULL) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'Revision is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
