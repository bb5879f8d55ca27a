import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { overrideFindings } from "@/lib/review/override-findings";
import { getReview, listInbox } from "@/lib/review/queries";
import { assignResponsibility, listResponsibilities, removeMembership } from "@/lib/org/memberships";
import { addMembership } from "@/lib/org/memberships";
import { actorFor, actorsFor, orgId, fileDb, restoreAfterTest } from "../helpers";

// Issue #21 item 5: a 直接责任人 / 第一责任人 signs only while holding both the unit's current
// responsibility and the matching role. Revoking the role ends the responsibility (history kept,
// audited in the same transaction); an ended responsibility with the role kept does not sign either.

const SECTION = "区政府办公室政务公开科";
const DISTRICT = "重庆市沙坪坝区人民政府";
const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
const METADATA = { source: { type: "original" } };

/** A flagged article by the editor with the five checks signed: waiting for the 直接责任人. */
async function waitingForDeputy(title: string, text = "全区供暖保障工作安排。") {
  const [editor, reviewer] = await actorsFor("editor", "reviewer");
  const column = await getDb().column.findFirstOrThrow({
    where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } },
  });
  const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 0,
    title,
    body: blocksToDoc([{ type: "paragraph", text }]),
    metadata: METADATA,
  });
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: 1,
    publishMode: "ON_APPROVAL",
    columnIds: [column.id],
    flagged: true,
    flagReason: "涉及全区民生",
  });
  for (const check of CHECKS)
    await signOff(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      check,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  return { resource, revision, instance };
}

async function membershipOf(username: string, role: "DIRECT_RESPONSIBLE" | "FIRST_RESPONSIBLE") {
  const user = await getDb().user.findUniqueOrThrow({ where: { username } });
  return getDb().membership.findFirstOrThrow({ where: { userId: user.id, orgId: await orgId(DISTRICT), role } });
}

/** Another role in the unit, so the person still reaches the review (as the hostile test's deputy did). */
async function keepAnotherRole(username: string) {
  const user = await getDb().user.findUniqueOrThrow({ where: { username } });
  await getDb().membership.createMany({
    data: [{ userId: user.id, orgId: await orgId(DISTRICT), role: "INFO_SUPERVISOR" }],
    skipDuplicates: true,
  });
}

/** The unit's current holder of a responsibility (the tests of this file hand it on). */
async function holder(kind: "DIRECT" | "FIRST") {
  const row = await getDb().responsibility.findFirstOrThrow({
    where: { orgId: await orgId(DISTRICT), kind, endedAt: null },
    include: { user: true },
  });
  return actorFor(row.user.username);
}

