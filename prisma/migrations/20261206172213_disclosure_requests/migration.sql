-- CreateEnum
CREATE TYPE "DisclosureApplicantType" AS ENUM ('NATURAL_PERSON', 'BUSINESS', 'RESEARCH', 'PUBLIC_WELFARE', 'LEGAL_SERVICE', 'OTHER_ORG');

-- CreateEnum
CREATE TYPE "DisclosureReceiptChannel" AS ENUM ('ONLINE', 'LETTER', 'FAX', 'IN_PERSON');

-- CreateEnum
CREATE TYPE "DisclosureState" AS ENUM ('RECEIVED', 'REGISTERED', 'CORRECTION', 'REVIEWING', 'ANSWERED', 'DELIVERED', 'ARCHIVED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "DisclosureAnswerType" AS ENUM ('PUBLIC', 'PARTIAL', 'WITHHELD_STATE_SECRET', 'WITHHELD_LAW_PROHIBITS', 'WITHHELD_SAFETY_STABILITY', 'WITHHELD_THIRD_PARTY', 'WITHHELD_INTERNAL_AFFAIRS', 'WITHHELD_PROCESS_INFO', 'WITHHELD_ENFORCEMENT_FILE', 'WITHHELD_INQUIRY_MATTER', 'UNAVAILABLE_NOT_HELD', 'UNAVAILABLE_NEEDS_CREATION', 'UNAVAILABLE_UNCLEAR', 'NOT_PROCESSED_PETITION', 'NOT_PROCESSED_REPEAT', 'NOT_PROCESSED_PUBLICATION', 'NOT_PROCESSED_EXCESSIVE', 'NOT_PROCESSED_CONFIRMATION', 'OTHER_NO_CORRECTION', 'OTHER_FEE_UNPAID', 'OTHER');

-- CreateEnum
CREATE TYPE "DisclosurePauseKind" AS ENUM ('THIRD_PARTY', 'OTHER_AGENCY', 'FEE_NOTICE');

-- CreateEnum
CREATE TYPE "DisclosureFeeBasis" AS ENUM ('PER_REQUEST', 'PER_PAGE');

-- CreateEnum
CREATE TYPE "DisclosureEventKind" AS ENUM ('SUBMITTED', 'REGISTERED', 'CORRECTION_REQUESTED', 'CORRECTED', 'WITHDRAWN', 'PAUSE_STARTED', 'PAUSE_ENDED', 'EXTENSION_REQUESTED', 'EXTENSION_DECIDED', 'EXTENSION_NOTIFIED', 'FEE_NOTICE', 'FEE_PAID', 'ANSWER_DRAFTED', 'ANSWER_SUBMITTED', 'ANSWER_APPROVED', 'ANSWER_RETURNED', 'DELIVERED', 'ARCHIVED', 'CLOCK_RECOMPUTED', 'ALERT');

-- CreateEnum
CREATE TYPE "DisclosureAlertKind" AS ENUM ('DUE_SOON', 'OVERDUE');

-- CreateEnum
CREATE TYPE "DisclosureExtensionStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- CreateEnum
CREATE TYPE "DisclosureAnswerStatus" AS ENUM ('DRAFT', 'REVIEWING', 'APPROVED', 'DELIVERED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Role" ADD VALUE 'DISCLOSURE_OFFICER';
ALTER TYPE "Role" ADD VALUE 'DISCLOSURE_HEAD';

-- CreateTable
CREATE TABLE "DisclosureRequest" (
    "id" UUID NOT NULL,
    "siteId" UUID,
    "unitId" UUID NOT NULL,
    "trackingCode" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "applicantType" "DisclosureApplicantType" NOT NULL,
    "applicantName" TEXT NOT NULL,
    "idDocumentKind" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "legalRepresentative" TEXT,
    "contactName" TEXT,
    "phone" TEXT NOT NULL,
    "email" TEXT,
    "address" TEXT,
    "postcode" TEXT,
    "infoTitle" TEXT NOT NULL,
    "infoNumber" TEXT,
    "infoDescription" TEXT NOT NULL,
    "mediumWanted" TEXT NOT NULL,
    "deliveryWanted" TEXT NOT NULL,
    "receiptChannel" "DisclosureReceiptChannel" NOT NULL,
    "arrivedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "enteredById" UUID,
    "state" "DisclosureState" NOT NULL DEFAULT 'RECEIVED',
    "registeredAt" TIMESTAMP(3),
    "registeredById" UUID,
    "correctionNotice" TEXT,
    "correctionAt" TIMESTAMP(3),
    "correctionDueAt" TIMESTAMP(3),
    "correctedAt" TIMESTAMP(3),
    "correctionText" TEXT,
    "clockStart" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "clock" JSONB NOT NULL,
    "answerType" "DisclosureAnswerType",
    "concludedAt" TIMESTAMP(3),
    "duplicateOfId" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,
    "nextAlertAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisclosureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosureAttachment" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisclosureAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosureEvent" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "kind" "DisclosureEventKind" NOT NULL,
    "actorId" UUID,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,
    "data" JSONB,

    CONSTRAINT "DisclosureEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosurePause" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "kind" "DisclosurePauseKind" NOT NULL,
    "party" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "limitAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "startedById" UUID NOT NULL,
    "endedById" UUID,
    "outcome" TEXT,

    CONSTRAINT "DisclosurePause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosureExtension" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "DisclosureExtensionStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "DisclosureExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosureFee" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "basis" "DisclosureFeeBasis" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amountYuan" INTEGER NOT NULL,
    "calculation" TEXT NOT NULL,
    "noticeAt" TIMESTAMP(3) NOT NULL,
    "payDueAt" TIMESTAMP(3) NOT NULL,
    "paidAt" TIMESTAMP(3),
    "pauseId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisclosureFee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosureAnswer" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "answerType" "DisclosureAnswerType" NOT NULL,
    "documentNumber" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "referTo" TEXT,
    "resourceId" UUID,
    "status" "DisclosureAnswerStatus" NOT NULL DEFAULT 'DRAFT',
    "draftedById" UUID NOT NULL,
    "draftedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "deliveredById" UUID,
    "deliveryMethod" TEXT,

    CONSTRAINT "DisclosureAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosureAlert" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "kind" "DisclosureAlertKind" NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "sentTo" UUID[],
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisclosureAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureRequest_trackingCode_key" ON "DisclosureRequest"("trackingCode");

-- CreateIndex
CREATE INDEX "DisclosureRequest_unitId_state_receivedAt_idx" ON "DisclosureRequest"("unitId", "state", "receivedAt");

-- CreateIndex
CREATE INDEX "DisclosureRequest_unitId_concludedAt_idx" ON "DisclosureRequest"("unitId", "concludedAt");

-- CreateIndex
CREATE INDEX "DisclosureRequest_nextAlertAt_idx" ON "DisclosureRequest"("nextAlertAt");

-- CreateIndex
CREATE INDEX "DisclosureRequest_idNumber_idx" ON "DisclosureRequest"("idNumber");

-- CreateIndex
CREATE INDEX "DisclosureAttachment_requestId_idx" ON "DisclosureAttachment"("requestId");

-- CreateIndex
CREATE INDEX "DisclosureEvent_requestId_at_idx" ON "DisclosureEvent"("requestId", "at");

-- CreateIndex
CREATE INDEX "DisclosurePause_requestId_idx" ON "DisclosurePause"("requestId");

-- CreateIndex
CREATE INDEX "DisclosureExtension_requestId_idx" ON "DisclosureExtension"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureFee_pauseId_key" ON "DisclosureFee"("pauseId");

-- CreateIndex
CREATE INDEX "DisclosureFee_requestId_idx" ON "DisclosureFee"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureAnswer_requestId_key" ON "DisclosureAnswer"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureAnswer_resourceId_key" ON "DisclosureAnswer"("resourceId");

-- CreateIndex
CREATE UNIQUE INDEX "DisclosureAlert_requestId_kind_dueAt_key" ON "DisclosureAlert"("requestId", "kind", "dueAt");

-- AddForeignKey
ALTER TABLE "DisclosureRequest" ADD CONSTRAINT "DisclosureRequest_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureRequest" ADD CONSTRAINT "DisclosureRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureRequest" ADD CONSTRAINT "DisclosureRequest_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "DisclosureRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureAttachment" ADD CONSTRAINT "DisclosureAttachment_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureEvent" ADD CONSTRAINT "DisclosureEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosurePause" ADD CONSTRAINT "DisclosurePause_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureExtension" ADD CONSTRAINT "DisclosureExtension_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureFee" ADD CONSTRAINT "DisclosureFee_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureAnswer" ADD CONSTRAINT "DisclosureAnswer_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureAnswer" ADD CONSTRAINT "DisclosureAnswer_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureAlert" ADD CONSTRAINT "DisclosureAlert_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DisclosureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
