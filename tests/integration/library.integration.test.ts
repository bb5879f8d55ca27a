import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import {
  compareRevisions,
  createResource,
  getResourceForEdit,
  listRevisions,
  saveRevision,
  saveWorkingDraft,
} from "@/lib/library/resources";
import { applyPublicationEffects, expirePolicies } from "@/lib/library/policy-validity";
import { actorFor, makeUser, orgId, fileDb, restoreAfterTest } from "./helpers";

const SECTION = "区政府办公室政务公开科";
const body = (text: string) => blocksToDoc([{ type: "paragraph", text }]);
const policyMetadata = (policy: Record<string, unknown> = {}) => ({
  source: { type: "original" },
  policy: {
    docNumber: "沙府办发〔2026〕12号",
    issuer: "重庆市沙坪坝区人民政府办公室",
    writtenOn: "2026-03-01",
    genre: "通知",
    ...policy,
  },
});

async function newResource(
  username: string,
  kind: "ARTICLE" | "POLICY" | "INTERPRETATION" = "ARTICLE",
  unit = SECTION,
) {
  const actor = await actorFor(username);
  const resource = await createResource(actor, { kind, ownerOrgId: await orgId(unit) });
  return { actor, resource };
}

describe("revisions", () => {
  it("are immutable in the database", async () => {
    const db = await fileDb();
    const revision = await db.revision.findFirstOrThrow();
    await expect(db.$executeRaw`update "Revision" set title = 'x' where id = ${revision.id}::uuid`).rejects.toThrow(
      /immutable/,
    );
    await expect(db.$executeRaw`delete from "Revision" where id = ${revision.id}::uuid`).rejects.toThrow(/immutable/);
  });

  it("are numbered, hashed, audited, and get a 索引号 on first save", async () => {
    const db = await fileDb();
    const { actor, resource } = await newResource("editor");
    const first = await saveRevision(actor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "区政府召开全区政务公开工作会议",
      body: body("会议要求……"),
      metadata: { source: { type: "original" } },
    });
    expect(first).toMatchObject({ created: true, revision: { number: 1 } });
    const second = await saveRevision(actor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "区政府召开全区政务公开工作会议",
      body: body("会议强调……"),
      metadata: { source: { type: "original" } },
    });
    expect(second.revision.number).toBe(2);
    // Saving the same content again makes no new revision.
    expect(
      (
        await saveRevision(actor, {
          resourceId: resource.id,
          baseVersion: 2,
          title: "区政府召开全区政务公开工作会议",
          body: body("会议强调……"),
          metadata: { source: { type: "original" } },
        })
      ).created,
    ).toBe(false);
    const stored = await db.resource.findUniqueOrThrow({ where: { id: resource.id } });
    expect(stored).toMatchObject({ version: 2, title: "区政府召开全区政务公开工作会议", state: "DRAFT" });
    expect(stored.indexNumber).toMatch(/^11500106009301572C\/\d{4}-\d{5}$/);
    expect(
      await db.auditEvent.count({ where: { action: "resource.revision.save", subject: `resource:${resource.id}` } }),
    ).toBe(2);
    const history = await listRevisions(actor, resource.id);
    expect(history.revisions.map((revision) => revision.number)).toEqual([2, 1]);
    const compared = await compareRevisions(actor, resource.id, { from: 1, to: 2 });
    expect(
      compared.segments
        .filter((segment) => segment.type !== "equal")
        .map((segment) => segment.text)
        .join("|"),
    ).toContain("要求");
  });

  it("refuse the second of two concurrent saves with what changed, and lose nothing", async () => {
    await fileDb();
    const { actor, resource } = await newResource("editor");
    await saveRevision(actor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "初稿",
      body: body("第一段。"),
      metadata: { source: { type: "original" } },
    });
    const colleague = await makeUser("li.na", "EDITOR", SECTION);
    const results = await Promise.allSettled([
      saveRevision(actor, {
        resourceId: resource.id,
        baseVersion: 1,
        title: "初稿",
        body: body("第一段，张敏修改。"),
        metadata: { source: { type: "original" } },
      }),
      saveRevision(colleague, {
        resourceId: resource.id,
        baseVersion: 1,
        title: "初稿",
        body: body("第一段，李娜修改。"),
        metadata: { source: { type: "original" } },
      }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "CONFLICT", details: { baseVersion: 1, currentVersion: 2 } });
    expect(refused.reason.details.changes.some((segment: { type: string }) => segment.type === "added")).toBe(true);
    // The refused author saves as a new revision on top of the current one: both texts are kept.
    const loser = results[0]!.status === "rejected" ? actor : colleague;
    const saved = await saveRevision(loser, {
      resourceId: resource.id,
      baseVersion: 2,
      title: "初稿",
      body: body("合并后的第一段。"),
      metadata: { source: { type: "original" } },
    });
    expect(saved.revision.number).toBe(3);
  });

  it("keep an autosaved working copy until the next save", async () => {
    await fileDb();
    const { actor, resource } = await newResource("editor");
    await saveWorkingDraft(actor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "未保存的标题",
      body: body("写到一半"),
      metadata: {},
    });
    const editing = await getResourceForEdit(actor, resource.id);
    expect(editing.workingDraft).toMatchObject({ title: "未保存的标题", baseVersion: 0 });
    // Private to its author.
    const colleague = await makeUser("wang.hua", "EDITOR", SECTION);
    expect((await getResourceForEdit(colleague, resource.id)).workingDraft).toBeNull();
    await saveRevision(actor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "已保存的标题",
      body: body("写完了"),
      metadata: { source: { type: "original" } },
    });
    expect((await getResourceForEdit(actor, resource.id)).workingDraft).toBeNull();
  });
});

