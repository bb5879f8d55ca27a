-- CreateEnum
CREATE TYPE "CredentialResetKind" AS ENUM ('PASSWORD', 'TOTP');

-- CreateEnum
CREATE TYPE "CredentialResetStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- CreateTable
CREATE TABLE "CredentialResetRequest" (
    "id" UUID NOT NULL,
    "kind" "CredentialResetKind" NOT NULL,
    "status" "CredentialResetStatus" NOT NULL DEFAULT 'PENDING',
    "targetId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "CredentialResetRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CredentialResetRequest_status_requestedAt_idx" ON "CredentialResetRequest"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "CredentialResetRequest_targetId_idx" ON "CredentialResetRequest"("targetId");

-- AddForeignKey
ALTER TABLE "CredentialResetRequest" ADD CONSTRAINT "CredentialResetRequest_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialResetRequest" ADD CONSTRAINT "CredentialResetRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialResetRequest" ADD CONSTRAINT "CredentialResetRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ───── Custom SQL (not expressible in schema.prisma, hence the custom_ prefix) ─────
-- One open request per account and kind; an approval is always by a second person (the requester
-- may only withdraw, i.e. refuse, their own request), whatever the application does.
CREATE UNIQUE INDEX "custom_CredentialResetRequest_one_pending" ON "CredentialResetRequest"("targetId", "kind") WHERE "status" = 'PENDING';
ALTER TABLE "CredentialResetRequest" ADD CONSTRAINT "custom_CredentialResetRequest_two_people" CHECK ("status" <> 'APPROVED' OR ("decidedById" IS NOT NULL AND "decidedById" <> "requestedById" AND "decidedById" <> "targetId"));
ALTER TABLE "CredentialResetRequest" ADD CONSTRAINT "custom_CredentialResetRequest_decided" CHECK (("status" = 'PENDING') = ("decidedAt" IS NULL));
