import { getDb } from "@/lib/db/client";
import { seedDemoPlatform } from "@/lib/seed/demo-platform";

export const TEST_PASSWORD = "Test-Passw0rd-2026";

/** This file's database, seeded with the demo platform. */
export async function seededDb() {
  const db = getDb();
  await seedDemoPlatform(db, { password: TEST_PASSWORD });
  return db;
}
