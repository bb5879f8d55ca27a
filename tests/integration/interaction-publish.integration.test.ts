process.env.INTERACTION_CAPTCHA_COST = "1";
process.env.INTERACTION_CAPTCHA_MAX_COUNTER = "20";

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { selectLetter } from "@/lib/interaction/publish/select-letter";
import { listPublishedLetters } from "@/lib/interaction/publish/public-letters";
import { getLetterStatistics } from "@/lib/interaction/publish/statistics";
import { signOff } from "@/lib/review/instances";
import { createResource } from "@/lib/library/resources";
import { actorFor, orgId } from "./helpers";
import { answerLetter, letterOf, letterSite, letterStaff, refused, writeLetter } from "./support/interaction";

// 留言选登 on the real database: an answered letter whose writer consented becomes a 留言答复
// resource with the writer's data masked, passes the unit's review and is listed publicly; an
// unmasked copy is blocked by the review's pre-check; no consent, another unit's handler, a letter
// not yet answered and a second selection are refused. Statistics are counted from fixed letters.

const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
let siteId: string;
let handler: Actor;
let deputy: Actor;
let reviewer: Actor;
let sectionHandler: Actor;
let otherUnitHandler: Actor;
let section: string;

const CONTENT =
  "我叫王五，住在沙坪坝区天星桥街道学府路12号3栋2单元5号，身份证号码 11010519491231002X，电话 13912345678。小区门口每天傍晚有摊贩占道经营，车辆渝A12345 经常被堵。";

/** A letter answered by the 政务公开科, with its reply approved; returns the letter row. */
async function answeredLetter(change: Record<string, string> = {}) {
  const receipt = await writeLetter(siteId, { content: CONTENT, ...change });
  return answerLetter((await letterOf(receipt.queryCode)).id, {
    handler,
    drafter: sectionHandler,
    reviewer: deputy,
    unitId: section,
    body: "王五您好：您反映的占道经营问题，经区城市管理局核查属实，已于 2026 年 12 月 7 日清理，并将加强日常巡查。",
  });
}

async function approveChecks(instanceId: string, contentHash: string) {
  for (const check of CHECKS)
    await signOff(reviewer, { instanceId, stagePosition: 0, check, decision: "APPROVE", contentHash });
}

beforeAll(async () => {
  ({ siteId, handler, deputy } = await letterSite());
  ({ sectionHandler, otherUnitHandler } = await letterStaff());
  reviewer = await actorFor("reviewer");
  section = await orgId("区政府办公室政务公开科");
  expect(await actorFor("editor")).toBeTruthy();
});

