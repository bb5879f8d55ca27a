-- AlterEnum
ALTER TYPE "DeliveryAction" ADD VALUE 'REPLY';

-- DropForeignKey
ALTER TABLE "Delivery" DROP CONSTRAINT "Delivery_publicationId_fkey";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "letterReplyId" UUID,
ALTER COLUMN "publicationId" DROP NOT NULL,
ALTER COLUMN "resourceId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Letter" ADD COLUMN     "relayId" UUID;

-- CreateTable
CREATE TABLE "InteractionRelay" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "origin" "LetterChannel" NOT NULL,
    "channelId" UUID NOT NULL,
    "secret" TEXT NOT NULL,
    "secretRotatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InteractionRelay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RelayMessage" (
    "id" UUID NOT NULL,
    "relayId" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "letterId" UUID NOT NULL,
    "status" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RelayMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InteractionRelay_siteId_origin_key" ON "InteractionRelay"("siteId", "origin");

-- CreateIndex
CREATE UNIQUE INDEX "RelayMessage_relayId_idempotencyKey_key" ON "RelayMessage"("relayId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Delivery_letterReplyId_idx" ON "Delivery"("letterReplyId");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_letterReplyId_fkey" FOREIGN KEY ("letterReplyId") REFERENCES "LetterReply"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Letter" ADD CONSTRAINT "Letter_relayId_fkey" FOREIGN KEY ("relayId") REFERENCES "InteractionRelay"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InteractionRelay" ADD CONSTRAINT "InteractionRelay_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InteractionRelay" ADD CONSTRAINT "InteractionRelay_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RelayMessage" ADD CONSTRAINT "RelayMessage_relayId_fkey" FOREIGN KEY ("relayId") REFERENCES "InteractionRelay"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
