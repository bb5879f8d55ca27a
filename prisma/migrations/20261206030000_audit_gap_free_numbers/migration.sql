-- Audit event numbers are gap-free from here on: lib/audit/record.ts takes the next number under
-- the lock that chains the hash, so audit:verify reports any missing number as a deleted event.
-- Numbers up to the newest event at this point came from a sequence (a rolled-back transaction
-- skipped one), so gaps among them are not reported; the hash chain still links them.
INSERT INTO "PlatformState" ("key", "value", "updatedAt")
SELECT 'audit.gapFreeAfter', to_jsonb(COALESCE(MAX("seq"), 0)), now() FROM "AuditEvent"
ON CONFLICT ("key") DO NOTHING;
