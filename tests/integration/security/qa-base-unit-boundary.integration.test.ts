import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createResource, saveRevision } from "@/lib/library/resources";
import { blocksToDoc } from "@/lib/library/content";
import { confirmQaEntry } from "@/lib/interaction/qa/confirm-entry";
import { listQaEntries } from "@/lib/interaction/qa/list-entries";
import { getServedQa, listServedQa } from "@/lib/interaction/qa/public-qa";
import { actorFor, fileDb, makeUser } from "../helpers";
import { refused } from "../support/interaction";
import { SECTION } from "../support/review";

// The unit boundary of the 答问库: another unit's staff neither list a unit's entries (drafts
// included) nor confirm its flags, and the public never reads an entry that is not published on
// the site — a draft 答问 is not served, whatever its address.

const CULTURE = "重庆市文化和旅游发展委员会";

describe("the 答问库 across units", () => {
  it("keeps another unit's staff and the public out of a unit's draft entries", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const outsider = await makeUser("culture.qa-reviewer", "CHECK_REVIEWER", CULTURE);
    const section = await db.organization.findFirstOrThrow({ where: { name: SECTION } });
    const resource = await createResource(editor, { kind: "QA", ownerOrgId: section.id });
    await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "区政务公开科内部答问草稿",
      body: blocksToDoc([{ type: "paragraph", text: "尚未审核的答复口径。" }]),
      metadata: { source: { type: "original" }, qa: { themes: ["social-security"] } },
    });
    await getDb().qaEntry.update({
      where: { resourceId: resource.id },
      data: { flaggedAt: new Date(), flagCause: "POLICY_REPEALED", flagReason: "关联政策已废止" },
    });

    expect((await listQaEntries(outsider, {})).entries.map((entry) => entry.id)).not.toContain(resource.id);
    await refused(() => confirmQaEntry(outsider, { resourceId: resource.id, note: "仍然有效" }), "NOT_FOUND");
    expect((await getDb().qaEntry.findUniqueOrThrow({ where: { resourceId: resource.id } })).flaggedAt).not.toBeNull();

    const sites = await db.site.findMany({ select: { id: true } });
    for (const site of sites) {
      expect((await listServedQa(site.id)).entries.map((entry) => entry.id)).not.toContain(resource.id);
      expect(await getServedQa({ id: site.id, platformHosts: [] }, resource.id)).toBeNull();
    }
    await refused(() => listQaEntries(null, {}), "UNAUTHENTICATED");
    await refused(() => listQaEntries(editor, { unitId: "not-a-uuid" }), "INVALID");
    await refused(() => listQaEntries(editor, { theme: "social\u0000security" }), "INVALID");
    await refused(() => confirmQaEntry(editor, { resourceId: resource.id, note: "仍然\u0000有效" }), "INVALID");
  });
});
