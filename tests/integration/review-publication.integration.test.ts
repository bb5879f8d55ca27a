import { describe, expect, it } from "vitest";
import { blocksToDoc } from "@/lib/library/content";
import { saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { getReview } from "@/lib/review/queries";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { consumeOutbox } from "@/lib/events/outbox";
import { addPlacements, removePlacement, updatePlacement } from "@/lib/publish/placements";
import { findSiteByHost, getColumnPage } from "@/lib/sites/portal";
import { getPortalArticle } from "@/lib/sites/portal-article";
import { actorFor, actorsFor, makeUser, orgId, fileDb } from "./helpers";
import { ARTICLE_METADATA, columnId, SECTION, signChecks, submitted } from "./support/review";

// After a review passes: withdrawal and its outbox events, placements on columns of other sites,
// and corrections that replace the live revision.

describe("withdrawal and the outbox", () => {
  it("withdraws with a reason, removes the item from the portal, and emits one event per change", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy, officer] = await actorsFor("editor", "reviewer", "deputy", "officer");
    const { resource, instance } = await submitted(editor, "撤稿测试", "正文。");
    await signChecks(reviewer, instance.id, instance.contentHash);
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    await expect(
      withdrawPublication(editor, { resourceId: resource.id, reason: "内容有误需要撤回" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(withdrawPublication(officer, { resourceId: resource.id, reason: "" })).rejects.toMatchObject({
      code: "INVALID",
    });
    await withdrawPublication(officer, { resourceId: resource.id, reason: "内容有误需要撤回" });
    expect(await db.publication.findFirstOrThrow({ where: { resourceId: resource.id } })).toMatchObject({
      withdrawReason: "内容有误需要撤回",
    });
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "WITHDRAWN" });

    const seen: string[] = [];
    const failing = await consumeOutbox("test-consumer", async (event) => {
      if (event.subject === `resource:${resource.id}` && event.topic === "publication.withdrawn")
        throw new Error("search engine down");
      seen.push(`${event.topic} ${event.subject}`);
    });
    expect(failing.error).toBe("search engine down");
    const retried = await consumeOutbox("test-consumer", async (event) => {
      seen.push(`${event.topic} ${event.subject}`);
    });
    expect(retried.error).toBeNull();
    expect(seen.filter((entry) => entry.endsWith(`resource:${resource.id}`))).toEqual([
      `publication.published resource:${resource.id}`,
      `publication.withdrawn resource:${resource.id}`,
    ]);
    expect((await consumeOutbox("test-consumer", async () => {})).acknowledged).toBe(0);
  });
});

describe("placements", () => {
  async function publishedArticle(title: string) {
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const { resource, instance } = await submitted(editor, title, "正文。");
    await signChecks(reviewer, instance.id, instance.contentHash);
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    return resource;
  }

  it("are shared to other sites only by someone placing there, pinned first in the column, and never leave a live item nowhere", async () => {
    const db = await fileDb();
    const older = await publishedArticle("较早发布的要闻");
    await publishedArticle("较晚发布的要闻");
    const editor = await actorFor("editor");
    const cultureColumn = await columnId("wlzx", "wlw.localhost");
    await expect(addPlacements(editor, { resourceId: older.id, columnIds: [cultureColumn] })).rejects.toMatchObject({
      code: "INVALID",
    });
    const shared = await makeUser("shared.editor", "EDITOR", SECTION);
    await db.membership.create({
      data: { userId: shared.id, orgId: await orgId("重庆市文化和旅游发展委员会"), role: "EDITOR" },
    });
    expect(
      await addPlacements(await actorFor("shared.editor"), { resourceId: older.id, columnIds: [cultureColumn] }),
    ).toBe(1);
    const culture = (await findSiteByHost("wlw.localhost"))!;
    expect((await getColumnPage(culture, "wlzx", 1))!.items.map((item) => item.title)).toContain("较早发布的要闻");

    const district = (await findSiteByHost("localhost"))!;
    const before = (await getColumnPage(district, "ywdt", 1))!.items.map((item) => item.title);
    expect(before.indexOf("较晚发布的要闻")).toBeLessThan(before.indexOf("较早发布的要闻"));
    const placement = await db.placement.findFirstOrThrow({
      where: { resourceId: older.id, columnId: await columnId("ywdt") },
    });
    await expect(
      updatePlacement(editor, { placementId: placement.id, pinned: true, position: -1 }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await updatePlacement(editor, { placementId: placement.id, pinned: true, position: 0 });
    const after = (await getColumnPage(district, "ywdt", 1))!.items;
    expect(after[0]).toMatchObject({ title: "较早发布的要闻", pinned: true });
    expect(after.filter((item) => item.title === "较早发布的要闻")).toHaveLength(1);

    const sharedPlacement = await db.placement.findFirstOrThrow({
      where: { resourceId: older.id, columnId: cultureColumn },
    });
    await expect(removePlacement(editor, sharedPlacement.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await removePlacement(await actorFor("shared.editor"), sharedPlacement.id);
    await expect(removePlacement(editor, placement.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("撤稿"),
    });
    expect(await db.outboxEvent.count({ where: { topic: "placement.changed", subject: `resource:${older.id}` } })).toBe(
      3,
    );
  });
});

describe("corrections", () => {
  it("publish a new revision through review, replacing the live one, with a public correction note", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const { resource, instance } = await submitted(editor, "区图书馆开放时间调整", "每周一闭馆。");
    await signChecks(reviewer, instance.id, instance.contentHash);
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    const site = (await findSiteByHost("localhost"))!;

    // The edit is a draft: the public still sees the approved first version.
    const { revision } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "区图书馆开放时间调整",
      body: blocksToDoc([{ type: "paragraph", text: "每周二闭馆。" }]),
      metadata: ARTICLE_METADATA,
    });
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "DRAFT" });
    expect((await getPortalArticle(site, resource.id))!.bodyHtml).toContain("每周一闭馆");

    const correction = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: revision.number,
      publishMode: "ON_APPROVAL",
      correctionNote: "原文闭馆日期有误，已更正为每周二。",
    });
    expect(
      (await getReview(reviewer, correction.id)).diff?.some(
        (segment) => segment.type === "added" && segment.text.includes("二"),
      ),
    ).toBe(true);
    await signChecks(reviewer, correction.id, correction.contentHash);
    await signOff(deputy, {
      instanceId: correction.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: correction.contentHash,
    });

    const article = (await getPortalArticle(site, resource.id))!;
    expect(article.bodyHtml).toContain("每周二闭馆");
    expect(article.correction?.note).toBe("原文闭馆日期有误，已更正为每周二。");
    const publications = await db.publication.findMany({
      where: { resourceId: resource.id },
      orderBy: { publishedAt: "asc" },
    });
    expect(publications).toHaveLength(2);
    expect(publications[0]!.supersededAt).not.toBeNull();
    expect(publications[1]).toMatchObject({ supersededAt: null, withdrawnAt: null, reviewInstanceId: correction.id });
  });
});
