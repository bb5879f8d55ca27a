import { createDb } from "../../lib/db/client";
import { embeddedDatabaseUrl } from "../../lib/db/embedded-url";
import { hashPassword } from "../../lib/auth/password";
import { blocksToDoc } from "../../lib/library/content";
import { createPublishedItem } from "../../lib/seed/seed-items";
import { E2E } from "./env";

// Background data of the statistics journey in the e2e server's database, and only that: a district
// department of its own (so that its counts start at zero whatever other specs did), its 信息员, and
// two items already approved in its library. The journey itself — 报送, 采用, 退回 — goes through
// the pages (statistics.spec.ts).

export const DEPARTMENT = "重庆市沙坪坝区审计局";
export const DISTRICT = "重庆市沙坪坝区人民政府";

async function withDb<T>(work: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(embeddedDatabaseUrl(E2E.pgPort));
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

/** The department and its 信息员 `username`, with approved items titled `titles` (their ids returned). */
export async function createDepartment(
  username: string,
  titles: string[],
): Promise<{ districtId: string; itemIds: string[] }> {
  return withDb(async (db) => {
    const district = await db.organization.findFirstOrThrow({ where: { name: DISTRICT } });
    const site = await db.site.findFirstOrThrow({ where: { orgId: district.id }, orderBy: { position: "asc" } });
    await db.site.update({ where: { id: site.id }, data: { acceptsSubmissions: true } });
    const unit = await db.organization.create({ data: { name: DEPARTMENT, kind: "HOST", parentId: district.id } });
    const officer = await db.user.create({
      data: {
        username,
        displayName: "许审计",
        passwordHash: await hashPassword(E2E.password),
        mustChangePassword: false,
        memberships: { create: { orgId: unit.id, role: "INFO_OFFICER" } },
      },
    });
    const itemIds: string[] = [];
    for (const title of titles)
      itemIds.push(
        await db.$transaction((tx) =>
          createPublishedItem(tx, {
            kind: "ARTICLE",
            ownerOrgId: unit.id,
            authorId: officer.id,
            title,
            body: blocksToDoc([{ type: "paragraph", text: `${title}。区审计局依法开展审计监督。` }]),
            metadata: { source: { type: "original" } },
            publishedAt: new Date(),
            columnIds: [],
            indexUnit: { id: unit.id, code: unit.code },
          }),
        ),
      );
    return { districtId: district.id, itemIds };
  });
}
