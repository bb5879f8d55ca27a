import { getDb } from "@/lib/db/client";
import { seedDemoPlatform } from "@/lib/seed/demo-platform";
import { loadActor, type Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/db/generated/client";
import { hashPassword } from "@/lib/auth/password";

export const TEST_PASSWORD = "Test-Passw0rd-2026";

/** This file's database, seeded with the demo platform. */
export async function seededDb() {
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
export async function actorsFor<const T extends readonly string[]>(...usernames: T): Promise<{ [K in keyof T]: Actor }> {
  return (await Promise.all(usernames.map(actorFor))) as { [K in keyof T]: Actor };
}
