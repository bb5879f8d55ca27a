-- CreateEnum
CREATE TYPE "ResourceState" AS ENUM ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "PolicyValidity" AS ENUM ('VALID', 'REVISED', 'REPEALED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "RelationKind" AS ENUM ('REVISES', 'REPEALS', 'INTERPRETS', 'BASED_ON');

-- AlterTable
ALTER TABLE "Resource" ADD COLUMN     "expiresOn" DATE,
ADD COLUMN     "genre" TEXT,
ADD COLUMN     "state" "ResourceState" NOT NULL DEFAULT 'DRAFT',
ADD COLUMN     "themeCode" TEXT,
ADD COLUMN     "title" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "validity" "PolicyValidity";

-- CreateTable
CREATE TABLE "ThemeCategory" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentCode" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ThemeCategory_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ResourceRelation" (
    "id" UUID NOT NULL,
    "fromId" UUID NOT NULL,
    "toId" UUID NOT NULL,
    "kind" "RelationKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResourceRelation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyValidityChange" (
    "id" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "from" "PolicyValidity",
    "to" "PolicyValidity" NOT NULL,
    "cause" TEXT NOT NULL,
    "causeResourceId" UUID,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyValidityChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingDraft" (
    "id" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "metadata" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkingDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndexNumberSerial" (
    "orgId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "next" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IndexNumberSerial_pkey" PRIMARY KEY ("orgId","year")
);

-- CreateIndex
CREATE INDEX "ResourceRelation_toId_kind_idx" ON "ResourceRelation"("toId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceRelation_fromId_toId_kind_key" ON "ResourceRelation"("fromId", "toId", "kind");

-- CreateIndex
CREATE INDEX "PolicyValidityChange_resourceId_at_idx" ON "PolicyValidityChange"("resourceId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "WorkingDraft_resourceId_userId_key" ON "WorkingDraft"("resourceId", "userId");

-- CreateIndex
CREATE INDEX "Resource_updatedAt_id_idx" ON "Resource"("updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Resource_ownerOrgId_updatedAt_id_idx" ON "Resource"("ownerOrgId", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Resource_kind_updatedAt_id_idx" ON "Resource"("kind", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Resource_state_updatedAt_id_idx" ON "Resource"("state", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Resource_validity_expiresOn_idx" ON "Resource"("validity", "expiresOn");

-- AddForeignKey
ALTER TABLE "ThemeCategory" ADD CONSTRAINT "ThemeCategory_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "ThemeCategory"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceRelation" ADD CONSTRAINT "ResourceRelation_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceRelation" ADD CONSTRAINT "ResourceRelation_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyValidityChange" ADD CONSTRAINT "PolicyValidityChange_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingDraft" ADD CONSTRAINT "WorkingDraft_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Saved revisions are immutable (DESIGN invariant 5): any edit is a new revision.
CREATE FUNCTION "revision_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Revision is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "Revision_no_update_or_delete" BEFORE UPDATE OR DELETE ON "Revision"
  FOR EACH ROW EXECUTE FUNCTION "revision_immutable"();

-- Resources saved before this migration: title and state from their revisions and publications.
UPDATE "Resource" r SET
  "title" = (SELECT v."title" FROM "Revision" v WHERE v."resourceId" = r."id" ORDER BY v."number" DESC LIMIT 1),
  "state" = CASE WHEN EXISTS (SELECT 1 FROM "Publication" p WHERE p."resourceId" = r."id" AND p."withdrawnAt" IS NULL)
                 THEN 'PUBLISHED'::"ResourceState" ELSE 'DRAFT'::"ResourceState" END,
  "validity" = CASE WHEN r."kind" = 'POLICY' THEN 'VALID'::"PolicyValidity" ELSE NULL END,
  "updatedAt" = r."createdAt";

-- 主题分类: the State Council's subject categories (国务院公文主题分类), editable afterwards.
INSERT INTO "ThemeCategory" ("code", "name", "parentCode", "position") VALUES
  ('01', '综合政务', NULL, 1), ('0101', '政务公开', '01', 1), ('0102', '电子政务', '01', 2), ('0103', '应急管理', '01', 3), ('0104', '政务督查', '01', 4),
  ('02', '国民经济管理、国有资产监管', NULL, 2), ('03', '财政、金融、审计', NULL, 3), ('04', '国土资源、能源', NULL, 4),
  ('05', '农业、林业、水利', NULL, 5), ('06', '工业、交通', NULL, 6), ('07', '商贸、海关、旅游', NULL, 7),
  ('08', '市场监管、安全生产监管', NULL, 8), ('09', '城乡建设、环境保护', NULL, 9), ('10', '科技、教育', NULL, 10),
  ('11', '文化、广电、新闻出版', NULL, 11), ('12', '卫生、体育', NULL, 12), ('13', '人口与计划生育、妇女儿童工作', NULL, 13),
  ('14', '劳动、人事、监察', NULL, 14), ('15', '公安、安全、司法', NULL, 15), ('16', '民政、扶贫、救灾', NULL, 16),
  ('17', '民族、宗教', NULL, 17), ('18', '对外事务', NULL, 18), ('19', '港澳台侨工作', NULL, 19), ('20', '国防', NULL, 20),
  ('21', '其他', NULL, 21)
ON CONFLICT ("code") DO NOTHING;

-- Title search in the library browser: a trigram index serves 包含 (ILIKE '%…%') queries on
-- Chinese titles at a million rows. Not expressible in schema.prisma, hence the custom_ prefix.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
CREATE INDEX "custom_Resource_title_trgm" ON "Resource" USING gin ("title" gin_trgm_ops);
