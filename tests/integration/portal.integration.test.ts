import { describe, expect, it } from "vitest";
import { findSiteByHost, getColumnPage, getPortalHome, listSiteItems } from "@/lib/sites/portal";
import { getPortalArticle } from "@/lib/sites/portal-article";
import { fileDb } from "./helpers";

describe("portal reads", () => {
  it("chooses the site by host, the first site for localhost and unknown hosts", async () => {
    await fileDb();
    expect((await findSiteByHost("localhost:3000"))!.name).toBe("重庆市沙坪坝区人民政府");
    expect((await findSiteByHost("wlw.localhost:3000"))!.name).toBe("重庆市文化和旅游发展委员会");
    expect((await findSiteByHost("unknown.example.org"))!.name).toBe("重庆市沙坪坝区人民政府");
    expect((await findSiteByHost(null))!.name).toBe("重庆市沙坪坝区人民政府");
  });

  it("shows each site only what is placed on it", async () => {
    await fileDb();
    const district = (await findSiteByHost("localhost"))!;
    const culture = (await findSiteByHost("wlw.localhost"))!;
    const districtItems = await listSiteItems(district.id, { take: 50, withTotal: true });
    const cultureItems = await listSiteItems(culture.id, { take: 50, withTotal: true });
    // Four seeded items and the 区教委 item the district portal adopted (报送, 资源同享).
    expect(districtItems.total).toBe(6);
    expect(cultureItems.total).toBe(2);
    const reprint = districtItems.items.find((item) => item.docNumber === "来政办发〔2021〕30号")!;
    expect(await getPortalArticle(district, reprint.resourceId)).not.toBeNull();
    expect(await getPortalArticle(culture, reprint.resourceId)).toBeNull();
  });

  it("lists items newest first, with the column tree and pagination", async () => {
    await fileDb();
    const site = (await findSiteByHost("localhost"))!;
    const home = await getPortalHome(site);
    expect(home.tree.filter((column) => column.nav).map((column) => column.name)).toEqual([
      "政务动态",
      "领导之窗",
      "走进沙坪坝",
      "政府信息公开",
      "专题专栏",
      "政民互动",
      "咨询答问",
      "办事服务",
      "学习借鉴",
    ]);
    const dates = home.latest.map((item) => item.publishedAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(home.policies.length).toBe(5);
    // The supervising unit's two documents are 上级文件; the other three governments' are 学习借鉴.
    expect(await getColumnPage(site, "sjwj", 1, 2)).toMatchObject({ total: 2, pageCount: 1 });
    const page = await getColumnPage(site, "xxjj", 1, 2);
    expect(page).toMatchObject({ total: 3, pageCount: 2 });
    expect(page!.items).toHaveLength(2);
    expect(await getColumnPage(site, "no-such-column", 1)).toBeNull();
  });

  it("never shows a withdrawn publication", async () => {
    const db = await fileDb();
    const site = (await findSiteByHost("localhost"))!;
    const { items } = await listSiteItems(site.id, { take: 1 });
    const newest = items[0]!;
    await db.publication.updateMany({
      where: { resourceId: newest.resourceId },
      data: { withdrawnAt: new Date(), withdrawReason: "测试撤稿" },
    });
    const after = await listSiteItems(site.id, { take: 50, withTotal: true });
    expect(after.total).toBe(5);
    expect(after.items.map((item) => item.resourceId)).not.toContain(newest.resourceId);
    expect(await getPortalArticle(site, newest.resourceId)).toBeNull();
  });
});
