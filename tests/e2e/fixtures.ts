import { createDb } from "../../lib/db/client";
import { embeddedDatabaseUrl } from "../../lib/db/embedded-url";
import { hashPassword } from "../../lib/auth/password";
import type { Role } from "../../lib/db/generated/client";
import { E2E } from "./env";

/**
 * Test data of a test's own: a settled account (password already chosen) in the e2e server's
 * database, so that a test changing its account does not disturb the seeded demo accounts.
 */
export async function createSettledUser(input: {
  username: string;
  displayName: string;
  orgName: string;
  role: Role;
  password: string;
}) {
  const db = createDb(embeddedDatabaseUrl(E2E.pgPort));
  try {
    const org = await db.organization.findFirstOrThrow({ where: { name: input.orgName } });
    await db.user.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
        mustChangePassword: false,
        memberships: { create: { orgId: org.id, role: input.role } },
      },
    });
  } finally {
    await db.$disconnect();
  }
}
