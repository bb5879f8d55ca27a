import { isDeepStrictEqual } from "node:util";
import { onTestFinished } from "vitest";
import type { Prisma } from "@/lib/db/generated/client";
import { getDb } from "@/lib/db/client";
import { seedDemoPlatform } from "@/lib/seed/demo-platform";
import { loadActor, type Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/db/generated/client";
import { hashPassword } from "@/lib/auth/password";
import { getSecuritySettings } from "@/lib/auth/security-settings";

export const TEST_PASSWORD = "Test-Passw0rd-2026";

/**
 * This file's database, seeded with the demo platform on first use. It is shared by every test
 * of the file (file-setup.ts clones one per file, not per test): a test that changes what other
 * tests read (settings, workflows, the calendar, a site) puts it back with restoreAfterTest, or
 * lives in a file of its own.
 */
export async function fileDb() {
  const db = getDb();
  await seedDemoPlatform(db, { password: TEST_PASSWORD });
  return db;
}

/** The actor a request of this user would see, through a real server-side session. */
export async function actorFor(username: string): Promise<Actor> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { username } });
  const session = await db.session.create({ data: { userId: user.id } });
  const actor = await loadActor(user.id, session.id);
  if (!actor) throw new Error(`no actor for ${username}`);
  return actor;
}

export async function orgId(name: string): Promise<string> {
  return (await getDb().organization.findFirstOrThrow({ where: { name } })).id;
}

/** A settled (no obligations) account holding `role` in the named unit. */
export async function makeUser(username: string, role: Role, orgName: string): Promise<Actor> {
  const db = getDb();
  await db.user.create({
    data: {
      username,
      displayName: username,
      passwordHash: await hashPassword(TEST_PASSWORD),
      mustChangePassword: false,
      totpEnabledAt: new Date(),
      memberships: { create: { orgId: await orgId(orgName), role } },
    },
  });
  return actorFor(username);
}

/** Several actors at once, typed by position. */
export async function actorsFor<const T extends readonly string[]>(
  ...usernames: T
): Promise<{ [K in keyof T]: Actor }> {
  return (await Promise.all(usernames.map(actorFor))) as { [K in keyof T]: Actor };
}

// ───────────────────────── isolation within a file ─────────────────────────

/** Runs `undo` when the current test ends, passed or failed, so the next test sees the file's database as before. */
export function restoreAfterTest(undo: () => Promise<unknown>): void {
  onTestFinished(async () => {
    await undo();
  });
}

/** Puts the PlatformState rows under `keys` back as they are now (absent ones removed) when the current test ends. */
export async function keepPlatformState(...keys: string[]): Promise<void> {
  restoreAfterTest(await snapshotPlatformState(keys));
}

async function snapshotPlatformState(keys: string[]): Promise<() => Promise<unknown>> {
  const db = getDb();
  const rows = await db.platformState.findMany({ where: { key: { in: keys } } });
  return () =>
    db.$transaction([
      db.platformState.deleteMany({ where: { key: { in: keys } } }),
      ...rows.map((row) =>
        db.platformState.create({ data: { key: row.key, value: row.value as Prisma.InputJsonValue } }),
      ),
    ]);
}

// lib/auth/security-settings.ts keeps them under this key; keepSecuritySettings checks that the
// restore took effect, so a renamed key fails loudly instead of leaking settings between tests.
const SECURITY_SETTINGS_KEY = "security-settings";

/** Puts the security settings back as they are now when the current test ends. */
export async function keepSecuritySettings(): Promise<void> {
  const before = await getSecuritySettings();
  const restore = await snapshotPlatformState([SECURITY_SETTINGS_KEY]);
  restoreAfterTest(async () => {
    await restore();
    if (!isDeepStrictEqual(await getSecuritySettings(), before))
      throw new Error(`security settings not restored: is "${SECURITY_SETTINGS_KEY}" still their key?`);
  });
}
