import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { submitForReview } from "@/lib/review/instances";
import { findSiteByHost } from "@/lib/sites/portal";
import { listPolicyLibrary, ZPolicyFilters } from "@/lib/sites/policies";
import { formatDate } from "@/lib/format";
import { actorsFor, fileDb, orgId } from "./helpers";
import { approveReview, SECTION } from "./support/review";

// The policy library is ordered by the date it shows beside each document: its 成文日期, or the
// day it was published when it has none, both in one expression.

async function libraryColumns() {
  const district = (await findSiteByHost("localhost"))!;
  return {
    district,
    columns: district.columns.filter((column) => column.kind === "POLICY_LIBRARY").map((column) => column.id),
  };
}

let undatedId = "";

beforeAll(async () => {
  await fileDb();
  const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
  const resource = await createResource(editor, { kind: "POLICY", ownerOrgId: await orgId(SECTION) });
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 0,
    title: "重庆市沙坪坝区人民政府办公室关于做好政策文件清理工作的通知",
    body: blocksToDoc([{ type: "paragraph", text: "各街道办事处、镇人民政府，区政府各部门：" }]),
    metadata: {
      source: { type: "original" },
      policy: { docNumber: null, issuer: "重庆市沙坪坝区人民政府办公室", writtenOn: null, genre: "通知" },
    },
  });
  const column = (await libraryColumns()).district.columns.find((candidate) => candidate.slug === "zcwj")!;
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [column.id],
  });
  await approveReview(reviewer, deputy, instance.id, revision.contentHash);
  undatedId = resource.id;
}, 120_000);

describe("the policy library's order", () => {
  it("is the order of the dates it shows: 成文日期, else the publication day", async () => {
    const { district, columns } = await libraryColumns();
    const library = await listPolicyLibrary(district.id, columns, ZPolicyFilters.parse({}));
    const dates = library.items.map((item) => item.listDate!.value);
    expect(dates).toEqual([...dates].sort().reverse());
    // The seeded documents: written 2019-06-05 but published in November sorts below one written
    // (and published) 2019-06-06, as the dates shown say.
    expect(
      library.items.filter((item) => item.listDate!.kind === "written").map((item) => item.listDate!.value),
    ).toEqual(["2024-01-08", "2021-08-10", "2019-06-06", "2019-06-05", "2015-02-12"]);
    const undated = library.items.find((item) => item.resourceId === undatedId)!;
    const publication = await getDb().publication.findFirstOrThrow({ where: { resourceId: undatedId } });
    expect(undated.listDate).toEqual({ value: formatDate(publication.publishedAt), kind: "published" });
    expect(library.items[0]!.resourceId).toBe(undatedId);
  });

  it("shows each written date as the document's own 成文日期", async () => {
    const { district, columns } = await libraryColumns();
    const library = await listPolicyLibrary(district.id, columns, ZPolicyFilters.parse({}));
    const revisions = await getDb().publication.findMany({
      where: { resourceId: { in: library.items.map((item) => item.resourceId) }, supersededAt: null },
      select: { resourceId: true, revision: { select: { metadata: true } } },
    });
    for (const item of library.items.filter((candidate) => candidate.listDate!.kind === "written")) {
      const metadata = revisions.find((row) => row.resourceId === item.resourceId)!.revision.metadata as {
        policy: { writtenOn: string };
      };
      expect(item.listDate!.value).toBe(metadata.policy.writtenOn);
    }
  });
});
