-- CreateTable
CREATE TABLE "SubmissionQuota" (
    "siteId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "monthly" INTEGER NOT NULL,
    "updatedById" UUID NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubmissionQuota_pkey" PRIMARY KEY ("siteId","orgId")
);

-- CreateTable
CREATE TABLE "QuotaReminder" (
    "siteId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "submitted" INTEGER NOT NULL,
    "quota" INTEGER NOT NULL,
    "sentTo" UUID[],
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuotaReminder_pkey" PRIMARY KEY ("siteId","orgId","month")
);

-- AddForeignKey
ALTER TABLE "SubmissionQuota" ADD CONSTRAINT "SubmissionQuota_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionQuota" ADD CONSTRAINT "SubmissionQuota_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaReminder" ADD CONSTRAINT "QuotaReminder_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaReminder" ADD CONSTRAINT "QuotaReminder_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
