import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { submitForReview } from "@/lib/review/instances";
import { submitToSite } from "@/lib/submissions/submit";
import { withdrawSubmission } from "@/lib/submissions/withdraw";
import { returnSubmission } from "@/lib/submissions/return";
import { adoptSubmission } from "@/lib/submissions/adopt";
import { adoptSubmissionEdited } from "@/lib/submissions/adopt-edited";
import {
  getSubmission,
  listDeskSubmissions,
  listMySubmissions,
  listSubmissionTargets,
} from "@/lib/submissions/queries";
import { actorsFor, fileDb, orgId } from "./helpers";
import { refused } from "./support/interaction";
import { approveReview, columnId } from "./support/review";

// Issue #29 item 1 on the real database: 沙坪坝区教育委员会 (a district department) submits approved
// items to the district portal, whose desk adopts them (the same library item on its columns),
// adopts one edited (through the district's own review) or returns one with a reason. Every
// transition is refused in the wrong state, on a replayed form, for the wrong side and role.

const EDUCATION = "重庆市沙坪坝区教育委员会";
const DISTRICT = "重庆市沙坪坝区人民政府";

let jwOfficer: Actor;
let jwSupervisor: Actor;
let editor: Actor;
let siteadmin: Actor;
let reviewer: Actor;
let deputy: Actor;
let wlwOfficer: Actor;
let handler: Actor;
let districtSiteId: string;
let cultureSiteId: string;
let bmdt: string;
let educationId: string;

/** An item of the education committee, approved by the district's reviewers, not yet published. */
async function approvedItem(title: string) {
  const resource = await createResource(jwOfficer, { kind: "ARTICLE", ownerOrgId: educationId });
  const { revision } = await saveRevision(jwOfficer, {
    resourceId: resource.id,
    baseVersion: 0,
    title,
    body: blocksToDoc([{ type: "paragraph", text: `${title}。区教委高度重视，精心组织。` }]),
    metadata: { source: { type: "original" } },
  });
  const instance = await submitForReview(jwOfficer, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "MANUAL",
    columnIds: [],
  });
  await approveReview(reviewer, deputy, instance.id, revision.contentHash);
  return { resourceId: resource.id, revision };
}

async function submissionOf(id: string) {
  return getDb().submission.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "asc" } } } });
}

beforeAll(async () => {
  await fileDb();
  [jwOfficer, jwSupervisor, editor, siteadmin, reviewer, deputy, wlwOfficer, handler] = await actorsFor(
    "jw-officer",
    "jw-supervisor",
    "editor",
    "siteadmin",
    "reviewer",
    "deputy",
    "wlw-officer",
    "handler",
  );
  educationId = await orgId(EDUCATION);
  const district = await orgId(DISTRICT);
  districtSiteId = (await getDb().site.findFirstOrThrow({ where: { orgId: district } })).id;
  cultureSiteId = (await getDb().site.findFirstOrThrow({ where: { org: { name: "重庆市文化和旅游发展委员会" } } })).id;
  bmdt = await columnId("bmdt");
});

describe("报送", () => {
  it("offers an approved item to a site that takes submissions, once while pending", async () => {
    const { resourceId, revision } = await approvedItem("区教委推进义务教育优质均衡发展");
    const targets = await listSubmissionTargets(jwOfficer, { id: resourceId, ownerOrgId: educationId });
    expect(targets.approved).toBe(true);
    expect(targets.sites.map((site) => site.id)).toContain(districtSiteId);
    expect(targets.sites.map((site) => site.id)).not.toContain(cultureSiteId);

    const submission = await submitToSite(jwOfficer, { resourceId, siteId: districtSiteId, note: "请审阅" });
    const stored = await submissionOf(submission.id);
    expect(stored).toMatchObject({
      state: "SUBMITTED",
      revisionId: revision.id,
      fromOrgId: educationId,
      submittedById: jwOfficer.id,
      version: 1,
    });
    expect(stored.events.map((event) => event.kind)).toEqual(["SUBMIT"]);
    const audit = await getDb().auditEvent.findFirst({
      where: { action: "submission.submit", subject: `submission:${submission.id}` },
    });
    expect(audit?.actorId).toBe(jwOfficer.id);

    // Not twice to the same site while pending, whoever of the unit asks.
    await refused(() => submitToSite(jwSupervisor, { resourceId, siteId: districtSiteId }), "CONFLICT");
    expect(await getDb().submission.count({ where: { resourceId } })).toBe(1);
  });

  it("refuses a draft, a site that takes no submissions, the unit's own site, and other people", async () => {
    const draft = await createResource(jwOfficer, { kind: "ARTICLE", ownerOrgId: educationId });
    await saveRevision(jwOfficer, {
      resourceId: draft.id,
      baseVersion: 0,
      title: "尚未审核的稿件",
      body: blocksToDoc([{ type: "paragraph", text: "草稿。" }]),
      metadata: { source: { type: "original" } },
    });
    await refused(() => submitToSite(jwOfficer, { resourceId: draft.id, siteId: districtSiteId }), "CONFLICT");

    const { resourceId } = await approvedItem("区教委开展教师队伍建设调研");
    await refused(() => submitToSite(jwOfficer, { resourceId, siteId: cultureSiteId }), "CONFLICT");
    // A desk editor of the district is not the unit's 信息员; another unit's 信息员 cannot see it.
    await refused(() => submitToSite(editor, { resourceId, siteId: districtSiteId }), "NOT_FOUND");
    await refused(() => submitToSite(wlwOfficer, { resourceId, siteId: districtSiteId }), "NOT_FOUND");
    // Malformed input: a clear Chinese message, nothing written.
    await refused(() => submitToSite(jwOfficer, { resourceId, siteId: "not-a-site" }), "INVALID");
    expect(await getDb().submission.count({ where: { resourceId } })).toBe(0);

    // The district's own item to the district's own site: placed directly, never submitted.
    const officer = (await actorsFor("officer"))[0];
    const own = await createResource(officer, { kind: "ARTICLE", ownerOrgId: await orgId(DISTRICT) });
    await refused(() => submitToSite(officer, { resourceId: own.id, siteId: districtSiteId }), "CONFLICT");
  });
});

