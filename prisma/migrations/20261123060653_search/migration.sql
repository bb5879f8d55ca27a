-- CreateTable
CREATE TABLE "SearchDocument" (
    "generation" INTEGER NOT NULL,
    "id" TEXT NOT NULL,
    "publicationId" UUID,
    "type" TEXT NOT NULL,
    "kind" TEXT,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL,
    "unitId" UUID,
    "unitName" TEXT NOT NULL DEFAULT '',
    "year" INTEGER,
    "validity" TEXT,
    "themeCode" TEXT,
    "genre" TEXT,
    "docNumber" TEXT,
    "siteIds" UUID[],
    "columnIds" UUID[],
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "terms" tsvector NOT NULL,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("generation","id")
);

-- CreateTable
CREATE TABLE "SearchIndexState" (
    "engine" TEXT NOT NULL,
    "live" INTEGER NOT NULL DEFAULT 1,
    "building" INTEGER,
    "buildFrom" BIGINT,
    "builtAt" TIMESTAMP(3),
    "documents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SearchIndexState_pkey" PRIMARY KEY ("engine")
);

-- CreateTable
CREATE TABLE "SearchSynonym" (
    "id" UUID NOT NULL,
    "terms" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchSynonym_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchDocument_generation_publishedAt_idx" ON "SearchDocument"("generation", "publishedAt" DESC);

-- AddForeignKey
ALTER TABLE "SearchDocument" ADD CONSTRAINT "SearchDocument_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Custom: the full-text index of the PostgreSQL search engine (lib/search/postgres.ts).
CREATE INDEX "custom_search_terms" ON "SearchDocument" USING GIN ("terms");
-- Exact 文号 lookups (normalized brackets) rank a document-number query's own document first.
CREATE INDEX "custom_search_doc_number" ON "SearchDocument" ("generation", "docNumber") WHERE "docNumber" IS NOT NULL;

-- Custom: the platform's starting synonyms (editable under 搜索管理).
INSERT INTO "SearchSynonym" ("id", "terms") VALUES
  (gen_random_uuid(), ARRAY['社保', '社会保险']),
  (gen_random_uuid(), ARRAY['社保卡', '社会保障卡']),
  (gen_random_uuid(), ARRAY['公积金', '住房公积金']),
  (gen_random_uuid(), ARRAY['新媒体', '政务新媒体']),
  (gen_random_uuid(), ARRAY['医保', '医疗保险']),
  (gen_random_uuid(), ARRAY['一网通办', '政务服务一网通办']);

-- Custom: the PostgreSQL index starts at generation 1 (empty until the first build).
INSERT INTO "SearchIndexState" ("engine", "live") VALUES ('postgres', 1);
