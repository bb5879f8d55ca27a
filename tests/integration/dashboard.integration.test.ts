import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { countLibrary, listLibrary, visibleOrgIds } from "@/lib/library/browse";
import { signOff, submitForReview } from "@/lib/review/instances";
import { listInbox } from "@/lib/review/queries";
import { submitApplication } from "@/lib/registry/submit-application";
import { cancelSchedule } from "@/lib/publish/cancel-schedule";
import { getRoleDashboard } from "@/lib/dashboard/get-dashboard";
import { deskFilters } from "@/lib/dashboard/editor-desk";
import type { Actor } from "@/lib/auth/session";
import { createResource, saveRevision } from "@/lib/library/resources";
import { blocksToDoc } from "@/lib/library/content";
import { actorFor, actorsFor, fileDb, makeUser, orgId } from "./helpers";
import { ARTICLE_METADATA, columnId, draft, signChecks, submitted } from "./support/review";
import { CULTURE, openInput } from "./support/registry";
import { publish } from "./support/search";

// The role dashboard (/admin): every count is the library's own count for the filter its link
// opens (checked here by paging the library list itself), every list is scoped like the library,
// and a scheduled publication can be cancelled from it, by those who may publish, once.

/** Every item the library list shows for this filter, all pages. */
async function libraryItems(actor: Actor, filter: Record<string, string>) {
  const items: { id: string; state: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await listLibrary(actor, { ...filter, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

async function returned(author: Actor, reviewer: Actor, title: string, reason: string) {
  const { revision, instance } = await submitted(author, title, `${title}的正文。`);
  await signOff(reviewer, {
    instanceId: instance.id,
    stagePosition: 0,
    check: "politics",
    decision: "RETURN",
    reason,
    contentHash: revision.contentHash,
  });
  return { resourceId: instance.resourceId, revision };
}

async function scheduled(author: Actor, reviewer: Actor, deputy: Actor, title: string) {
  const { resource, revision } = await draft(author, title, "定时发布的正文。");
  const instance = await submitForReview(author, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "SCHEDULED",
    publishAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    columnIds: [await columnId("ywdt")],
  });
  await signChecks(reviewer, instance.id, revision.contentHash);
  await signOff(deputy, {
    instanceId: instance.id,
    stagePosition: 1,
    decision: "APPROVE",
    contentHash: revision.contentHash,
  });
  return getDb().publicationSchedule.findFirstOrThrow({ where: { instanceId: instance.id, status: "PENDING" } });
}

let editor: Actor, reviewer: Actor, deputy: Actor, outsider: Actor;
let returnedId = "";
let scheduleId = "";
let publishedId = "";

beforeAll(async () => {
  await fileDb();
  [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
  outsider = await makeUser("dash-outsider", "EDITOR", CULTURE);
  await draft(editor, "工作台测试草稿一", "草稿正文。");
  await draft(editor, "工作台测试草稿二", "草稿正文。");
  const other = await createResource(outsider, { kind: "ARTICLE", ownerOrgId: await orgId(CULTURE) });
  await saveRevision(outsider, {
    resourceId: other.id,
    baseVersion: 0,
    title: "其他单位的草稿",
    body: blocksToDoc([{ type: "paragraph", text: "草稿正文。" }]),
    metadata: ARTICLE_METADATA,
  });
  returnedId = (await returned(editor, reviewer, "工作台测试退回稿", "标题中的数据需要核实来源")).resourceId;
  // Returned, then submitted again: no longer waiting for the editor.
  const again = await returned(editor, reviewer, "工作台测试已重新提交", "请补充附件");
  await submitForReview(editor, {
    resourceId: again.resourceId,
    baseVersion: again.revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [await columnId("ywdt")],
  });
  publishedId = await publish(editor, reviewer, deputy, { title: "工作台测试已发布", body: "已发布的正文。" });
  scheduleId = (await scheduled(editor, reviewer, deputy, "工作台测试定时发布")).id;
}, 120_000);

describe("the editor's desk", () => {
  it("counts what the library lists for the same filter, and lists the returned item with its reason", async () => {
    const dashboard = await getRoleDashboard(editor);
    const desk = dashboard.desk!;
    const filters = deskFilters(editor.id);
    for (const entry of desk.counts) {
      const items = await libraryItems(editor, filters[entry.key]);
      expect(entry.count, entry.key).toBe(items.length);
      expect(entry.href).toBe(`/admin/library?${new URLSearchParams(filters[entry.key])}`);
    }
    const count = (key: string) => desk.counts.find((entry) => entry.key === key)!.count;
    expect(count("drafts")).toBeGreaterThanOrEqual(3);
    expect(count("returned")).toBe(1);
    expect(count("scheduled")).toBe(1);
    expect(count("published")).toBe(
      await getDb().resource.count({
        where: { state: "PUBLISHED", ownerOrgId: { in: await visibleOrgIds(editor) } },
      }),
    );
    expect(desk.drafts.map((item) => item.title)).toEqual(
      expect.arrayContaining(["工作台测试草稿一", "工作台测试草稿二"]),
    );
    expect(desk.drafts.every((item) => item.state === "DRAFT")).toBe(true);
    expect(desk.returned).toEqual([
      expect.objectContaining({
        id: returnedId,
        reason: "标题中的数据需要核实来源",
        returnedBy: "王磊",
        stage: expect.any(String),
      }),
    ]);
    expect(desk.scheduled).toEqual([
      expect.objectContaining({ scheduleId, title: "工作台测试定时发布", canCancel: true }),
    ]);
    expect(desk.recent[0]).toMatchObject({
      resourceId: publishedId,
      title: "工作台测试已发布",
      path: `/content/${publishedId}`,
      hosts: expect.arrayContaining(["localhost"]),
    });
  });

  it("shows an editor of another unit nothing of this unit's", async () => {
    const desk = (await getRoleDashboard(outsider)).desk!;
    const count = (key: string) => desk.counts.find((entry) => entry.key === key)!.count;
    expect(count("drafts")).toBe(1);
    expect(count("returned")).toBe(0);
    expect(count("scheduled")).toBe(0);
    expect(desk.drafts.map((item) => item.title)).toEqual(["其他单位的草稿"]);
    expect(desk.scheduled).toEqual([]);
    // A forged filter naming this editor finds nothing outside the outsider's units.
    expect(await countLibrary(outsider, { authorId: editor.id })).toBe(0);
  });

  it("refuses a malformed library view in Chinese", async () => {
    await expect(countLibrary(editor, { review: "LOST" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(countLibrary(editor, { authorId: "me" })).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("cancelling a scheduled publication from the dashboard", () => {
  it("is refused to other units, to those who may not publish and for a malformed id; done once, audited", async () => {
    await expect(cancelSchedule(outsider, { scheduleId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cancelSchedule(reviewer, { scheduleId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cancelSchedule(editor, { scheduleId: "1; drop table" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(cancelSchedule(null, { scheduleId })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const db = getDb();
    expect((await db.publicationSchedule.findUniqueOrThrow({ where: { id: scheduleId } })).status).toBe("PENDING");

    const cancelled = await cancelSchedule(editor, { scheduleId }, { ip: "127.0.0.1" });
    expect(cancelled.status).toBe("CANCELLED");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "publication.schedule.cancel", actorId: editor.id },
      orderBy: { seq: "desc" },
    });
    expect(audit.subject).toBe(`resource:${cancelled.resourceId}`);
    await expect(cancelSchedule(editor, { scheduleId })).rejects.toMatchObject({ code: "CONFLICT" });

    // Still approved, no longer scheduled: the dashboard and the library agree.
    const resource = await db.resource.findUniqueOrThrow({ where: { id: cancelled.resourceId } });
    expect(resource.state).toBe("APPROVED");
    expect(await db.publication.count({ where: { resourceId: resource.id } })).toBe(0);
    const desk = (await getRoleDashboard(editor)).desk!;
    expect(desk.counts.find((entry) => entry.key === "scheduled")!.count).toBe(0);
    expect(desk.scheduled).toEqual([]);
  });
});

describe("待我处理", () => {
  it("puts review tasks and registry approvals waiting for this person in one list", async () => {
    const reviewerTodo = (await getRoleDashboard(reviewer)).todo!;
    const inbox = await listInbox(reviewer);
    expect(reviewerTodo.filter((item) => item.type === "review").map((item) => item.href)).toEqual(
      expect.arrayContaining(inbox.map((item) => `/admin/review/${item.instanceId}`)),
    );
    expect(reviewerTodo).toHaveLength(inbox.length);
    expect(reviewerTodo.some((item) => item.title === "工作台测试已重新提交")).toBe(true);

    const officer = await actorFor("officer");
    const application = await submitApplication(officer, await openInput({ name: "重庆沙坪坝工作台测试" }));
    const principal = await actorFor("principal");
    const principalTodo = (await getRoleDashboard(principal)).todo!;
    expect(principalTodo).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "registry", href: `/admin/registry/applications/${application.id}` }),
      ]),
    );
    // Not the supervisor's yet: the chain's first step is the unit's principal.
    const supervisorTodo = (await getRoleDashboard(await actorFor("supervisor"))).todo!;
    expect(supervisorTodo.some((item) => item.href.endsWith(application.id))).toBe(false);
    // An editor has no such list at all.
    expect((await getRoleDashboard(editor)).todo).toBeNull();
  });
});

describe("待我处理 for a workflow's 信息员 stage", () => {
  it("lists the item for the unit's information officer once the section has approved it", async () => {
    // Seed 004's three-level submission review on the culture commission: 供稿科室 → 信息员 → 信息主管.
    const [section, officer] = await Promise.all([
      makeUser("dash-culture-section", "SECTION_REVIEWER", CULTURE),
      makeUser("dash-culture-officer", "INFO_OFFICER", CULTURE),
    ]);
    const resource = await createResource(outsider, { kind: "ARTICLE", ownerOrgId: await orgId(CULTURE) });
    const { revision } = await saveRevision(outsider, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "文旅委供稿三级审核测试",
      body: blocksToDoc([{ type: "paragraph", text: "供稿正文。" }]),
      metadata: ARTICLE_METADATA,
    });
    const instance = await submitForReview(outsider, {
      resourceId: resource.id,
      baseVersion: revision.number,
      publishMode: "ON_APPROVAL",
      columnIds: [await columnId("wlzx", "wlw.localhost")],
    });
    expect((await getRoleDashboard(officer)).todo ?? []).toEqual([]);
    await signOff(section, {
      instanceId: instance.id,
      stagePosition: 0,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
    const todo = (await getRoleDashboard(officer)).todo!;
    expect(todo).toEqual([
      expect.objectContaining({ type: "review", title: "文旅委供稿三级审核测试", step: "信息员审核" }),
    ]);
  });
});

describe("counts per unit and per site", () => {
  it("gives the supervising unit each unit's counts by state, equal to the library filtered the same way", async () => {
    const supervisor = await actorFor("supervisor");
    const dashboard = await getRoleDashboard(supervisor);
    expect(dashboard.desk).toBeNull();
    const units = dashboard.units!;
    expect(units.length).toBeGreaterThan(1);
    for (const unit of units) {
      for (const entry of unit.states) {
        const filter = { orgId: unit.orgId, state: entry.state };
        expect(entry.href).toBe(`/admin/library?${new URLSearchParams(filter)}`);
        if (entry.count > 0 || entry.state === "DRAFT")
          expect(entry.count, `${unit.name} ${entry.state}`).toBe((await libraryItems(supervisor, filter)).length);
      }
      expect(unit.total).toBe(await countLibrary(supervisor, { orgId: unit.orgId }));
    }
  });

  it("gives a site administrator the sites of the unit, with live items counted from the database", async () => {
    const siteadmin = await actorFor("siteadmin");
    const dashboard = await getRoleDashboard(siteadmin);
    // No library role: no desk, no unit counts (they would link to a list this person may not open).
    expect(dashboard.desk).toBeNull();
    expect(dashboard.units).toBeNull();
    const sites = dashboard.sites!;
    const db = getDb();
    const district = await db.organization.findFirstOrThrow({ where: { name: "重庆市沙坪坝区人民政府" } });
    expect(sites.map((site) => site.id).sort()).toEqual(
      (await db.site.findMany({ where: { orgId: district.id } })).map((site) => site.id).sort(),
    );
    for (const site of sites) {
      const live = await db.resource.count({
        where: {
          publications: { some: { withdrawnAt: null, supersededAt: null } },
          placements: { some: { column: { siteId: site.id } } },
        },
      });
      expect(site.liveItems, site.name).toBe(live);
      expect(site.columns).toBe(await db.column.count({ where: { siteId: site.id } }));
    }
    expect(sites.some((site) => site.liveItems > 0 && site.lastPublishedAt)).toBe(true);
  });
});