describe("撤回", () => {
  it("lets the submitting unit take back a pending submission, once", async () => {
    const { resourceId } = await approvedItem("区教委部署寒假安全教育工作");
    const submission = await submitToSite(jwOfficer, { resourceId, siteId: districtSiteId });
    await refused(() => withdrawSubmission(editor, { submissionId: submission.id, version: 1 }), "NOT_FOUND");
    await refused(() => withdrawSubmission(handler, { submissionId: submission.id, version: 1 }), "NOT_FOUND");
    await withdrawSubmission(jwSupervisor, { submissionId: submission.id, version: 1 });
    expect(await submissionOf(submission.id)).toMatchObject({ state: "WITHDRAWN", withdrawnById: jwSupervisor.id });
    // The replayed form, and any later decision, are refused.
    await refused(() => withdrawSubmission(jwSupervisor, { submissionId: submission.id, version: 1 }), "CONFLICT");
    await refused(
      () => adoptSubmission(editor, { submissionId: submission.id, version: 2, columnIds: [bmdt] }),
      "CONFLICT",
    );
    // Withdrawn, it may be submitted again.
    const again = await submitToSite(jwOfficer, { resourceId, siteId: districtSiteId });
    expect(again.state).toBe("SUBMITTED");
  });
});

describe("采用", () => {
  it("places the same library item on the desk's column and publishes it through review's approval", async () => {
    const { resourceId, revision } = await approvedItem("区教委举办中小学生科技创新大赛");
    const submission = await submitToSite(jwOfficer, { resourceId, siteId: districtSiteId });
    // The submitting side cannot adopt its own submission; a stale version is a conflict.
    await refused(
      () => adoptSubmission(jwOfficer, { submissionId: submission.id, version: 1, columnIds: [bmdt] }),
      "NOT_FOUND",
    );
    await refused(
      () => adoptSubmission(editor, { submissionId: submission.id, version: 7, columnIds: [bmdt] }),
      "CONFLICT",
    );
    // Columns of another site, or none, are refused.
    const otherColumn = await getDb().column.findFirstOrThrow({ where: { siteId: cultureSiteId, kind: "LIST" } });
    await refused(
      () => adoptSubmission(editor, { submissionId: submission.id, version: 1, columnIds: [otherColumn.id] }),
      "INVALID",
    );
    await refused(() => adoptSubmission(editor, { submissionId: submission.id, version: 1, columnIds: [] }), "INVALID");

    await adoptSubmission(editor, { submissionId: submission.id, version: 1, columnIds: [bmdt] });
    const adopted = await submissionOf(submission.id);
    expect(adopted).toMatchObject({ state: "ADOPTED", adoptedById: editor.id, columnIds: [bmdt], version: 2 });
    expect(adopted.publishedAt).not.toBeNull();
    expect(adopted.events.map((event) => event.kind)).toEqual(["SUBMIT", "ADOPT", "PUBLISH"]);
    // 资源同享: no copy — the submitted resource itself is placed and public, reviewed on this text.
    const publication = await getDb().publication.findFirstOrThrow({
      where: { resourceId, withdrawnAt: null, supersededAt: null },
    });
    expect(publication).toMatchObject({ revisionId: revision.id, contentHash: revision.contentHash });
    expect(await getDb().placement.count({ where: { resourceId, columnId: bmdt } })).toBe(1);
    expect(await getDb().resource.count({ where: { title: "区教委举办中小学生科技创新大赛" } })).toBe(1);

    // Decided: the replayed adoption, a return and a withdrawal are all refused.
    await refused(
      () => adoptSubmission(editor, { submissionId: submission.id, version: 1, columnIds: [bmdt] }),
      "CONFLICT",
    );
    await refused(
      () => returnSubmission(editor, { submissionId: submission.id, version: 2, reason: "重复" }),
      "CONFLICT",
    );
    await refused(() => withdrawSubmission(jwOfficer, { submissionId: submission.id, version: 2 }), "CONFLICT");

    // The submitting unit sees where it was adopted, with the live page.
    const mine = await listMySubmissions(jwOfficer, { state: "ADOPTED" });
    const row = mine.rows.find((candidate) => candidate.id === submission.id)!;
    expect(row.columns.map((column) => column.name)).toEqual(["部门动态"]);
    expect(row.livePath).toBe(`/content/${resourceId}`);
  });

  it("adopts an item already public on its unit's pages by placing it, with no second publication", async () => {
    const seeded = await getDb().resource.findFirstOrThrow({
      where: { title: { endsWith: "沙坪坝区新增3所公办幼儿园投入使用" } },
    });
    const submission = await submitToSite(jwOfficer, { resourceId: seeded.id, siteId: districtSiteId });
    await adoptSubmission(siteadmin, { submissionId: submission.id, version: 1, columnIds: [bmdt] });
    expect(await getDb().publication.count({ where: { resourceId: seeded.id } })).toBe(1);
    expect(await getDb().placement.count({ where: { resourceId: seeded.id, columnId: bmdt } })).toBe(1);
  });

  it("refuses to adopt text changed after it was submitted", async () => {
    const { resourceId, revision } = await approvedItem("区教委开展校外培训机构专项治理");
    const submission = await submitToSite(jwOfficer, { resourceId, siteId: districtSiteId });
    await saveRevision(jwOfficer, {
      resourceId,
      baseVersion: revision.number,
      title: "区教委开展校外培训机构专项治理（修改稿）",
      body: blocksToDoc([{ type: "paragraph", text: "改动后的正文。" }]),
      metadata: { source: { type: "original" } },
    });
    await refused(
      () => adoptSubmission(editor, { submissionId: submission.id, version: 1, columnIds: [bmdt] }),
      "CONFLICT",
    );
    expect(await getDb().publication.count({ where: { resourceId } })).toBe(0);
    expect((await submissionOf(submission.id)).state).toBe("SUBMITTED");
  });
});

