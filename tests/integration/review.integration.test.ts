import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { overrideFindings } from "@/lib/review/override-findings";
import { addComment } from "@/lib/review/add-comment";
import { cancelReview } from "@/lib/review/cancel-review";
import { exportAccountabilityRecord, getAccountabilityRecord } from "@/lib/review/accountability";
import { getReview, listInbox } from "@/lib/review/queries";
import { publishApproved, publishInstance } from "@/lib/publish/publish";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { consumeOutbox } from "@/lib/events/outbox";
import { addPlacements, removePlacement, updatePlacement } from "@/lib/publish/placements";
import { findSiteByHost, getColumnPage } from "@/lib/sites/portal";
import { getPortalArticle } from "@/lib/sites/portal-article";
import { LEXICON_STATE_KEY, revisionText } from "@/lib/review/revision-checks";
import { getLexiconConfig, saveLexicon } from "@/lib/review/workflows";
import { actorFor, actorsFor, keepPlatformState, makeUser, orgId, fileDb, restoreAfterTest } from "./helpers";
import { ARTICLE_METADATA, CHECKS, columnId, DISTRICT, SECTION, signChecks, submitted } from "./support/review";

describe("tiered review", () => {
  it("runs the seeded default: five checks, 直接责任人, 第一责任人 when flagged, then publishes to the placed columns", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy, principal] = await actorsFor("editor", "reviewer", "deputy", "principal");
    const { resource, instance } = await submitted(
      editor,
      "区政府关于做好2026年冬季供暖保障工作的解读",
      "供暖期为每年11月15日至次年3月15日。",
      { flagged: true, flagReason: "涉及全区民生保障", columnIds: [await columnId("ywdt"), await columnId("zcjd")] },
    );
    expect(instance).toMatchObject({
      status: "IN_PROGRESS",
      currentStage: 0,
      workflowName: "五关审核、责任人审批（平台默认）",
    });
    expect((await listInbox(reviewer)).map((item) => item.instanceId)).toContain(instance.id);
    expect((await listInbox(deputy)).map((item) => item.instanceId)).not.toContain(instance.id);
    expect(await db.notification.count({ where: { userId: reviewer.id, link: `/admin/review/${instance.id}` } })).toBe(
      1,
    );

    await signChecks(reviewer, instance.id, instance.contentHash);
    expect((await db.reviewInstance.findUniqueOrThrow({ where: { id: instance.id } })).currentStage).toBe(1);
    expect((await listInbox(deputy)).map((item) => item.instanceId)).toContain(instance.id);
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    // Flagged major: the first responsible person must approve too; nothing is public yet.
    expect(await db.publication.count({ where: { resourceId: resource.id } })).toBe(0);
    await signOff(principal, {
      instanceId: instance.id,
      stagePosition: 2,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });

    const publication = await db.publication.findFirstOrThrow({ where: { resourceId: resource.id } });
    expect(publication).toMatchObject({
      origin: "REVIEWED",
      reviewInstanceId: instance.id,
      contentHash: instance.contentHash,
      withdrawnAt: null,
    });
    expect(await db.placement.count({ where: { resourceId: resource.id } })).toBe(2);
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "PUBLISHED" });
    const events = await db.outboxEvent.findMany({ where: { subject: `resource:${resource.id}` } });
    expect(events.map((event) => event.topic)).toEqual(["publication.published"]);

    const record = await getAccountabilityRecord(await actorFor("supervisor"), instance.id);
    expect(record.rows.filter((row) => row.step === "五关审核").map((row) => row.check)).toEqual([
      "政治关",
      "法律关",
      "政策关",
      "保密关",
      "文字关",
    ]);
    expect(record.rows.map((row) => row.person)).toEqual(expect.arrayContaining(["王磊", "赵刚", "刘卫东"]));
    expect(record.rows.at(-1)).toMatchObject({ step: "发布", decision: "发布" });
    const exported = await exportAccountabilityRecord(await actorFor("supervisor"), instance.id);
    expect(exported.data.subarray(0, 2).toString()).toBe("PK");
    await expect(getAccountabilityRecord(await actorFor("admin"), instance.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("without the flag, publishes after the directly responsible person", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const { resource, instance } = await submitted(
      editor,
      "区政务服务中心延长周末服务时间",
      "自12月起，周六上午照常办公。",
    );
    await signChecks(reviewer, instance.id, instance.contentHash);
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    expect(await db.publication.count({ where: { resourceId: resource.id, withdrawnAt: null } })).toBe(1);
  });

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

  it("starts over when the text changes after three of five checks, keeping the earlier sign-offs in the history", async () => {
    const db = await fileDb();
    const [editor, reviewer] = await actorsFor("editor", "reviewer");
    const { resource, instance } = await submitted(editor, "修改后重新审核测试", "第一稿。");
    await signChecks(reviewer, instance.id, instance.contentHash, ["politics", "law", "policy"]);
    const saved = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "修改后重新审核测试",
      body: blocksToDoc([{ type: "paragraph", text: "第二稿。" }]),
      metadata: ARTICLE_METADATA,
    });
    expect(saved.reviewInstanceId).toBeTruthy();
    const old = await db.reviewInstance.findUniqueOrThrow({ where: { id: instance.id }, include: { signOffs: true } });
    expect(old.status).toBe("CANCELLED");
    expect(old.signOffs).toHaveLength(3);
    const fresh = await db.reviewInstance.findUniqueOrThrow({
      where: { id: saved.reviewInstanceId! },
      include: { signOffs: true },
    });
    expect(fresh).toMatchObject({
      status: "IN_PROGRESS",
      currentStage: 0,
      revisionId: saved.revision.id,
      contentHash: saved.revision.contentHash,
    });
    expect(fresh.signOffs).toHaveLength(0);
    // A sign-off for the old text is refused, on the old instance and on the new one.
    await expect(
      signOff(reviewer, {
        instanceId: instance.id,
        stagePosition: 0,
        check: "secrecy",
        decision: "APPROVE",
        contentHash: instance.contentHash,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      signOff(reviewer, {
        instanceId: fresh.id,
        stagePosition: 0,
        check: "secrecy",
        decision: "APPROVE",
        contentHash: instance.contentHash,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getReview(reviewer, fresh.id)).signable.map((signature) => signature.check)).toEqual(CHECKS);
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

  it("requires a reason to return, and returns the item to its author as a draft", async () => {
    const db = await fileDb();
    const [editor, reviewer] = await actorsFor("editor", "reviewer");
    const { resource, instance } = await submitted(editor, "退回测试", "正文。");
    await expect(
      signOff(reviewer, {
        instanceId: instance.id,
        stagePosition: 0,
        check: "wording",
        decision: "RETURN",
        contentHash: instance.contentHash,
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await signOff(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      check: "wording",
      decision: "RETURN",
      reason: "第二段表述不规范",
      contentHash: instance.contentHash,
    });
    expect(await db.reviewInstance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({
      status: "RETURNED",
    });
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "DRAFT" });
    expect(await db.notification.count({ where: { userId: editor.id, title: { contains: "第二段表述不规范" } } })).toBe(
      1,
    );
  });

  it("lets the submitter cancel, and keeps comments on passages", async () => {
    const db = await fileDb();
    const [editor, reviewer] = await actorsFor("editor", "reviewer");
    const { instance } = await submitted(editor, "评论测试", "请各单位于12月底前报送材料。");
    const { text } = revisionText(
      "评论测试",
      blocksToDoc([{ type: "paragraph", text: "请各单位于12月底前报送材料。" }]),
    );
    const start = text.indexOf("12月底");
    const comment = await addComment(reviewer, {
      instanceId: instance.id,
      start,
      end: start + 4,
      text: "请写明具体日期",
    });
    expect(comment.quote).toBe("12月底");
    await expect(cancelReview(reviewer, instance.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await cancelReview(editor, instance.id);
    expect(await db.reviewInstance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({
      status: "CANCELLED",
    });
  });
});

describe("pre-checks in review", () => {
  const RISKY =
    "经办人张某，身份证号11010519491231002X，联系电话13812345678。本文件属秘密，另据小道消息，截止到本月底完成。";

  it("finds each problem at its position, blocks final approval, and lets only the first responsible person override with a reason", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy, principal] = await actorsFor("editor", "reviewer", "deputy", "principal");
    const { instance } = await submitted(editor, "预检测试", RISKY);
    const view = await getReview(reviewer, instance.id);
    const found = (kind: string) => view.findings.find((finding) => finding.kind === kind)!;
    for (const [kind, passage] of [
      ["resident_id", "11010519491231002X"],
      ["mobile_number", "13812345678"],
      ["secrecy_marker", "秘密"],
      ["sensitive_word", "据小道消息"],
      ["official_term", "截止到"],
    ] as const) {
      const finding = found(kind);
      expect(finding, kind).toBeDefined();
      expect(view.text.slice(finding.start, finding.end)).toBe(passage);
    }
    expect(view.blocking.map((finding) => finding.kind).sort()).toEqual(["resident_id", "secrecy_marker"]);

    await signChecks(reviewer, instance.id, instance.contentHash);
    await expect(
      signOff(deputy, {
        instanceId: instance.id,
        stagePosition: 1,
        decision: "APPROVE",
        contentHash: instance.contentHash,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("预检问题") });
    await expect(overrideFindings(deputy, { instanceId: instance.id, reason: "已核实可以公开" })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    await expect(overrideFindings(principal, { instanceId: instance.id, reason: "" })).rejects.toMatchObject({
      code: "INVALID",
    });
    await overrideFindings(principal, { instanceId: instance.id, reason: "经核实，身份证号为公示所需且已获本人同意" });
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    expect(await db.reviewInstance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({
      status: "APPROVED",
    });
    const record = await getAccountabilityRecord(principal, instance.id);
    expect(record.rows.find((row) => row.step === "预检问题放行")).toMatchObject({
      person: "刘卫东",
      role: "第一责任人",
      reason: expect.stringContaining("已获本人同意"),
    });
    // Overrides and sign-offs are append-only in the database.
    await expect(db.$executeRaw`delete from "PrecheckOverride"`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`update "SignOff" set reason = 'x'`).rejects.toThrow(/append-only/);
  });
});

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

describe("configuration", () => {
  it("the lexicon is the system administrator's, validated line by line, and used by the next pre-check", async () => {
    await fileDb();
    await keepPlatformState(LEXICON_STATE_KEY);
    const [admin, secadmin, editor] = await actorsFor("admin", "secadmin", "editor");
    await expect(saveLexicon(secadmin, { sensitive: "违规词", terms: "" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(saveLexicon(admin, { sensitive: "违规词|sometimes", terms: "" })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("第 1 行"),
    });
    await saveLexicon(admin, { sensitive: "违规词\n留意词|warn", terms: "老名称|新名称|机构改革" });
    expect(await getLexiconConfig(admin)).toMatchObject({
      sensitive: "违规词\n留意词|warn",
      terms: "老名称|新名称|机构改革",
      customised: true,
    });
    const { instance } = await submitted(editor, "词库测试", "这里有违规词和老名称。");
    const findings = (await getDb().reviewInstance.findUniqueOrThrow({ where: { id: instance.id } })).findings as {
      kind: string;
      level: string;
      text: string;
    }[];
    expect(findings.map((finding) => `${finding.kind}:${finding.level}:${finding.text}`)).toEqual([
      "sensitive_word:block:违规词",
      "official_term:warn:老名称",
    ]);
  });
});