describe("留言选登", () => {
  it("publishes the de-identified letter and reply through the unit's review", async () => {
    const letter = await answeredLetter();
    await refused(
      () => selectLetter(otherUnitHandler, { letterId: letter.id, version: letter.version, masks: ["王五"] }),
      "NOT_FOUND",
    );
    await refused(
      () => selectLetter(sectionHandler, { letterId: letter.id, version: letter.version - 1, masks: ["王五"] }),
      "CONFLICT",
    );
    const masks = ["王五", "13912345678", "11010519491231002X", "学府路12号3栋2单元5号", "渝A12345"];
    const selected = await selectLetter(sectionHandler, { letterId: letter.id, version: letter.version, masks });
    expect(selected.findings.filter((finding) => finding.level === "block")).toEqual([]);
    await refused(
      () => selectLetter(sectionHandler, { letterId: letter.id, version: letter.version + 1, masks }),
      "CONFLICT",
    );

    const revision = await getDb().revision.findFirstOrThrow({ where: { resourceId: selected.resourceId } });
    const resource = await getDb().resource.findUniqueOrThrow({ where: { id: selected.resourceId } });
    expect(resource).toMatchObject({ kind: "INTERACTION_REPLY", ownerOrgId: section, state: "IN_REVIEW" });
    for (const secret of masks) expect(revision.bodyHtml).not.toContain(secret);
    expect(revision.bodyHtml).toContain("＊＊您好");
    expect(revision.bodyHtml).toContain("留言内容");
    expect(revision.bodyHtml).toContain("答复内容");
    expect(revision.bodyHtml).toContain("答复单位：区政府办公室政务公开科");
    // The private original is unchanged.
    expect((await getDb().letter.findUniqueOrThrow({ where: { id: letter.id } })).content).toBe(CONTENT);
    expect((await listPublishedLetters(siteId)).rows.map((row) => row.resourceId)).not.toContain(selected.resourceId);

    await approveChecks(selected.reviewInstanceId, revision.contentHash);
    await signOff(deputy, {
      instanceId: selected.reviewInstanceId,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
    const column = await getDb().column.findFirstOrThrow({ where: { siteId, kind: "INTERACTION" } });
    expect(await getDb().placement.count({ where: { resourceId: selected.resourceId, columnId: column.id } })).toBe(1);

    const listed = await listPublishedLetters(siteId);
    const row = listed.rows.find((candidate) => candidate.resourceId === selected.resourceId);
    expect(row).toMatchObject({ title: letter.title, unit: "区政府办公室政务公开科", receivedAt: letter.receivedAt });
    expect(row!.answeredAt).toEqual(letter.answeredAt);
    expect((await listPublishedLetters(siteId, { q: "占道经营" })).rows.map((r) => r.resourceId)).toContain(
      selected.resourceId,
    );
    // The masked data cannot be found by searching either.
    expect((await listPublishedLetters(siteId, { q: "13912345678" })).total).toBe(0);
    await refused(() => listPublishedLetters(siteId, { page: "0" }), "INVALID");
    expect(
      await getDb().auditEvent.count({
        where: { subject: `letter:${letter.id}`, action: "interaction.letter.select" },
      }),
    ).toBe(1);
  });

  it("blocks an unmasked copy at review; once returned, the letter is selected again", async () => {
    const letter = await answeredLetter();
    const selected = await selectLetter(sectionHandler, { letterId: letter.id, version: letter.version, masks: [] });
    const kinds = selected.findings.filter((finding) => finding.level === "block").map((finding) => finding.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(["resident_id", "mobile_number", "home_address", "plate_number", "writer_identity"]),
    );
    const revision = await getDb().revision.findFirstOrThrow({ where: { resourceId: selected.resourceId } });
    await approveChecks(selected.reviewInstanceId, revision.contentHash);
    await refused(
      () =>
        signOff(deputy, {
          instanceId: selected.reviewInstanceId,
          stagePosition: 1,
          decision: "APPROVE",
          contentHash: revision.contentHash,
        }),
      "CONFLICT",
    );
    expect(await getDb().publication.count({ where: { resourceId: selected.resourceId } })).toBe(0);

    // While the copy is under review it cannot be selected again; once returned, it can, with masks.
    const current = await getDb().letter.findUniqueOrThrow({ where: { id: letter.id } });
    const masks = ["王五", "13912345678", "11010519491231002X", "学府路12号3栋2单元5号", "渝A12345"];
    await refused(
      () => selectLetter(sectionHandler, { letterId: letter.id, version: current.version, masks }),
      "CONFLICT",
    );
    await signOff(deputy, {
      instanceId: selected.reviewInstanceId,
      stagePosition: 1,
      decision: "RETURN",
      reason: "请遮蔽来信人的个人信息。",
      contentHash: revision.contentHash,
    });
    const again = await selectLetter(sectionHandler, { letterId: letter.id, version: current.version, masks });
    expect(again.resourceId).toBe(selected.resourceId);
    expect(again.findings.filter((finding) => finding.level === "block")).toEqual([]);
    const second = await getDb().revision.findFirstOrThrow({ where: { resourceId: selected.resourceId, number: 2 } });
    await approveChecks(again.reviewInstanceId, second.contentHash);
    await signOff(deputy, {
      instanceId: again.reviewInstanceId,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: second.contentHash,
    });
    const publication = await getDb().publication.findFirstOrThrow({ where: { resourceId: selected.resourceId } });
    expect(publication.revisionId).toBe(second.id);
    await refused(
      () => selectLetter(sectionHandler, { letterId: letter.id, version: current.version + 1, masks }),
      "CONFLICT",
    );
  });

  it("blocks a copy that still names the writer", async () => {
    const letter = await answeredLetter();
    const masks = ["13912345678", "11010519491231002X", "学府路12号3栋2单元5号", "渝A12345"];
    const selected = await selectLetter(sectionHandler, { letterId: letter.id, version: letter.version, masks });
    const blocking = selected.findings.filter((finding) => finding.level === "block");
    expect(blocking.map((finding) => [finding.kind, finding.text])).toEqual([
      ["writer_identity", "王五"],
      ["writer_identity", "王五"],
    ]);
    const instance = await getDb().reviewInstance.findUniqueOrThrow({ where: { id: selected.reviewInstanceId } });
    expect(instance.findings).toEqual(selected.findings);
  });

  it("refuses a letter without consent or not yet answered, and a 留言答复 written by hand", async () => {
    await refused(
      async () => createResource(await actorFor("editor"), { kind: "INTERACTION_REPLY", ownerOrgId: section }),
      "INVALID",
    );
    const private_ = await answeredLetter({ consentToPublish: "no" });
    await refused(
      () => selectLetter(sectionHandler, { letterId: private_.id, version: private_.version, masks: [] }),
      "CONFLICT",
    );
    const receipt = await writeLetter(siteId);
    const pending = await getDb().letter.findUniqueOrThrow({ where: { queryCode: receipt.queryCode } });
    await refused(() => selectLetter(handler, { letterId: pending.id, version: 0, masks: [] }), "CONFLICT");
    await refused(() => selectLetter(handler, { letterId: pending.id, version: 0, masks: [""] }), "INVALID");
    expect(
      await getDb().resource.count({ where: { kind: "INTERACTION_REPLY", publicLetter: { id: pending.id } } }),
    ).toBe(0);
  });
});

describe("statistics by month", () => {
  it("counts received, answered, rate, average days and satisfaction from fixed letters", async () => {
    const db = getDb();
    const type = await db.interactionType.findFirstOrThrow({ where: { siteId: { not: siteId } } });
    const other = { id: type.siteId };
    const at = (value: string) => new Date(`${value}+08:00`);
    const base = {
      siteId: other.id,
      typeId: type.id,
      passwordHash: "x",
      title: "统计用留言",
      content: "统计用留言内容",
      writerName: "测试",
      writerPhone: "13800000000",
      consentToPublish: false,
      acceptDueAt: at("2025-12-31T00:00:00"),
      clock: {},
    };
    const rows = [
      {
        receivedAt: at("2025-03-01T09:00:00"),
        answeredAt: at("2025-03-03T09:00:00"),
        state: "CLOSED",
        rating: "SATISFIED",
      },
      {
        receivedAt: at("2025-03-10T09:00:00"),
        answeredAt: at("2025-03-11T21:00:00"),
        state: "CLOSED",
        rating: "DISSATISFIED",
      },
      { receivedAt: at("2025-03-20T09:00:00"), answeredAt: at("2025-03-21T09:00:00"), state: "ANSWERED", rating: null },
      { receivedAt: at("2025-03-31T23:30:00"), answeredAt: null, state: "HANDLING", rating: null },
      { receivedAt: at("2025-03-15T09:00:00"), answeredAt: null, state: "MERGED", rating: null },
      // 2025-04-01 00:10 China time is April, though still March in UTC.
      { receivedAt: at("2025-04-01T00:10:00"), answeredAt: null, state: "ACCEPTED", rating: null },
    ] as const;
    for (const [index, row] of rows.entries())
      await db.letter.create({ data: { ...base, ...row, queryCode: `20250301STAT0${index}` } });
    const stats = await getLetterStatistics(other.id, 2025);
    expect(stats[2]).toEqual({
      month: 3,
      received: 4,
      answered: 3,
      answeredRate: 75,
      averageDays: 1.5,
      satisfactionRate: 50,
    });
    expect(stats[3]).toMatchObject({ month: 4, received: 1, answered: 0, answeredRate: 0, averageDays: null });
    expect(stats[0]).toMatchObject({ month: 1, received: 0, answeredRate: null, satisfactionRate: null });
    expect(stats[12]).toMatchObject({ month: 0, received: 5, answered: 3 });
  });
});