describe("退回", () => {
  it("needs a reason, and shows the submitting unit it was returned and why", async () => {
    const { resourceId } = await approvedItem("区教委组织教师参加暑期培训");
    const submission = await submitToSite(jwOfficer, { resourceId, siteId: districtSiteId });
    await refused(() => returnSubmission(editor, { submissionId: submission.id, version: 1, reason: "  " }), "INVALID");
    await refused(
      () => returnSubmission(jwOfficer, { submissionId: submission.id, version: 1, reason: "自己退回" }),
      "NOT_FOUND",
    );
    await refused(
      () => returnSubmission(wlwOfficer, { submissionId: submission.id, version: 1, reason: "越权" }),
      "NOT_FOUND",
    );
    await returnSubmission(editor, {
      submissionId: submission.id,
      version: 1,
      reason: "时效性不强，请补充成效后重新报送。",
    });
    const returned = await submissionOf(submission.id);
    expect(returned).toMatchObject({ state: "RETURNED", reason: "时效性不强，请补充成效后重新报送。" });
    expect(returned.events.map((event) => event.kind)).toEqual(["SUBMIT", "RETURN"]);
    await refused(
      () => returnSubmission(editor, { submissionId: submission.id, version: 1, reason: "再退一次" }),
      "CONFLICT",
    );
    const mine = await listMySubmissions(jwOfficer, { state: "RETURNED" });
    expect(mine.rows.find((row) => row.id === submission.id)).toMatchObject({
      state: "RETURNED",
      reason: "时效性不强，请补充成效后重新报送。",
    });
    const notified = await getDb().notification.findFirst({
      where: { userId: jwOfficer.id, link: `/admin/submissions/${submission.id}` },
    });
    expect(notified?.title).toContain("退回");
    // The unit's 信息员 and 信息主管 both hear of it, with the reason; nobody outside the unit does.
    const told = await getDb().notification.findMany({ where: { link: `/admin/submissions/${submission.id}` } });
    const returns = told.filter((row) => row.title.includes("退回"));
    expect(returns.map((row) => row.userId).sort()).toEqual([jwOfficer.id, jwSupervisor.id].sort());
    for (const row of returns) expect(row.title).toContain("时效性不强，请补充成效后重新报送。");
  });
});

