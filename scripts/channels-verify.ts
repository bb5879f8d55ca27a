// npm run channels:verify – same source, provably (信息同源): checks every channel delivery against
// its publication's current revision; exits non-zero on any mismatch or missing delivery
// (stale channels are listed but do not fail the check).
import { ConfigError, parseEnv } from "@/lib/env";
import { connectDatabase } from "@/lib/db/prepare";
import { createDb } from "@/lib/db/client";
import { verifyChannels } from "@/lib/channels/verify";
import { formatVerifyReport } from "@/lib/channels/verify-report";

async function main(): Promise<number> {
  const env = parseEnv(process.env);
  const database = await connectDatabase(env, (message) => console.log(message));
  const db = createDb(database.url);
  try {
    const report = await verifyChannels(db);
    const text = formatVerifyReport(report);
    if (report.ok) console.log(text);
    else console.error(text);
    return report.ok ? 0 : 1;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(
      error instanceof ConfigError ? error.message : `[tongyuan] ${error instanceof Error ? error.message : error}`,
    );
    process.exit(2);
  });
