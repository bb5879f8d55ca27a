-- CreateEnum
CREATE TYPE "InteractionCategory" AS ENUM ('MAILBOX', 'CONSULT', 'COMPLAINT', 'SUGGESTION', 'CORRECTION');

-- CreateEnum
CREATE TYPE "LetterState" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED', 'ASSIGNED', 'HANDLING', 'REVIEWING', 'ANSWERED', 'CLOSED', 'MERGED');

-- CreateEnum
CREATE TYPE "LetterChannel" AS ENUM ('WEB', 'WECHAT', 'WEIBO', 'HOTLINE', 'MEDIA_CENTER', 'NATIONAL');

-- CreateTable
CREATE TABLE "InteractionType" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" "InteractionCategory" NOT NULL,
    "description" TEXT NOT NULL,
    "unitId" UUID NOT NULL,
    "acceptWorkingDays" INTEGER NOT NULL DEFAULT 1,
    "replyWorkingDays" INTEGER,
    "replyHours" INTEGER,
    "maxWorkingDays" INTEGER NOT NULL DEFAULT 15,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InteractionType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Letter" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "typeId" UUID NOT NULL,
    "queryCode" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "writerName" TEXT NOT NULL,
    "writerPhone" TEXT NOT NULL,
    "writerIdNumber" TEXT,
    "writerEmail" TEXT,
    "consentToPublish" BOOLEAN NOT NULL,
    "pageUrl" TEXT,
    "channel" "LetterChannel" NOT NULL DEFAULT 'WEB',
    "state" "LetterState" NOT NULL DEFAULT 'PENDING',
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptDueAt" TIMESTAMP(3) NOT NULL,
    "replyDueAt" TIMESTAMP(3),
    "clock" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Letter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LetterAttachment" (
    "id" UUID NOT NULL,
    "letterId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LetterAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaptchaUse" (
    "challengeId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaptchaUse_pkey" PRIMARY KEY ("challengeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "InteractionType_siteId_code_key" ON "InteractionType"("siteId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Letter_queryCode_key" ON "Letter"("queryCode");

-- CreateIndex
CREATE INDEX "Letter_siteId_state_receivedAt_idx" ON "Letter"("siteId", "state", "receivedAt");

-- CreateIndex
CREATE INDEX "Letter_typeId_idx" ON "Letter"("typeId");

-- CreateIndex
CREATE INDEX "LetterAttachment_letterId_idx" ON "LetterAttachment"("letterId");

-- CreateIndex
CREATE INDEX "CaptchaUse_expiresAt_idx" ON "CaptchaUse"("expiresAt");

-- AddForeignKey
ALTER TABLE "InteractionType" ADD CONSTRAINT "InteractionType_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InteractionType" ADD CONSTRAINT "InteractionType_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Letter" ADD CONSTRAINT "Letter_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Letter" ADD CONSTRAINT "Letter_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "InteractionType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LetterAttachment" ADD CONSTRAINT "LetterAttachment_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
