import PgBoss from "pg-boss";

// pg-boss keeps its tables in their own schema. The schema owner creates and migrates it during
// set-up (lib/db/prepare.ts); the app role only uses it (lib/db/roles.ts grants what it needs),
// so the app never runs DDL.

export const JOB_SCHEMA = "pgboss";

/** Creates pg-boss's schema, or migrates it to the installed pg-boss version, as the owner. */
export async function installJobSchema(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOB_SCHEMA,
    supervise: false,
    schedule: false,
    max: 1,
  });
  boss.on("error", () => {});
  await boss.start();
  await boss.stop({ graceful: false, wait: true, timeout: 1000 });
}
