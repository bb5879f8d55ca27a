// npm run report:website-annual -- --site <网站标识码> --year <year> – prints a site's 政府网站工作年度报表
// as JSON (keys: the template's group and field names); exits 1 for an unknown site, 2 for bad arguments.
import { ConfigError, parseEnv } from "@/lib/env";
import { connectDatabase } from "@/lib/db/prepare";
import { getDb } from "@/lib/db/client";
import { websiteAnnualCli } from "@/lib/reports/website-annual/cli";

async function main(): Promise<number> {
  const env = parseEnv(process.env);
  const database = await connectDatabase(env, (message) => console.error(message));
  const db = getDb();
  try {
    const { code, out } = await websiteAnnualCli(db, process.argv.slice(2));
    if (code === 0) console.log(out);
    else console.error(out);
    return code;
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
