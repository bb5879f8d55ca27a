import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { getReview, listInbox } from "@/lib/review/queries";
import type { Actor } from "@/lib/auth/session";
import { actorFor, actorsFor, makeUser, orgId, fileDb } from "../helpers";

// Issue #21 item 4: nobody signs their own text. Whoever wrote any revision since the item's last
// publication (every revision if it was never published), and whoever submitted it, is barred
// from every stage of its review, and is not offered the task.

const SECTION = "区政府办公室政务公开科";
const DISTRICT = "重庆市沙坪坝区人民政府";
const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
const METADATA = { source: { type: "original" } };
const TEXT = "区政府关于冬季安全生产检查的通知。";

async function ywdt() {
  return (
    await getDb().column.findFirstOrThrow({ where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } } })
  ).id;
}

/** Grants the editor role in the section, so the person can write and submit there. */
async function letEdit(actor: Actor) {
  await getDb().membership.create({ data: { userId: actor.id, orgId: await orgId(SECTION), role: "EDITOR" } });
  return actorFor(actor.username);
}

type Case = { stage: 0 | 1 | 2; who: "co-author" | "submitter" };

/**
 * Revision 1 by `first`, revision 2 by the seeded editor adding one space, submitted (flagged, so
 * every stage applies) by `submitter`, and signed by clean colleagues up to `stage`.
 */
async function reviewUpTo(first: Actor, submitter: Actor, stage: number) {
  const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
  const resource = await createResource(first, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
  await saveRevision(first, {
    resourceId: resource.id,
    baseVersion: 0,
    title: "冬季安全生产检查",
    body: blocksToDoc([{ type: "paragraph", text: TEXT }]),
    metadata: METADATA,
  });
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 1,
    title: "冬季安全生产检查",
    body: blocksToDoc([{ type: "paragraph", text: `${TEXT} ` }]),
    metadata: METADATA,
  });
  const instance = await submitForReview(submitter, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [await ywdt()],
    flagged: true,
    flagReason: "涉及全区安全生产",
  });
  if (stage > 0)
    for (const check of CHECKS)
      await signOff(reviewer, {
        instanceId: instance.id,
        stagePosition: 0,
        check,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      });
  if (stage > 1)
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  return { resource, revision, instance };
}

