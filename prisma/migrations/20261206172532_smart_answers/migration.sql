-- CreateEnum
CREATE TYPE "AskedQuestionState" AS ENUM ('OPEN', 'DRAFTED', 'LETTER', 'DISMISSED');

-- AlterEnum
ALTER TYPE "LetterChannel" ADD VALUE 'ASK';

-- CreateTable
CREATE TABLE "AskedQuestion" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "unanswered" INTEGER NOT NULL DEFAULT 0,
    "unhelpful" INTEGER NOT NULL DEFAULT 0,
    "firstAskedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAskedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" "AskedQuestionState" NOT NULL DEFAULT 'OPEN',
    "resolvedById" UUID,
    "resolvedAt" TIMESTAMP(3),
    "resourceId" UUID,
    "letterId" UUID,

    CONSTRAINT "AskedQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QaApiKey" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "requestsPerMinute" INTEGER NOT NULL DEFAULT 600,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "QaApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AskedQuestion_siteId_state_lastAskedAt_idx" ON "AskedQuestion"("siteId", "state", "lastAskedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AskedQuestion_siteId_key_key" ON "AskedQuestion"("siteId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "QaApiKey_digest_key" ON "QaApiKey"("digest");

-- AddForeignKey
ALTER TABLE "AskedQuestion" ADD CONSTRAINT "AskedQuestion_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AskedQuestion" ADD CONSTRAINT "AskedQuestion_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaApiKey" ADD CONSTRAINT "QaApiKey_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- 智能问答 reads only the kinds that answer questions (lib/search/answers.ts): their own small
-- match index, so a question's common words do not walk every article's posting list.
CREATE INDEX "custom_search_answer_terms" ON "SearchDocument" USING GIN ("terms") WHERE kind IN ('QA', 'SERVICE', 'POLICY', 'INTERPRETATION');