describe("编辑后采用", () => {
  it("makes the desk's own edition, reviews it there, and records when it went live", async () => {
    const { resourceId, revision } = await approvedItem("区教委召开家校共育工作推进会");
    const submission = await submitToSite(jwOfficer, { resourceId, siteId: districtSiteId });
    const input = {
      submissionId: submission.id,
      version: 1,
      columnIds: [bmdt],
      title: "沙坪坝区推进家校共育工作",
      body: "区教委召开家校共育工作推进会。\n会议部署了下一阶段重点任务。",
    };
    // The site administrator makes no library items: the desk's editors do.
    await refused(() => adoptSubmissionEdited(siteadmin, input), "FORBIDDEN");
    const adopted = await adoptSubmissionEdited(editor, input);
    const stored = await submissionOf(submission.id);
    expect(stored).toMatchObject({ state: "ADOPTED_EDITED", adoptedResourceId: adopted.resourceId, publishedAt: null });
    const edition = await getDb().resource.findUniqueOrThrow({
      where: { id: adopted.resourceId },
      include: { revisions: true },
    });
    expect(edition).toMatchObject({ ownerOrgId: await orgId("区政府办公室政务公开科"), state: "IN_REVIEW" });
    expect(edition.revisions[0]).toMatchObject({ title: "沙坪坝区推进家校共育工作", authorId: editor.id });
    // Not placed before its review passes; the submitter's item is untouched.
    expect(await getDb().placement.count({ where: { resourceId: adopted.resourceId } })).toBe(0);
    expect((await getDb().resource.findUniqueOrThrow({ where: { id: resourceId } })).version).toBe(revision.number);
    await refused(() => adoptSubmissionEdited(editor, input), "CONFLICT");

    const link = `/admin/submissions/${submission.id}`;
    const liveNotices = () =>
      getDb().notification.findMany({
        where: { link, title: { contains: "上线：" } },
        select: { userId: true, title: true },
      });
    // Adopted edited: the unit hears of it now, and of 上线 only once the desk's review publishes it.
    const adoptedNotices = await getDb().notification.findMany({ where: { link, title: { contains: "编辑后采用" } } });
    expect(adoptedNotices.map((row) => row.userId).sort()).toEqual([jwOfficer.id, jwSupervisor.id].sort());
    expect(await liveNotices()).toEqual([]);

    const edited = edition.revisions[0]!;
    await approveReview(reviewer, deputy, adopted.instanceId, edited.contentHash);
    const wentLive = await liveNotices();
    expect(wentLive.map((row) => row.userId).sort()).toEqual([jwOfficer.id, jwSupervisor.id].sort());
    expect(wentLive[0]!.title).toBe(`报送稿件已在${DISTRICT}上线：区教委召开家校共育工作推进会`);
    expect(wentLive.some((row) => [editor.id, wlwOfficer.id, reviewer.id].includes(row.userId))).toBe(false);
    const live = await submissionOf(submission.id);
    expect(live.publishedAt).not.toBeNull();
    expect(live.events.map((event) => event.kind)).toEqual(["SUBMIT", "ADOPT_EDITED", "PUBLISH"]);
    expect(await getDb().placement.count({ where: { resourceId: adopted.resourceId, columnId: bmdt } })).toBe(1);

    const seen = await getSubmission(jwOfficer, submission.id);
    expect(seen).toMatchObject({ state: "ADOPTED_EDITED", livePath: `/content/${adopted.resourceId}` });
    expect(seen.can).toEqual({ withdraw: false, adopt: false, adoptEdited: false, return: false });
  });
});

describe("来稿", () => {
  it("lists the desk's submissions by unit and state, and only to that desk", async () => {
    const pending = await listDeskSubmissions(editor, { state: "SUBMITTED", fromOrgId: educationId });
    expect(pending.rows.length).toBeGreaterThan(0);
    expect(pending.rows.every((row) => row.state === "SUBMITTED" && row.fromOrg.id === educationId)).toBe(true);
    expect(pending.units.map((unit) => unit.id)).toContain(educationId);
    const row = pending.rows[0]!;
    const seen = await getSubmission(editor, row.id);
    expect(seen.can).toMatchObject({ adopt: true, return: true, withdraw: false });
    expect(seen.siteColumns.map((column) => column.id)).toContain(bmdt);

    const other = await listDeskSubmissions(wlwOfficer, {});
    expect(other.rows.some((candidate) => candidate.toSite.id === districtSiteId)).toBe(false);
    await refused(() => getSubmission(wlwOfficer, row.id), "NOT_FOUND");
    await refused(() => listDeskSubmissions(editor, { state: "NOPE" }), "INVALID");
    await refused(() => listDeskSubmissions(jwOfficer, { from: "2026-13-01" }), "INVALID");
  });
});
