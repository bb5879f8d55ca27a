import { createDb } from "../../lib/db/client";
import { embeddedDatabaseUrl } from "../../lib/db/embedded-url";
import { blocksToDoc } from "../../lib/library/content";
import { createPublishedItem } from "../../lib/seed/seed-items";
import { E2E } from "./env";

export const EDUCATION = "重庆市沙坪坝区教育委员会";

/**
 * Approved items of the district's 教育委员会, of this test's own (titles carry a suffix): already
 * public on no site, as a department without a site of its own has them, ready to be submitted.
 */
export async function approvedEducationItems(titles: string[]): Promise<string[]> {
  const db = createDb(embeddedDatabaseUrl(E2E.pgPort));
  try {
    const unit = await db.organization.findFirstOrThrow({ where: { name: EDUCATION } });
    const author = await db.user.findUniqueOrThrow({ where: { username: "jw-officer" } });
    const ids: string[] = [];
    for (const title of titles) {
      ids.push(
        await db.$transaction((tx) =>
          createPublishedItem(tx, {
            kind: "ARTICLE",
            ownerOrgId: unit.id,
            authorId: author.id,
            title,
            body: blocksToDoc([{ type: "paragraph", text: `${title}。区教委精心组织，各校积极参与。` }]),
            metadata: { source: { type: "original" } },
            publishedAt: new Date(),
            columnIds: [],
            indexUnit: { id: unit.id, code: unit.code },
          }),
        ),
      );
    }
    return ids;
  } finally {
    await db.$disconnect();
  }
}
