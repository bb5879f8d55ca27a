-- CreateEnum
CREATE TYPE "ConsultationKind" AS ENUM ('DRAFT', 'SURVEY');

-- CreateEnum
CREATE TYPE "Participation" AS ENUM ('ANYONE', 'PHONE');

-- CreateEnum
CREATE TYPE "ConsultationState" AS ENUM ('DRAFT', 'PUBLISHED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "QuestionKind" AS ENUM ('SINGLE', 'MULTIPLE', 'RATING', 'TEXT');

-- CreateEnum
CREATE TYPE "CommentStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- AlterEnum
ALTER TYPE "ResourceKind" ADD VALUE 'CONSULTATION_RESULT';

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "consultationQuota" INTEGER NOT NULL DEFAULT 6;

-- CreateTable
CREATE TABLE "Consultation" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "columnId" UUID NOT NULL,
    "kind" "ConsultationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "intro" TEXT NOT NULL,
    "draftResourceId" UUID,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "participation" "Participation" NOT NULL DEFAULT 'ANYONE',
    "state" "ConsultationState" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "results" JSONB,
    "feedbackResourceId" UUID,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationQuestion" (
    "id" UUID NOT NULL,
    "consultationId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "QuestionKind" NOT NULL,
    "prompt" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "options" TEXT[],
    "ratingMax" INTEGER,

    CONSTRAINT "ConsultationQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationResponse" (
    "id" UUID NOT NULL,
    "consultationId" UUID NOT NULL,
    "participantKey" TEXT NOT NULL,
    "formNonce" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultationResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationComment" (
    "id" UUID NOT NULL,
    "consultationId" UUID NOT NULL,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "publicBody" TEXT,
    "formNonce" TEXT NOT NULL,
    "status" "CommentStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "moderatedById" UUID,
    "moderatedAt" TIMESTAMP(3),
    "moderationNote" TEXT,

    CONSTRAINT "ConsultationComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationPhoneCode" (
    "id" UUID NOT NULL,
    "consultationId" UUID NOT NULL,
    "phoneKey" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultationPhoneCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_feedbackResourceId_key" ON "Consultation"("feedbackResourceId");

-- CreateIndex
CREATE INDEX "Consultation_siteId_state_closesAt_idx" ON "Consultation"("siteId", "state", "closesAt");

-- CreateIndex
CREATE INDEX "Consultation_columnId_idx" ON "Consultation"("columnId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationQuestion_consultationId_position_key" ON "ConsultationQuestion"("consultationId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationResponse_formNonce_key" ON "ConsultationResponse"("formNonce");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationResponse_consultationId_participantKey_key" ON "ConsultationResponse"("consultationId", "participantKey");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationComment_formNonce_key" ON "ConsultationComment"("formNonce");

-- CreateIndex
CREATE INDEX "ConsultationComment_consultationId_status_createdAt_idx" ON "ConsultationComment"("consultationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ConsultationPhoneCode_consultationId_phoneKey_createdAt_idx" ON "ConsultationPhoneCode"("consultationId", "phoneKey", "createdAt");

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_columnId_fkey" FOREIGN KEY ("columnId") REFERENCES "Column"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_draftResourceId_fkey" FOREIGN KEY ("draftResourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_feedbackResourceId_fkey" FOREIGN KEY ("feedbackResourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationQuestion" ADD CONSTRAINT "ConsultationQuestion_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationResponse" ADD CONSTRAINT "ConsultationResponse_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationComment" ADD CONSTRAINT "ConsultationComment_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationPhoneCode" ADD CONSTRAINT "ConsultationPhoneCode_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