describe("policy documents", () => {
  it("validate the 文号 with a clear message and save nothing when it is malformed", async () => {
    const db = await fileDb();
    const { actor, resource } = await newResource("editor", "POLICY");
    await expect(
      saveRevision(actor, {
        resourceId: resource.id,
        baseVersion: 0,
        title: "关于印发某办法的通知",
        body: body("正文"),
        metadata: policyMetadata({ docNumber: "沙府办发[2026]12号" }),
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { "metadata.policy.docNumber": [expect.stringContaining("六角括号")] },
    });
    expect(await db.revision.count({ where: { resourceId: resource.id } })).toBe(0);
    await saveRevision(actor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "关于印发某办法的通知",
      body: body("正文"),
      metadata: policyMetadata(),
    });
  });

  it("expire when their expiry date has passed", async () => {
    const db = await fileDb();
    const { actor, resource } = await newResource("editor", "POLICY");
    await saveRevision(actor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "临时性措施",
      body: body("正文"),
      metadata: policyMetadata({ expiresOn: "2026-06-30" }),
    });
    expect(await expirePolicies(db, new Date("2026-06-30T12:00:00+08:00"))).toBe(0);
    expect(await expirePolicies(db, new Date("2026-07-01T00:10:00+08:00"))).toBe(1);
    expect((await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).validity).toBe("EXPIRED");
    const change = await db.policyValidityChange.findFirstOrThrow({ where: { resourceId: resource.id } });
    expect(change).toMatchObject({ from: "VALID", to: "EXPIRED", cause: "有效期至 2026-06-30 届满" });
  });

  it("become 已废止 when a document repealing them is published", async () => {
    const db = await fileDb();
    const { actor, resource: old } = await newResource("editor", "POLICY");
    await saveRevision(actor, {
      resourceId: old.id,
      baseVersion: 0,
      title: "旧办法",
      body: body("正文"),
      metadata: policyMetadata({ docNumber: "沙府办发〔2020〕3号" }),
    });
    const { resource: repealing } = await newResource("editor", "POLICY");
    await saveRevision(actor, {
      resourceId: repealing.id,
      baseVersion: 0,
      title: "关于废止旧办法的决定",
      body: body("决定废止。"),
      metadata: { ...policyMetadata({ genre: "决定" }), relations: [{ kind: "REPEALS", targetId: old.id }] },
    });
    // Saving alone changes nothing: the repeal takes effect when the repealing document is published.
    expect((await db.resource.findUniqueOrThrow({ where: { id: old.id } })).validity).toBe("VALID");
    await db.$transaction((tx) => applyPublicationEffects(tx, repealing.id));
    expect((await db.resource.findUniqueOrThrow({ where: { id: old.id } })).validity).toBe("REPEALED");
    const change = await db.policyValidityChange.findFirstOrThrow({ where: { resourceId: old.id } });
    expect(change).toMatchObject({
      to: "REPEALED",
      causeResourceId: repealing.id,
      cause: "《关于废止旧办法的决定》（沙府办发〔2026〕12号）宣布废止",
    });
  });

  it("interpretations must link to at least one policy document", async () => {
    const db = await fileDb();
    const { actor, resource } = await newResource("editor", "INTERPRETATION");
    await expect(
      saveRevision(actor, {
        resourceId: resource.id,
        baseVersion: 0,
        title: "一图读懂",
        body: body("解读"),
        metadata: { source: { type: "original" } },
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { "metadata.relations": [expect.stringContaining("至少一份")] },
    });
    const seedPolicy = await db.resource.findFirstOrThrow({
      where: { kind: "POLICY", title: { contains: "实施意见" } },
    });
    await saveRevision(actor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "一图读懂",
      body: body("解读"),
      metadata: { source: { type: "original" }, relations: [{ kind: "INTERPRETS", targetId: seedPolicy.id }] },
    });
    expect(
      await db.resourceRelation.count({ where: { fromId: resource.id, toId: seedPolicy.id, kind: "INTERPRETS" } }),
    ).toBe(1);
  });
});

