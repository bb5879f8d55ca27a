// npm run audit:verify – walks the hash chain of the audit log, checks that event numbers have no
// gaps and that the table still matches every signed checkpoint kept outside the database
// (AUDIT_ANCHOR_DIR); exits non-zero naming what is missing or changed.
// npm run audit:verify -- --archive <file.ndjson> – checks an archive export instead: its detached
// signature, its own chain, and that the live table still holds the same events.
import { ConfigError, parseEnv } from "@/lib/env";
import { connectDatabase } from "@/lib/db/prepare";
import { createDb } from "@/lib/db/client";
import { verifyAudit } from "@/lib/audit/verify";
import { verifyAuditArchive } from "@/lib/audit/archive";
import { anchorConfig, checkpointFile, loadPublicKey, readCheckpoints } from "@/lib/audit/anchor";

async function main(): Promise<number> {
  const env = parseEnv(process.env);
  const archiveIndex = process.argv.indexOf("--archive");
  const archive = archiveIndex >= 0 ? process.argv[archiveIndex + 1] : undefined;
  if (archiveIndex >= 0 && !archive) throw new Error("Usage: npm run audit:verify -- --archive <file.ndjson>");
  const config = anchorConfig(env);
  const publicKey = await loadPublicKey(config).catch(() => null);
  const database = await connectDatabase(env, (message) => console.log(message));
  const db = createDb(database.url);
  try {
    if (archive) {
      if (!publicKey) throw new Error("审计公钥不存在，无法验证归档 (no audit public key: set AUDIT_PUBLIC_KEY_FILE)");
      const report = await verifyAuditArchive(archive, publicKey, db);
      for (const problem of report.problems) console.error(`✗ ${problem}`);
      if (report.problems.length) {
        console.error(`归档验证失败 (archive verification failed): ${archive}`);
        return 1;
      }
      console.log(
        `归档完整 (archive intact): ${report.count} events, #${report.header?.firstSeq ?? "-"}–#${report.header?.lastSeq ?? "-"}, signature valid, same as the live table.`,
      );
      return 0;
    }
    const report = await verifyAudit(db, { checkpoints: await readCheckpoints(config), publicKey });
    for (const warning of report.warnings) console.log(`! ${warning}`);
    for (const problem of report.problems) console.error(`✗ ${problem.message}`);
    if (report.problems.length) {
      console.error(
        `审计链已断裂 (audit chain broken): ${report.problems.length} problem(s); ${report.checked} events read, ` +
          `${report.checkpoints} valid checkpoint(s) in ${checkpointFile(config)}.`,
      );
      return 1;
    }
    console.log(
      `审计链完整 (audit chain intact): ${report.checked} events verified, numbered without gaps to #${report.newestSeq}, ` +
        `${report.checkpoints} signed checkpoint(s) matched.`,
    );
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
