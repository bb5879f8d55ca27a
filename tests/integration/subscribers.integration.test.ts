import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { publishApproved } from "@/lib/publish/publish";
import { cacheTag } from "@/lib/cache/render-scope";
import { registerSubscribers, unregisterSubscribers } from "@/lib/subscribers";
import { actorsFor, orgId, fileDb } from "./helpers";

// Publishing imports none of its consumers: the portal purge, the search document and the channel
// deliveries happen because lib/subscribers.ts registered them (file-setup.ts does, as every
// process does). Without them a publication must fail, not quietly skip its projections.

const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];

/** An article approved for manual publication in the 要闻动态 column of the local site. */
async function approvedForManualPublication(title: string) {
  const db = getDb();
  const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
  const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId("区政府办公室政务公开科") });
  const body = blocksToDoc([{ type: "paragraph", text: "订阅者注册测试的正文。" }]);
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 0,
    title,
    body,
    metadata: { source: { type: "original" } },
  });
  const column = await db.column.findFirstOrThrow({
    where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } },
  });
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "MANUAL",
    columnIds: [column.id],
  });
  for (const check of CHECKS)
    await signOff(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      check,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  await signOff(deputy, {
    instanceId: instance.id,
    stagePosition: 1,
    decision: "APPROVE",
    contentHash: revision.contentHash,
  });
  return { resource, instance, editor };
}

async function projectionsOf(resourceId: string) {
  const db = getDb();
  const [search] = await db.$queryRaw<
    { n: number }[]
  >`select count(*)::int as n from "SearchDocument" where id = ${`res-${resourceId}`}`;
  const purges = await db.portalPurge.findMany({ where: { tags: { has: cacheTag.resource(resourceId) } } });
  return {
    publications: await db.publication.count({ where: { resourceId } }),
    outbox: await db.outboxEvent.count({ where: { subject: `resource:${resourceId}` } }),
    searchDocuments: search!.n,
    purges: purges.length,
  };
}

afterEach(() => registerSubscribers());

describe("lib/subscribers.ts", () => {
  it("a publication without registered subscribers fails and leaves nothing behind", async () => {
    await fileDb();
    const { resource, instance, editor } = await approvedForManualPublication("未注册订阅者时的发布");
    unregisterSubscribers();
    await expect(publishApproved(editor, instance.id)).rejects.toThrow(/No subscriber for event "outbox.recorded"/);
    // The outbox row was written before the event found no subscriber: the transaction rolled it back.
    expect(await projectionsOf(resource.id)).toEqual({ publications: 0, outbox: 0, searchDocuments: 0, purges: 0 });
  });

  it("with the subscribers registered (twice: the second call adds nothing), publishing runs each projection once", async () => {
    await fileDb();
    const { resource, instance, editor } = await approvedForManualPublication("注册订阅者后的发布");
    registerSubscribers();
    registerSubscribers();
    await publishApproved(editor, instance.id);
    expect(await projectionsOf(resource.id)).toEqual({ publications: 1, outbox: 1, searchDocuments: 1, purges: 1 });
  });
});
