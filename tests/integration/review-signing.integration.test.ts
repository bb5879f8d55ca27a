import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { signOff, signOffChecks } from "@/lib/review/instances";
import { cancelReview } from "@/lib/review/cancel-review";
import { getReview } from "@/lib/review/queries";
import { listNotifications } from "@/lib/org/notifications";
import { saveRevision } from "@/lib/library/resources";
import { blocksToDoc } from "@/lib/library/content";
import { reviewTask } from "@/lib/review/tasks";
import { actorFor, actorsFor, fileDb, makeUser } from "./helpers";
import { ARTICLE_METADATA, CHECKS, DISTRICT, submitted } from "./support/review";

// Several checks signed in one action (each its own sign-off bound to the hash), what a reader
// who signed is shown afterwards, and review tasks (待审核 notifications) that end with the work.

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error("expected a refusal");
}

const approval = (instance: { id: string; contentHash: string }) => ({
  instanceId: instance.id,
  decision: "APPROVE",
  contentHash: instance.contentHash,
});

/** Open (not done) review tasks of a user for one stage of an instance. */
async function openTasks(userId: string, instanceId: string, stagePosition: number) {
  return getDb().notification.count({ where: { userId, task: reviewTask(instanceId, stagePosition), doneAt: null } });
}

describe("signing several checks in one action", () => {
  it("records each check as its own sign-off bound to the content hash, audited apart, in one action", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const { instance } = await submitted(editor, "一次签署五关", "正文。");
    expect(await openTasks(reviewer.id, instance.id, 0)).toBe(1);

    const signed = await signOffChecks(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      checks: CHECKS,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    expect(signed.map((row) => row.check)).toEqual(CHECKS);
    const rows = await db.signOff.findMany({ where: { instanceId: instance.id } });
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row.check))).toEqual(new Set(CHECKS));
    for (const row of rows) {
      expect(row.contentHash).toBe(instance.contentHash);
      expect(row.userId).toBe(reviewer.id);
      expect(row.stagePosition).toBe(0);
    }
    const audits = await db.auditEvent.findMany({
      where: { action: "review.signoff", subject: `review:${instance.id}` },
    });
    expect(audits.map((event) => (event.data as { check: string }).check).sort()).toEqual([...CHECKS].sort());
    for (const event of audits) expect((event.data as { contentHash: string }).contentHash).toBe(instance.contentHash);
    expect((await db.reviewInstance.findUniqueOrThrow({ where: { id: instance.id } })).currentStage).toBe(1);

    // Nothing expected is shown as an error: the reviewer has nothing to sign now, no bar.
    const page = await getReview(reviewer, instance.id);
    expect(page.bar).toBeNull();
    expect(page.signable).toEqual([]);
    expect(page.mySignOffs.map((row) => row.check)).toEqual(["政治关", "法律关", "政策关", "保密关", "文字关"]);

    // The task is done for the reviewer; the deputy's starts.
    expect(await openTasks(reviewer.id, instance.id, 0)).toBe(0);
    expect(await openTasks(deputy.id, instance.id, 1)).toBe(1);
    expect(await openTasks(reviewer.id, instance.id, 1)).toBe(0);

    // Replaying the same request after signing changes nothing.
    const replay = await refusal(
      signOffChecks(reviewer, {
        instanceId: instance.id,
        stagePosition: 0,
        checks: CHECKS,
        decision: "APPROVE",
        contentHash: instance.contentHash,
      }),
    );
    expect(replay.code).toBe("CONFLICT");
    expect(await db.signOff.count({ where: { instanceId: instance.id } })).toBe(5);

    // A check named for a stage without checks is refused too.
    const checkForDeputy = await refusal(
      signOffChecks(deputy, { ...approval(instance), stagePosition: 1, checks: ["politics"] }),
    );
    expect(checkForDeputy.code).toBe("FORBIDDEN");

    // The deputy approves: the review is approved and no task of it is open for anyone.
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    expect(
      await db.notification.count({ where: { task: { startsWith: `review:${instance.id}:` }, doneAt: null } }),
    ).toBe(0);
    expect((await getReview(deputy, instance.id)).bar).toBeNull();
  });

  it("refuses the whole action for a check not held, a check of another stage, a replay and a stale hash", async () => {
    const db = await fileDb();
    const [editor, reviewer] = await Promise.all([actorFor("editor"), actorFor("reviewer")]);
    const lawOnly = await makeUser("law.signer", "CHECK_REVIEWER", DISTRICT);
    await db.membership.updateMany({ where: { userId: lawOnly.id }, data: { checks: ["law"] } });
    const law = await actorFor("law.signer");
    const { instance } = await submitted(editor, "拒绝的签署", "正文。");
    const base = { instanceId: instance.id, stagePosition: 0, decision: "APPROVE", contentHash: instance.contentHash };

    // A check not held, alongside one held: nothing is recorded.
    const notHeld = await refusal(signOffChecks(law, { ...base, checks: ["law", "politics"] }));
    expect(notHeld.code).toBe("FORBIDDEN");
    expect(await db.signOff.count({ where: { instanceId: instance.id } })).toBe(0);
    // A check that is not one of this stage, and a stage that is not the current one.
    expect((await refusal(signOffChecks(reviewer, { ...base, checks: ["budget"] }))).code).toBe("FORBIDDEN");
    expect((await refusal(signOffChecks(reviewer, { ...base, stagePosition: 1, checks: ["politics"] }))).code).toBe(
      "CONFLICT",
    );
    // A stale hash: the text the reviewer read is not the text under review.
    const stale = await refusal(signOffChecks(reviewer, { ...base, contentHash: "b".repeat(64), checks: CHECKS }));
    expect(stale).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("内容已经变化") });
    // Nothing ticked is a clear error.
    expect((await refusal(signOffChecks(reviewer, { ...base, checks: [] }))).message).toContain("请至少勾选");
    expect(await db.signOff.count({ where: { instanceId: instance.id } })).toBe(0);

    // The law reviewer signs law: their task is done, the other reviewer's stays (four checks left).
    await signOffChecks(law, { ...base, checks: ["law"] });
    expect(await openTasks(law.id, instance.id, 0)).toBe(0);
    expect(await openTasks(reviewer.id, instance.id, 0)).toBe(1);
    // Replaying a signed check with another one refuses both.
    expect((await refusal(signOffChecks(law, { ...base, checks: ["law"] }))).code).toBe("FORBIDDEN");
    expect((await refusal(signOffChecks(reviewer, { ...base, checks: ["law", "politics"] }))).code).toBe("FORBIDDEN");
    expect(await db.signOff.count({ where: { instanceId: instance.id } })).toBe(1);
    const page = await getReview(reviewer, instance.id);
    expect(page.signable.map((signature) => signature.check)).toEqual(["politics", "policy", "secrecy", "wording"]);
    expect(page.bar).toBeNull();

    // A new revision makes the hash stale: the old instance is over, its tasks are done.
    await saveRevision(editor, {
      resourceId: instance.resourceId,
      baseVersion: 1,
      title: "拒绝的签署",
      body: blocksToDoc([{ type: "paragraph", text: "改过的正文。" }]),
      metadata: ARTICLE_METADATA,
    });
    expect((await refusal(signOffChecks(reviewer, { ...base, checks: ["politics"] }))).code).toBe("CONFLICT");
    expect(await openTasks(reviewer.id, instance.id, 0)).toBe(0);
  });
});

