// npm run audit:archive -- --before YYYY-MM-DD [--out DIR] – exports the audit events older than a
// day (China time) as signed NDJSON (a detached Ed25519 signature beside it) for keeping offline.
// Nothing is deleted: the live table is append-only. Check an archive with
// `npm run audit:verify -- --archive <file>`.
import path from "node:path";
import { ConfigError, parseEnv } from "@/lib/env";
import { connectDatabase } from "@/lib/db/prepare";
import { createDb } from "@/lib/db/client";
import { anchorConfig, loadSigningKey } from "@/lib/audit/anchor";
import { exportAuditArchive } from "@/lib/audit/archive";
import { chinaDayStart } from "@/lib/time/china";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<number> {
  const env = parseEnv(process.env);
  const before = argument("--before");
  const start = before ? chinaDayStart(before) : null;
  if (!start || Number.isNaN(start.getTime())) {
    console.error("用法 (usage): npm run audit:archive -- --before YYYY-MM-DD [--out DIR]");
    return 2;
  }
  const config = anchorConfig(env);
  const outDir = path.resolve(argument("--out") ?? path.join(config.dir, "archives"));
  const key = await loadSigningKey(config, { create: false });
  const database = await connectDatabase(env, (message) => console.log(message));
  const db = createDb(database.url);
  try {
    const result = await exportAuditArchive(db, { before: start, outDir, key });
    console.log(
      `审计归档已导出 (archive written): ${result.count} events #${result.firstSeq ?? "-"}–#${result.lastSeq ?? "-"}`,
    );
    console.log(`  ${result.file}\n  ${result.signatureFile}`);
    return 0;
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
