// npm run supervision:inspect [-- --json] – runs every supervision monitor once (a home-page probe
// of each site included) and prints, per site and new-media account, each check with its name, veto
// flag, status and evidence; exits 1 when any veto check fails, 0 otherwise (2 on an error).
import { ConfigError, parseEnv } from "@/lib/env";
import { connectDatabase } from "@/lib/db/prepare";
import { getDb } from "@/lib/db/client";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { inspectJson, inspectText } from "@/lib/supervision/inspect-report";

async function main(): Promise<number> {
  const json = process.argv.includes("--json");
  const env = parseEnv(process.env);
  const database = await connectDatabase(env, (message) => (json ? console.error(message) : console.log(message)));
  const db = getDb();
  try {
    const { runId, measuredAt, reports } = await runMonitors(db, { trigger: "cli", probe: true });
    const report = inspectJson(measuredAt, runId, reports);
    console.log(json ? JSON.stringify(report, null, 2) : inspectText(report));
    return report.vetoFailed ? 1 : 0;
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
