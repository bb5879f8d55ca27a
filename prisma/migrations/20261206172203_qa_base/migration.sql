-- CreateEnum
CREATE TYPE "QaOrigin" AS ENUM ('MANUAL', 'LETTER_REPLY');

-- CreateEnum
CREATE TYPE "QaFlagCause" AS ENUM ('POLICY_REPEALED', 'POLICY_REVISED', 'POLICY_CORRECTED', 'POLICY_EXPIRED');

-- CreateTable
CREATE TABLE "QaTheme" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QaTheme_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "QaEntry" (
    "resourceId" UUID NOT NULL,
    "origin" "QaOrigin" NOT NULL DEFAULT 'MANUAL',
    "letterId" UUID,
    "letterReplyId" UUID,
    "unitId" UUID NOT NULL,
    "themes" TEXT[],
    "validFrom" DATE,
    "validTo" DATE,
    "flaggedAt" TIMESTAMP(3),
    "flagCause" "QaFlagCause",
    "flagReason" TEXT,
    "flagPolicyId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QaEntry_pkey" PRIMARY KEY ("resourceId")
);

-- CreateTable
CREATE TABLE "QaPolicyLink" (
    "entryId" UUID NOT NULL,
    "policyId" UUID NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QaPolicyLink_pkey" PRIMARY KEY ("entryId","policyId")
);

-- CreateIndex
CREATE UNIQUE INDEX "QaEntry_letterReplyId_key" ON "QaEntry"("letterReplyId");

-- CreateIndex
CREATE INDEX "QaEntry_unitId_idx" ON "QaEntry"("unitId");

-- CreateIndex
CREATE INDEX "QaEntry_flaggedAt_idx" ON "QaEntry"("flaggedAt");

-- CreateIndex
CREATE INDEX "QaEntry_letterId_idx" ON "QaEntry"("letterId");

-- CreateIndex
CREATE INDEX "QaPolicyLink_policyId_idx" ON "QaPolicyLink"("policyId");

-- AddForeignKey
ALTER TABLE "QaEntry" ADD CONSTRAINT "QaEntry_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaEntry" ADD CONSTRAINT "QaEntry_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaEntry" ADD CONSTRAINT "QaEntry_letterReplyId_fkey" FOREIGN KEY ("letterReplyId") REFERENCES "LetterReply"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaEntry" ADD CONSTRAINT "QaEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaPolicyLink" ADD CONSTRAINT "QaPolicyLink_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "QaEntry"("resourceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaPolicyLink" ADD CONSTRAINT "QaPolicyLink_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Resource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- 答问主题: the themes a district portal's 咨询答问 column starts with, editable afterwards.
INSERT INTO "QaTheme" ("code", "name", "position") VALUES
  ('social-security', '社会保障', 1), ('medical-insurance', '医疗保障', 2), ('household', '户籍办理', 3),
  ('education', '教育入学', 4), ('employment', '就业创业', 5), ('housing', '住房保障', 6),
  ('business', '企业开办', 7), ('elderly-care', '养老服务', 8), ('transport', '交通出行', 9),
  ('civil-affairs', '民政服务', 10)
ON CONFLICT ("code") DO NOTHING;