describe("unit boundaries", () => {
  it("an editor of another host unit can neither open nor change a draft", async () => {
    await fileDb();
    const { actor, resource } = await newResource("editor");
    await saveRevision(actor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "内部草稿",
      body: body("未发布"),
      metadata: { source: { type: "original" } },
    });
    const outsider = await makeUser("wl.editor", "EDITOR", "重庆市文化和旅游发展委员会");
    await expect(getResourceForEdit(outsider, resource.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      saveRevision(outsider, {
        resourceId: resource.id,
        baseVersion: 1,
        title: "篡改",
        body: body("x"),
        metadata: { source: { type: "original" } },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      saveWorkingDraft(outsider, {
        resourceId: resource.id,
        baseVersion: 1,
        title: "篡改",
        body: body("x"),
        metadata: {},
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createResource(outsider, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    // A reviewer of the same host unit may read it but not write it.
    const reviewer = await actorFor("reviewer");
    expect((await getResourceForEdit(reviewer, resource.id)).canEdit).toBe(false);
    await expect(
      saveRevision(reviewer, {
        resourceId: resource.id,
        baseVersion: 1,
        title: "审核人改稿",
        body: body("x"),
        metadata: { source: { type: "original" } },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the library browser", () => {
  it("pages by keyset without gaps or repeats, even when many share a timestamp, and shows only the actor's units", async () => {
    const db = await fileDb();
    const { listLibrary } = await import("@/lib/library/browse");
    const editor = await actorFor("editor");
    const created: string[] = [];
    for (let i = 0; i < 45; i += 1) {
      const resource = await createResource(editor, {
        kind: i % 2 ? "ARTICLE" : "NOTICE",
        ownerOrgId: await orgId(SECTION),
      });
      created.push(resource.id);
    }
    await db.resource.updateMany({
      where: { id: { in: created.slice(0, 30) } },
      data: { updatedAt: new Date("2026-05-01T08:00:00Z") },
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listLibrary(editor, { cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => created.includes(id)).sort()).toEqual([...created].sort());
    expect(seen.length).toBe(await db.resource.count({ where: { ownerOrgId: await orgId(SECTION) } }));
    // The seeded documents belong to the supervising unit: not this section editor's to browse.
    const supervisor = await actorFor("supervisor");
    expect((await listLibrary(supervisor, { kind: "POLICY" })).items.length).toBeGreaterThanOrEqual(5);
    expect((await listLibrary(editor, { kind: "POLICY" })).items.every((item) => item.ownerName === SECTION)).toBe(
      true,
    );
    expect((await listLibrary(editor, { kind: "NOTICE" })).items.every((item) => item.kind === "NOTICE")).toBe(true);
    const outsider = await makeUser("wl.browser", "EDITOR", "重庆市文化和旅游发展委员会");
    expect((await listLibrary(outsider, {})).items).toHaveLength(0);
    await expect(listLibrary(await actorFor("admin"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("theme categories", () => {
  it("are seeded from the State Council's categories and extended by the system administrator only", async () => {
    await fileDb();
    const { createTheme, listThemes, renameTheme } = await import("@/lib/library/themes");
    expect((await listThemes()).find((theme) => theme.code === "01")?.name).toBe("综合政务");
    await expect(
      createTheme(await actorFor("editor"), { code: "0105", name: "政务服务", parentCode: "01" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await actorFor("admin");
    await expect(createTheme(admin, { code: "0905", name: "错位", parentCode: "01" })).rejects.toMatchObject({
      code: "INVALID",
    });
    await createTheme(admin, { code: "0105", name: "政务服务", parentCode: "01" });
    restoreAfterTest(() => getDb().themeCategory.delete({ where: { code: "0105" } }));
    await expect(createTheme(admin, { code: "0105", name: "重复", parentCode: "01" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await renameTheme(admin, { code: "0105", name: "政务服务与便民" });
    expect((await listThemes()).find((theme) => theme.code === "0105")?.name).toBe("政务服务与便民");
  });
});
