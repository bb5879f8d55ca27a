import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { publishApproved, publishInstance } from "@/lib/publish/publish";
import { actorFor, makeUser, orgId, fileDb, restoreAfterTest } from "./helpers";
import { ARTICLE_METADATA, CHECKS, DISTRICT, SECTION, signChecks, submitted } from "./support/review";

// Who may not sign or publish in a tiered review, and what the database refuses underneath.

describe("refusals in tiered review", () => {
  it("refuses the author signing their own revision, even with the reviewer role", async () => {
    await fileDb();
    const author = await makeUser("wang.author", "EDITOR", SECTION);
    await getDb().membership.create({
      data: { userId: author.id, orgId: await orgId(DISTRICT), role: "CHECK_REVIEWER", checks: CHECKS },
    });
    const { instance } = await submitted(await actorFor("wang.author"), "作者自审测试", "正文。");
    await expect(
      signOff(await actorFor("wang.author"), {
        instanceId: instance.id,
        stagePosition: 0,
        check: "politics",
        decision: "APPROVE",
        contentHash: instance.contentHash,
      }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("作者"),
    });
    expect(await getDb().signOff.count({ where: { instanceId: instance.id } })).toBe(0);
  });

  it("refuses a check the reviewer was not granted, and a deputy of another unit", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const lawOnly = await makeUser("law.only", "CHECK_REVIEWER", DISTRICT);
    await db.membership.updateMany({ where: { userId: lawOnly.id }, data: { checks: ["law"] } });
    const { instance } = await submitted(editor, "授权范围测试", "正文。");
    await expect(
      signOff(await actorFor("law.only"), {
        instanceId: instance.id,
        stagePosition: 0,
        check: "politics",
        decision: "APPROVE",
        contentHash: instance.contentHash,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await signOff(await actorFor("law.only"), {
      instanceId: instance.id,
      stagePosition: 0,
      check: "law",
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });

    await signChecks(await actorFor("reviewer"), instance.id, instance.contentHash, [
      "politics",
      "policy",
      "secrecy",
      "wording",
    ]);
    const otherDeputy = await makeUser("culture.deputy", "DIRECT_RESPONSIBLE", "重庆市文化和旅游发展委员会");
    const named = await db.responsibility.create({
      data: { orgId: await orgId("重庆市文化和旅游发展委员会"), kind: "DIRECT", userId: otherDeputy.id },
    });
    restoreAfterTest(() => db.responsibility.delete({ where: { id: named.id } }));
    await expect(
      signOff(otherDeputy, {
        instanceId: instance.id,
        stagePosition: 1,
        decision: "APPROVE",
        contentHash: instance.contentHash,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Holding the role in the right unit is not enough: only the named 直接责任人 signs.
    const secondDeputy = await makeUser("district.deputy2", "DIRECT_RESPONSIBLE", DISTRICT);
    await expect(
      signOff(secondDeputy, {
        instanceId: instance.id,
        stagePosition: 1,
        decision: "APPROVE",
        contentHash: instance.contentHash,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.signOff.count({ where: { instanceId: instance.id, stagePosition: 1 } })).toBe(0);
  });

  it("refuses publishing an incomplete review, through the lib function and the action", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const { resource, instance } = await submitted(editor, "未完成审核的发布测试", "正文。", { publishMode: "MANUAL" });
    await signChecks(await actorFor("reviewer"), instance.id, instance.contentHash, ["politics", "law"]);
    await expect(
      db.$transaction((tx) => publishInstance(tx, instance.id, { actorId: editor.id, role: "EDITOR", via: "manual" })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(publishApproved(editor, instance.id)).rejects.toMatchObject({ code: "CONFLICT" });
    // Forcing the status does not help: publish() re-derives completion from the sign-offs.
    await db.reviewInstance.update({ where: { id: instance.id }, data: { status: "APPROVED" } });
    await expect(publishApproved(editor, instance.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("审核尚未完成"),
    });
    // And the database refuses a reviewed publication without a review.
    const revision = await db.revision.findFirstOrThrow({ where: { resourceId: resource.id } });
    await expect(
      db.publication.create({
        data: { resourceId: resource.id, revisionId: revision.id, origin: "REVIEWED", publishedAt: new Date() },
      }),
    ).rejects.toThrow();
    expect(await db.publication.count({ where: { resourceId: resource.id } })).toBe(0);
  });

  it("refuses one person signing two stages unless the workflow allows it", async () => {
    const db = await fileDb();
    const unit = "重庆市文化和旅游发展委员会";
    const author = await makeUser("culture.editor", "EDITOR", "宣传推广处");
    const both = await makeUser("culture.both", "SECTION_REVIEWER", unit);
    await db.membership.create({ data: { userId: both.id, orgId: await orgId(unit), role: "INFO_OFFICER" } });
    const resource = await createResource(author, { kind: "ARTICLE", ownerOrgId: await orgId("宣传推广处") });
    const { revision } = await saveRevision(author, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "文旅消费季活动启动",
      body: blocksToDoc([{ type: "paragraph", text: "活动持续一个月。" }]),
      metadata: ARTICLE_METADATA,
    });
    const instance = await submitForReview(author, { resourceId: resource.id, baseVersion: 1, publishMode: "MANUAL" });
    expect(instance.workflowName).toContain("供稿三级审核");
    const signer = await actorFor("culture.both");
    await signOff(signer, {
      instanceId: instance.id,
      stagePosition: 0,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
    await expect(
      signOff(signer, {
        instanceId: instance.id,
        stagePosition: 1,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("两个环节") });
    const { allowSameSigner } = await db.workflow.findUniqueOrThrow({ where: { id: instance.workflowId } });
    restoreAfterTest(() => db.workflow.update({ where: { id: instance.workflowId }, data: { allowSameSigner } }));
    await db.workflow.updateMany({ where: { id: instance.workflowId }, data: { allowSameSigner: true } });
    await db.reviewInstance.update({ where: { id: instance.id }, data: { allowSameSigner: true } });
    await signOff(signer, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  });
});
