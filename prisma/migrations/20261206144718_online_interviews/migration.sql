-- CreateEnum
CREATE TYPE "InterviewStatus" AS ENUM ('ANNOUNCED', 'LIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "InterviewQuestionStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "InterviewPostKind" AS ENUM ('QUESTION', 'ANSWER', 'RETRACTION');

-- AlterEnum
ALTER TYPE "ResourceKind" ADD VALUE 'INTERVIEW_TRANSCRIPT';

-- CreateTable
CREATE TABLE "Interview" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" "InterviewStatus" NOT NULL DEFAULT 'ANNOUNCED',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "transcriptResourceId" UUID,

    CONSTRAINT "Interview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewGuest" (
    "id" UUID NOT NULL,
    "interviewId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "photoAssetId" UUID,
    "position" INTEGER NOT NULL,

    CONSTRAINT "InterviewGuest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewQuestion" (
    "id" UUID NOT NULL,
    "interviewId" UUID NOT NULL,
    "nickname" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "publicNickname" TEXT,
    "publicContent" TEXT,
    "status" "InterviewQuestionStatus" NOT NULL DEFAULT 'PENDING',
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "moderatedById" UUID,
    "moderatedAt" TIMESTAMP(3),

    CONSTRAINT "InterviewQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewPost" (
    "id" BIGSERIAL NOT NULL,
    "interviewId" UUID NOT NULL,
    "kind" "InterviewPostKind" NOT NULL,
    "questionId" UUID,
    "guestId" UUID,
    "body" TEXT NOT NULL,
    "postedById" UUID NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retractedAt" TIMESTAMP(3),
    "retractedById" UUID,
    "retractReason" TEXT,
    "retractsId" BIGINT,

    CONSTRAINT "InterviewPost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Interview_transcriptResourceId_key" ON "Interview"("transcriptResourceId");

-- CreateIndex
CREATE INDEX "Interview_siteId_startsAt_idx" ON "Interview"("siteId", "startsAt");

-- CreateIndex
CREATE INDEX "InterviewGuest_interviewId_idx" ON "InterviewGuest"("interviewId");

-- CreateIndex
CREATE INDEX "InterviewGuest_photoAssetId_idx" ON "InterviewGuest"("photoAssetId");

-- CreateIndex
CREATE INDEX "InterviewQuestion_interviewId_status_receivedAt_idx" ON "InterviewQuestion"("interviewId", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "InterviewPost_interviewId_id_idx" ON "InterviewPost"("interviewId", "id");

-- CreateIndex
CREATE INDEX "InterviewPost_questionId_idx" ON "InterviewPost"("questionId");

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_transcriptResourceId_fkey" FOREIGN KEY ("transcriptResourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewGuest" ADD CONSTRAINT "InterviewGuest_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewQuestion" ADD CONSTRAINT "InterviewQuestion_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewPost" ADD CONSTRAINT "InterviewPost_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewPost" ADD CONSTRAINT "InterviewPost_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "InterviewQuestion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewPost" ADD CONSTRAINT "InterviewPost_guestId_fkey" FOREIGN KEY ("guestId") REFERENCES "InterviewGuest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
