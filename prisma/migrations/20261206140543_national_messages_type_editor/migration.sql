-- AlterTable
ALTER TABLE "InteractionType" ADD COLUMN     "publicForm" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Letter" ADD COLUMN     "platformEnteredAt" TIMESTAMP(3),
ADD COLUMN     "platformEnteredById" UUID,
ADD COLUMN     "registeredById" UUID,
ALTER COLUMN "writerName" DROP NOT NULL,
ALTER COLUMN "writerPhone" DROP NOT NULL;

-- A letter written on the site's form always names its writer and phone; only messages from
-- other channels (the national 找错 platform, relays) may arrive without them.
ALTER TABLE "Letter" ADD CONSTRAINT "custom_Letter_web_writer_check"
  CHECK ("channel" <> 'WEB' OR ("writerName" IS NOT NULL AND "writerPhone" IS NOT NULL));
