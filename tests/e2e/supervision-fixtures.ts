import { createDb } from "../../lib/db/client";
import { embeddedDatabaseUrl } from "../../lib/db/embedded-url";
import { E2E } from "./env";

// Test data of the supervision journey in the e2e server's database: a 动态 column of the district
// site whose newest item is 20 days old, and later the item that updates it. The item is written as
// a 历史导入 publication (as imported history is), not through review: the journey under test is
// the supervision one; publishing through review has its own specs.

const DISTRICT_SITE = "重庆市沙坪坝区人民政府";

async function withDb<T>(work: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(embeddedDatabaseUrl(E2E.pgPort));
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

export async function createStaleColumn(name: string): Promise<string> {
  return withDb(async (db) => {
    const site = await db.site.findFirstOrThrow({ where: { name: DISTRICT_SITE } });
    const column = await db.column.create({
      data: { siteId: site.id, name, slug: `jc-${Date.now().toString(36)}`, nav: false, position: 900 },
    });
    await publishItem(db, site.orgId, column.id, "街道社区工作动态", new Date(Date.now() - 20 * 86_400_000));
    return column.id;
  });
}

export async function publishInColumn(columnId: string, title: string): Promise<void> {
  await withDb(async (db) => {
    const column = await db.column.findUniqueOrThrow({ where: { id: columnId }, include: { site: true } });
    await publishItem(db, column.site.orgId, column.id, title, new Date());
  });
}

async function publishItem(db: ReturnType<typeof createDb>, orgId: string, columnId: string, title: string, at: Date) {
  const editor = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
  const resource = await db.resource.create({
    data: { kind: "ARTICLE", ownerOrgId: orgId, createdById: editor.id, state: "PUBLISHED", title, version: 1 },
  });
  const revision = await db.revision.create({
    data: {
      resourceId: resource.id,
      number: 1,
      title,
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: title }] }] },
      bodyHtml: `<p>${title}</p>`,
      metadata: {},
      contentHash: `e2e-${resource.id}`,
      authorId: editor.id,
    },
  });
  await db.publication.create({
    data: { resourceId: resource.id, revisionId: revision.id, origin: "IMPORTED", publishedAt: at },
  });
  await db.placement.create({ data: { columnId, resourceId: resource.id } });
}
