-- CreateTable
CREATE TABLE "PortalServer" (
    "id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortalServer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalPurge" (
    "id" BIGSERIAL NOT NULL,
    "tags" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT "PortalPurge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortalPurgeAck" (
    "purgeId" BIGINT NOT NULL,
    "serverId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortalPurgeAck_pkey" PRIMARY KEY ("purgeId","serverId")
);

-- CreateIndex
CREATE INDEX "PortalServer_heartbeatAt_idx" ON "PortalServer"("heartbeatAt");

-- CreateIndex
CREATE INDEX "PortalPurge_createdAt_idx" ON "PortalPurge"("createdAt");

-- CreateIndex
CREATE INDEX "PortalPurgeAck_serverId_idx" ON "PortalPurgeAck"("serverId");

-- AddForeignKey
ALTER TABLE "PortalPurgeAck" ADD CONSTRAINT "PortalPurgeAck_purgeId_fkey" FOREIGN KEY ("purgeId") REFERENCES "PortalPurge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalPurgeAck" ADD CONSTRAINT "PortalPurgeAck_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "PortalServer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