describe("review independence", () => {
  it("bars a co-author of an earlier revision and the submitter from every stage, and keeps the task out of their inbox", async () => {
    const db = await fileDb();
    // One person able to sign each stage: a check reviewer, the named 直接责任人, the named 第一责任人.
    const checker = await letEdit(await makeUser("co.checker", "CHECK_REVIEWER", DISTRICT));
    await db.membership.updateMany({ where: { userId: checker.id, role: "CHECK_REVIEWER" }, data: { checks: CHECKS } });
    const signers = [
      await actorFor("co.checker"),
      await letEdit(await actorFor("deputy")),
      await letEdit(await actorFor("principal")),
    ];
    const editor = await actorFor("editor");
    const cases: Case[] = [0, 1, 2].flatMap((stage) =>
      (["co-author", "submitter"] as const).map((who) => ({ stage: stage as Case["stage"], who })),
    );
    for (const { stage, who } of cases) {
      const signer = signers[stage]!;
      const { instance, revision } = await reviewUpTo(
        who === "co-author" ? signer : editor,
        who === "submitter" ? signer : editor,
        stage,
      );
      expect(instance.barredUserIds).toEqual(expect.arrayContaining([editor.id, signer.id]));
      const attempt = {
        instanceId: instance.id,
        stagePosition: stage,
        check: stage === 0 ? "politics" : undefined,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      };
      await expect(signOff(signer, attempt), `${who} at stage ${stage}`).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("送审人"),
      });
      expect(await db.signOff.count({ where: { instanceId: instance.id, userId: signer.id } })).toBe(0);
      expect((await listInbox(signer)).map((item) => item.instanceId)).not.toContain(instance.id);
      const view = await getReview(signer, instance.id);
      expect(view.signable).toEqual([]);
      expect(view.bar).toContain("送审人");
      expect(await db.notification.count({ where: { userId: signer.id, link: `/admin/review/${instance.id}` } })).toBe(
        0,
      );
    }
  });

  it("lets a colleague who wrote nothing sign what the co-author may not", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const checker = await letEdit(await makeUser("co.writer", "CHECK_REVIEWER", DISTRICT));
    await db.membership.updateMany({ where: { userId: checker.id, role: "CHECK_REVIEWER" }, data: { checks: CHECKS } });
    const coAuthor = await actorFor("co.writer");
    const resource = await createResource(coAuthor, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
    await saveRevision(coAuthor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "区内道路施工公告",
      body: blocksToDoc([{ type: "paragraph", text: TEXT }]),
      metadata: METADATA,
    });
    const { revision } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "区内道路施工公告",
      body: blocksToDoc([{ type: "paragraph", text: `${TEXT} ` }]),
      metadata: METADATA,
    });
    const instance = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: 2,
      publishMode: "ON_APPROVAL",
      columnIds: [await ywdt()],
    });
    // The hostile case: the author of revision 1 signing the five checks of revision 2.
    for (const check of CHECKS) {
      await expect(
        signOff(coAuthor, {
          instanceId: instance.id,
          stagePosition: 0,
          check,
          decision: "APPROVE",
          contentHash: revision.contentHash,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await listInbox(reviewer)).map((item) => item.instanceId)).toContain(instance.id);
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
    expect(await db.publication.count({ where: { resourceId: resource.id, withdrawnAt: null } })).toBe(1);
  });

  it("after a publication, the earlier authors may sign the next revision, and its authors may not", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const checker = await letEdit(await makeUser("co.earlier", "CHECK_REVIEWER", DISTRICT));
    await db.membership.updateMany({ where: { userId: checker.id, role: "CHECK_REVIEWER" }, data: { checks: CHECKS } });
    const earlier = await actorFor("co.earlier");
    const resource = await createResource(earlier, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
    await saveRevision(earlier, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "社区服务中心开放时间",
      body: blocksToDoc([{ type: "paragraph", text: "每日9时至17时开放。" }]),
      metadata: METADATA,
    });
    const first = await submitForReview(earlier, {
      resourceId: resource.id,
      baseVersion: 1,
      publishMode: "ON_APPROVAL",
      columnIds: [await ywdt()],
    });
    for (const check of CHECKS)
      await signOff(reviewer, {
        instanceId: first.id,
        stagePosition: 0,
        check,
        decision: "APPROVE",
        contentHash: first.contentHash,
      });
    await signOff(deputy, {
      instanceId: first.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: first.contentHash,
    });
    expect(await db.publication.count({ where: { resourceId: resource.id } })).toBe(1);

    // Revision 2 by the editor, revision 3 by the reviewer: the reviewer now co-wrote unpublished text.
    await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "社区服务中心开放时间",
      body: blocksToDoc([{ type: "paragraph", text: "每日9时至18时开放。" }]),
      metadata: METADATA,
    });
    await letEdit(reviewer);
    const { revision } = await saveRevision(await actorFor("reviewer"), {
      resourceId: resource.id,
      baseVersion: 2,
      title: "社区服务中心开放时间",
      body: blocksToDoc([{ type: "paragraph", text: "每日9时至18时开放，节假日除外。" }]),
      metadata: METADATA,
    });
    const second = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: revision.number,
      publishMode: "ON_APPROVAL",
    });
    expect([...second.barredUserIds].sort()).toEqual([editor.id, reviewer.id].sort());
    await expect(
      signOff(await actorFor("reviewer"), {
        instanceId: second.id,
        stagePosition: 0,
        check: "law",
        decision: "APPROVE",
        contentHash: revision.contentHash,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The author of revision 1, published since, may sign again.
    expect((await listInbox(earlier)).map((item) => item.instanceId)).toContain(second.id);
    for (const check of CHECKS)
      await signOff(earlier, {
        instanceId: second.id,
        stagePosition: 0,
        check,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      });
    expect(await db.signOff.count({ where: { instanceId: second.id, userId: earlier.id } })).toBe(5);
  });
});
