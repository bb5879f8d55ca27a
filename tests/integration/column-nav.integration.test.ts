import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { saveColumn } from "@/lib/sites/admin";
import { buildColumnTree, findSiteByHost, getPortalHome } from "@/lib/sites/portal";
import { actorsFor, fileDb } from "./helpers";

// Footer pages (关于本站, 联系我们 …) are columns kept out of the main navigation and the home
// blocks: the seed marks its own, and the site administrator chooses for any column.

describe("columns kept out of the navigation", () => {
  it("lets the site administrator keep a column out of the navigation, and keeps the choice on later saves", async () => {
    await fileDb();
    const [siteadmin, editor] = await actorsFor("siteadmin", "editor");
    const district = (await findSiteByHost("localhost"))!;
    const input = { siteId: district.id, parentId: "", name: "隐私政策", slug: "yszc", kind: "PAGE", linkUrl: "" };

    await expect(saveColumn(editor, { ...input, nav: "false", position: "30" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(saveColumn(siteadmin, { ...input, nav: "maybe", position: "30" })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("导航"),
    });
    expect(await getDb().column.count({ where: { slug: "yszc" } })).toBe(0);

    const created = await saveColumn(siteadmin, { ...input, nav: "false", position: "30" });
    expect(created.nav).toBe(false);
    // A save that does not name the choice (an older form, a script) leaves it as it was.
    const renamed = await saveColumn(siteadmin, { ...input, columnId: created.id, name: "隐私保护", position: "31" });
    expect(renamed.nav).toBe(false);

    const site = (await findSiteByHost("localhost"))!;
    const column = buildColumnTree(site.columns).find((candidate) => candidate.slug === "yszc")!;
    expect(column.nav).toBe(false);
    const home = await getPortalHome(site);
    expect(home.blocks.map((block) => block.column.slug)).not.toContain("yszc");

    const shown = await saveColumn(siteadmin, { ...input, columnId: created.id, nav: "true", position: "31" });
    expect(shown.nav).toBe(true);
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "column.update" },
      orderBy: { seq: "desc" },
    });
    expect(audit.data).toMatchObject({ columnId: created.id, nav: true });
  });

  it("seeds the footer pages of both sites out of the navigation, every other top column in it", async () => {
    await fileDb();
    for (const host of ["localhost", "wlw.localhost"]) {
      const site = (await findSiteByHost(host))!;
      const tree = buildColumnTree(site.columns);
      expect(tree.filter((column) => !column.nav).map((column) => column.slug)).toEqual([
        "gybz",
        "lxwm",
        "wzsm",
        "sybz",
      ]);
    }
  });
});