describe("responsible persons", () => {
  it("revoking the 直接责任人 role ends the responsibility, audited, and the person can no longer approve", async () => {
    const db = await fileDb();
    const [secadmin, deputy] = await actorsFor("secadmin", "deputy");
    await keepAnotherRole("deputy");
    const { instance, revision } = await waitingForDeputy("撤销角色后的直接责任人");
    expect((await listInbox(deputy)).map((item) => item.instanceId)).toContain(instance.id);

    const membership = await membershipOf("deputy", "DIRECT_RESPONSIBLE");
    await removeMembership(secadmin, membership.id, { ip: "10.0.0.8" });
    const ended = await db.responsibility.findFirstOrThrow({ where: { userId: deputy.id, kind: "DIRECT" } });
    expect(ended).toMatchObject({ endedAt: expect.any(Date), endedById: secadmin.id, endReason: "撤销角色" });
    const revoke = await db.auditEvent.findFirstOrThrow({
      where: { action: "membership.revoke", subject: `user:${deputy.id}` },
    });
    const end = await db.auditEvent.findFirstOrThrow({ where: { action: "responsibility.end" } });
    expect(end).toMatchObject({
      actorId: secadmin.id,
      ip: "10.0.0.8",
      data: expect.objectContaining({ kind: "DIRECT", userId: deputy.id }),
    });
    // Written in the revocation's transaction: adjacent in the chain.
    expect(Number(revoke.seq) - Number(end.seq)).toBe(1);
    // History kept: the ended term is still listed.
    const history = await listResponsibilities(secadmin, await orgId(DISTRICT));
    expect(history.history.find((row) => row.kind === "DIRECT")).toMatchObject({ endedAt: expect.any(Date) });

    const again = await actorFor("deputy");
    await expect(
      signOff(again, {
        instanceId: instance.id,
        stagePosition: 1,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listInbox(again)).map((item) => item.instanceId)).not.toContain(instance.id);
    expect((await getReview(again, instance.id)).signable).toEqual([]);
    expect(await db.signOff.count({ where: { instanceId: instance.id, stagePosition: 1 } })).toBe(0);

    // Granting the role back does not revive the responsibility: it must be assigned again.
    await addMembership(secadmin, { userId: deputy.id, orgId: await orgId(DISTRICT), role: "DIRECT_RESPONSIBLE" });
    await expect(
      signOff(await actorFor("deputy"), {
        instanceId: instance.id,
        stagePosition: 1,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await assignResponsibility(secadmin, { orgId: await orgId(DISTRICT), kind: "DIRECT", userId: deputy.id });
    await signOff(await actorFor("deputy"), {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  });

  it("a responsibility ended by reassignment stops the person who keeps the role; the new holder signs", async () => {
    const db = await fileDb();
    const [secadmin, deputy] = await actorsFor("secadmin", "deputy");
    const { instance, revision } = await waitingForDeputy("改任后的直接责任人");
    const successor = await db.user.create({
      data: {
        username: "new.deputy",
        displayName: "新任分管负责人",
        passwordHash: deputy.id,
        mustChangePassword: false,
        totpEnabledAt: new Date(),
      },
    });
    await db.membership.create({
      data: { userId: successor.id, orgId: await orgId(DISTRICT), role: "DIRECT_RESPONSIBLE" },
    });
    await assignResponsibility(secadmin, { orgId: await orgId(DISTRICT), kind: "DIRECT", userId: successor.id });
    restoreAfterTest(async () =>
      assignResponsibility(secadmin, { orgId: await orgId(DISTRICT), kind: "DIRECT", userId: deputy.id }),
    );
    // The old deputy still holds the DIRECT_RESPONSIBLE role, but no longer the responsibility.
    expect(await membershipOf("deputy", "DIRECT_RESPONSIBLE")).toBeTruthy();
    await expect(
      signOff(deputy, {
        instanceId: instance.id,
        stagePosition: 1,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listInbox(deputy)).map((item) => item.instanceId)).not.toContain(instance.id);
    await signOff(await actorFor("new.deputy"), {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  });

  it("a responsibility left current without the role (a revocation from before this rule) signs nothing", async () => {
    const db = await fileDb();
    const deputy = await holder("DIRECT");
    await keepAnotherRole(deputy.username);
    // Removed behind the application's back: the responsibility row still reads current.
    const role = await membershipOf(deputy.username, "DIRECT_RESPONSIBLE");
    await db.membership.delete({ where: { id: role.id } });
    restoreAfterTest(() =>
      db.membership.createMany({
        data: [{ userId: deputy.id, orgId: role.orgId, role: "DIRECT_RESPONSIBLE" }],
        skipDuplicates: true,
      }),
    );
    const { instance, revision } = await waitingForDeputy("遗留责任记录");
    expect(await db.responsibility.count({ where: { userId: deputy.id, kind: "DIRECT", endedAt: null } })).toBe(1);
    await expect(
      signOff(await actorFor(deputy.username), {
        instanceId: instance.id,
        stagePosition: 1,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listInbox(await actorFor(deputy.username))).map((item) => item.instanceId)).not.toContain(
      instance.id,
    );
    // Nobody else signs in the named holder's place either (no fallback to a parent unit's holder).
    expect(
      await db.notification.count({
        where: { link: `/admin/review/${instance.id}`, title: { contains: "直接责任人" } },
      }),
    ).toBe(0);
    // Both again: the same person signs.
    await db.membership.create({ data: { userId: deputy.id, orgId: role.orgId, role: "DIRECT_RESPONSIBLE" } });
    await signOff(await actorFor(deputy.username), {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  });

  it("revoking the 第一责任人 role ends that responsibility and its stage", async () => {
    const db = await fileDb();
    const [secadmin, principal] = await actorsFor("secadmin", "principal");
    await keepAnotherRole("principal");
    const { instance, revision } = await waitingForDeputy("撤销第一责任人角色");
    await signOff(await holder("DIRECT"), {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
    const risky = await waitingForDeputy("撤销后放行预检问题", "本文件属秘密。");
    await removeMembership(secadmin, (await membershipOf("principal", "FIRST_RESPONSIBLE")).id);
    restoreAfterTest(async () => {
      await db.membership.create({
        data: { userId: principal.id, orgId: await orgId(DISTRICT), role: "FIRST_RESPONSIBLE" },
      });
      await assignResponsibility(secadmin, { orgId: await orgId(DISTRICT), kind: "FIRST", userId: principal.id });
    });
    expect(await db.responsibility.findFirstOrThrow({ where: { userId: principal.id, kind: "FIRST" } })).toMatchObject({
      endedAt: expect.any(Date),
      endedById: secadmin.id,
    });
    await expect(
      signOff(await actorFor("principal"), {
        instanceId: instance.id,
        stagePosition: 2,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.publication.count({ where: { resourceId: instance.resourceId } })).toBe(0);
    // Nor may the former 第一责任人 let blocking pre-check findings stand.
    await expect(
      overrideFindings(await actorFor("principal"), { instanceId: risky.instance.id, reason: "经核实可以公开" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Revoking an unrelated role ends no responsibility.
    const before = await db.auditEvent.count({ where: { action: "responsibility.end" } });
    await removeMembership(
      secadmin,
      (await db.membership.findFirstOrThrow({ where: { userId: principal.id, role: "INFO_SUPERVISOR" } })).id,
    );
    expect(await db.auditEvent.count({ where: { action: "responsibility.end" } })).toBe(before);
  });
});
