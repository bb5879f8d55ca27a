import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { listLibrary } from "@/lib/library/browse";
import { exportResources } from "@/lib/library/export";
import { restoreResources, trashResources } from "@/lib/library/trash";
import { listTrash } from "@/lib/library/trash-list";
import { purgeResources } from "@/lib/library/purge";
import { submitResourcesForReview } from "@/lib/review/bulk-submit";
import { actorFor, fileDb, makeUser } from "../helpers";
import { draft } from "../support/review";

// The unit boundary of the 回收站 and the bulk actions (#23 §2): an editor of one unit can neither
// see, move, restore, submit nor export another unit's items, and a refusal does not disclose the
// item's title. Purging is the system administrator's alone, whatever unit the item is in.

const CULTURE = "重庆市文化和旅游发展委员会";

describe("the 回收站 across units", () => {
  it("keeps another unit's editor out of every bulk action and the 回收站 list", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const outsider = await makeUser("culture.boundary", "EDITOR", CULTURE);
    const kept = await draft(editor, "区政务公开科保密草稿甲", "正文。");
    const trashed = await draft(editor, "区政务公开科保密草稿乙", "正文。");
    await trashResources(editor, { ids: [trashed.resource.id] });
    const ids = [kept.resource.id, trashed.resource.id];

    for (const report of [
      await trashResources(outsider, { ids }),
      await restoreResources(outsider, { ids }),
      await submitResourcesForReview(outsider, { ids, publishMode: "MANUAL" }),
    ]) {
      expect(report.done).toBe(0);
      for (const item of report.items) {
        expect(item.title).toBe("（无法查看的稿件）");
        expect(JSON.stringify(item)).not.toContain("保密草稿");
      }
    }
    expect((await listTrash(outsider)).items.map((item) => item.id)).not.toContain(trashed.resource.id);
    expect((await listLibrary(outsider, { q: "保密草稿" })).items).toEqual([]);
    await expect(exportResources(outsider, { ids })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(purgeResources(outsider, { ids })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const states = await db.resource.findMany({ where: { id: { in: ids } }, select: { id: true, trashedAt: true } });
    expect(states.find((row) => row.id === kept.resource.id)!.trashedAt).toBeNull();
    expect(states.find((row) => row.id === trashed.resource.id)!.trashedAt).not.toBeNull();
    expect(await db.reviewInstance.count({ where: { resourceId: { in: ids } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorId: outsider.id, action: { startsWith: "resource." } } })).toBe(0);
  });

  it("refuses purge to every role but the system administrator, in every unit", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    const { resource } = await draft(editor, "只有系统管理员可以彻底删除", "正文。");
    await trashResources(editor, { ids: [resource.id] });
    await getDb().resource.update({
      where: { id: resource.id },
      data: { trashedAt: new Date(Date.now() - 90 * 86_400_000) },
    });
    const cultureAdmin = await makeUser("culture.siteadmin.purge", "SITE_ADMIN", CULTURE);
    for (const actor of [
      editor,
      cultureAdmin,
      ...(await Promise.all(["officer", "siteadmin", "principal", "supervisor", "secadmin", "auditor"].map(actorFor))),
    ])
      await expect(purgeResources(actor, { ids: [resource.id] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().resource.count({ where: { id: resource.id } })).toBe(1);
    expect((await purgeResources(await actorFor("admin"), { ids: [resource.id] })).done).toBe(1);
  });
});
