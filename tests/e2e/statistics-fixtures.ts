import { createDb } from "../../lib/db/client";
import { embeddedDatabaseUrl } from "../../lib/db/embedded-url";
import { hashPassword } from "../../lib/auth/password";
import { E2E } from "./env";

// Test data of the statistics journey in the e2e server's database: a district department with its
// 信息员, one published item of theirs and its 报送 to the district portal, and the portal's 采用 of
// it. The submission rows are written here directly (the 报送/采用 use cases and pages are issue
// #29 item 1's, on another branch; their own spec drives them through the pages).

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

/** The department, its 信息员 (username returned) and one item it submitted to the district portal today. */
export async function createDepartmentSubmission(
  username: string,
): Promise<{ submissionId: string; districtId: string }> {
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
    const title = "区审计局开展2026年度重点民生资金专项审计";
    const resource = await db.resource.create({
      data: { kind: "ARTICLE", ownerOrgId: unit.id, createdById: officer.id, state: "PUBLISHED", title, version: 1 },
    });
    const revision = await db.revision.create({
      data: {
        resourceId: resource.id,
        number: 1,
        title,
        body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: title }] }] },
        bodyHtml: `<p>${title}</p>`,
        metadata: { source: { type: "original" } },
        contentHash: `e2e-${resource.id}`,
        authorId: officer.id,
      },
    });
    await db.publication.create({
      data: { resourceId: resource.id, revisionId: revision.id, origin: "IMPORTED", publishedAt: new Date() },
    });
    const submission = await db.submission.create({
      data: {
        resourceId: resource.id,
        revisionId: revision.id,
        fromOrgId: unit.id,
        submittedById: officer.id,
        toSiteId: site.id,
      },
    });
    return { submissionId: submission.id, districtId: district.id };
  });
}

/** The district portal's desk adopts the submission into 沙坪坝要闻 (the row as the adoption leaves it). */
export async function adoptSubmission(submissionId: string): Promise<void> {
  await withDb(async (db) => {
    const submission = await db.submission.findUniqueOrThrow({ where: { id: submissionId } });
    const editor = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
    const column = await db.column.findFirstOrThrow({ where: { siteId: submission.toSiteId, slug: "ywdt" } });
    await db.placement.create({ data: { columnId: column.id, resourceId: submission.resourceId } });
    await db.submission.update({
      where: { id: submissionId },
      data: {
        state: "ADOPTED",
        adoptedAt: new Date(),
        adoptedById: editor.id,
        columnIds: [column.id],
        version: { increment: 1 },
      },
    });
  });
}
