-- AlterTable
ALTER TABLE "Letter" ADD COLUMN     "nextAlertAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Letter_nextAlertAt_idx" ON "Letter"("nextAlertAt");

-- The clock-alert sweep reads only letters whose next alert is due (lib/interaction/clock-alerts.ts).
-- Whatever changes a letter's state or due dates (acceptance, 延期, a calendar change, 重办, a step
-- added later) makes the sweep look at it again: an open letter gets its receipt time, which is
-- always due; a letter that left the open states is never looked at. The open states here are
-- those the sweep alerts on (待受理 and the reply clock's), kept in step with REPLY_OPEN there.
CREATE FUNCTION "letter_next_alert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT'
     OR NEW."state" IS DISTINCT FROM OLD."state"
     OR NEW."acceptDueAt" IS DISTINCT FROM OLD."acceptDueAt"
     OR NEW."replyDueAt" IS DISTINCT FROM OLD."replyDueAt"
     OR NEW."answeredAt" IS DISTINCT FROM OLD."answeredAt" THEN
    NEW."nextAlertAt" := CASE
      WHEN NEW."state" IN ('PENDING', 'ACCEPTED', 'ASSIGNED', 'HANDLING', 'REVIEWING') THEN NEW."receivedAt"
    END;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Letter_next_alert" BEFORE INSERT OR UPDATE ON "Letter"
  FOR EACH ROW EXECUTE FUNCTION "letter_next_alert"();

-- Letters open now are looked at by the first sweep.
UPDATE "Letter" SET "nextAlertAt" = "receivedAt"
  WHERE "state" IN ('PENDING', 'ACCEPTED', 'ASSIGNED', 'HANDLING', 'REVIEWING');