describe("review tasks end with the work", () => {
  it("are done for everyone when another signer completes the stage, and when the review is cancelled", async () => {
    const db = await fileDb();
    const [editor, reviewer] = await Promise.all([actorFor("editor"), actorFor("reviewer")]);
    const secrecy = await makeUser("secrecy.signer", "CHECK_REVIEWER", DISTRICT);
    await db.membership.updateMany({ where: { userId: secrecy.id }, data: { checks: ["secrecy"] } });
    const { instance } = await submitted(editor, "他人完成环节", "正文。");
    expect(await openTasks(secrecy.id, instance.id, 0)).toBe(1);
    const before = (await listNotifications(await actorFor("secrecy.signer"))).unread;

    await signOffChecks(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      checks: CHECKS,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    // The secrecy reviewer was never needed: their task is done, and no longer counts as unread.
    expect(await openTasks(secrecy.id, instance.id, 0)).toBe(0);
    const after = await listNotifications(await actorFor("secrecy.signer"));
    expect(after.unread).toBe(before - 1);
    expect(after.items.find((item) => item.task === reviewTask(instance.id, 0))?.doneAt).toBeInstanceOf(Date);

    const second = await submitted(editor, "撤回的审核", "正文。");
    expect(await openTasks(reviewer.id, second.instance.id, 0)).toBe(1);
    await cancelReview(editor, second.instance.id);
    expect(
      await db.notification.count({ where: { task: { startsWith: `review:${second.instance.id}:` }, doneAt: null } }),
    ).toBe(0);
  });

  it("are done when the review is returned", async () => {
    const db = await fileDb();
    const [editor, reviewer] = await Promise.all([actorFor("editor"), actorFor("reviewer")]);
    const { instance } = await submitted(editor, "退回的审核", "正文。");
    const returned = await signOffChecks(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      checks: ["secrecy"],
      decision: "RETURN",
      reason: "含敏感信息，请修改",
      contentHash: instance.contentHash,
    });
    expect(returned.map((row) => [row.check, row.decision])).toEqual([["secrecy", "RETURN"]]);
    expect((await db.reviewInstance.findUniqueOrThrow({ where: { id: instance.id } })).status).toBe("RETURNED");
    expect(
      await db.notification.count({ where: { task: { startsWith: `review:${instance.id}:` }, doneAt: null } }),
    ).toBe(0);
  });
});
