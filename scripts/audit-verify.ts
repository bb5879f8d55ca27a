// npm run audit:verify – walks the hash chain of the audit log; exits non-zero naming the first
// broken event.
import { ConfigError, parseEnv } from "@/lib/env";
import { connectDatabase } from "@/lib/db/prepare";
import { createDb } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify";

async function main(): Promise<number> {
  const env = parseEnv(process.env);
  const database = await connectDatabase(env, (message) => console.log(message));
  const db = createDb(database.url);
  try {
    const report = await verifyAuditChain(db);
    if (report.firstBreak) {
      const event = await db.auditEvent.findUnique({ where: { seq: report.firstBreak.seq } });
      console.error(
        `审计链已断裂 (audit chain broken) at event #${report.firstBreak.seq} ` +
          `(${report.firstBreak.reason}; action ${event?.action ?? "?"} at ${event?.at.toISOString() ?? "?"}). ` +
          `${report.checked} events before it are intact.`,
      );
      return 1;
    }
    console.log(`审计链完整 (audit chain intact): ${report.checked} events verified.`);
    return 0;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error instanceof ConfigError ? error.message : `[tongyuan] ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  });
