import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, signOut } from "./helpers";
import { approveThroughReview, createTopic, newColumnForm, openDistrictSite, submitItem } from "./topic-steps";

// Issue #24 item 3: the site administrator creates a 专题 with a banner, an intro and two
// sub-columns; an item placed in both passes review; the portal shows the topic with its banner
// and the item, each sub-column page carries the banner and the 专题 trail, and the 专题 index
// lists the topic. axe finds nothing serious on the three new page types.

const TOPIC = {
  name: "示例专题：优化营商环境",
  slug: "e2e-yshj",
  intro: "示例：集中发布本区优化营商环境的惠企政策和工作动态。",
  subColumns: [
    { name: "惠企政策汇编", slug: "e2e-yshj-hqzc" },
    { name: "营商环境动态", slug: "e2e-yshj-dt" },
  ],
};
const TITLE = "示例：区政务服务中心开设“企业开办”专窗";

test("a 专题 with two sub-columns is built, filled through review and shown on the portal", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "siteadmin");

  await test.step("bad input is refused in Chinese and saves nothing", async () => {
    await openDistrictSite(page);
    const form = newColumnForm(page);
    await form.getByLabel("栏目名称").fill(TOPIC.name);
    await form.getByLabel(/^路径/).fill(TOPIC.slug);
    await form.getByLabel("类型").selectOption({ label: "专题" });
    await form.getByLabel(/上传新题图/).setInputFiles({
      name: "题图.png",
      mimeType: "image/png",
      buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
    });
    await form.getByRole("button", { name: "新建栏目" }).click();
    await expect(form.getByRole("status")).toContainText("文件内容与扩展名 .png 不符");
    await page.reload();
    await expect(page.getByRole("table", { name: "栏目列表" }).getByText(TOPIC.name)).toHaveCount(0);
  });

  await test.step("the site administrator creates the topic and its sub-columns", async () => {
    await createTopic(page, TOPIC);
    const table = page.getByRole("table", { name: "栏目列表" });
    await expect(table.getByRole("row").filter({ hasText: TOPIC.name }).first()).toContainText("专题");
    await signOut(page);
  });

  await test.step("the editor places an item in both sub-columns; it passes review", async () => {
    await submitItem(
      page,
      TITLE,
      "示例正文：专窗提供企业设立登记、公章刻制、发票申领一次办结服务。",
      TOPIC.subColumns.map((sub) => sub.name),
    );
    await approveThroughReview(page, TITLE);
  });

  await test.step("the topic page shows its banner, intro and the item in each sub-column", async () => {
    await page.goto(`/columns/${TOPIC.slug}`);
    const banner = page.getByRole("img", { name: `专题：${TOPIC.name}` });
    await expect(banner).toBeVisible();
    // Served to the public: the browser decoded it.
    expect(await banner.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1200);
    await expect(page.getByText(TOPIC.intro)).toBeVisible();
    for (const sub of TOPIC.subColumns) {
      const section = page.getByRole("region", { name: sub.name });
      await expect(section.getByRole("link", { name: TITLE })).toBeVisible();
      await expect(section.getByRole("link", { name: `${sub.name} 更多` })).toHaveAttribute(
        "href",
        `/columns/${sub.slug}`,
      );
    }
    await expect(page.locator('meta[name="ColumnType"]')).toHaveAttribute("content", "专题");
    await expectAccessible(page);
  });

  await test.step("a sub-column page carries the banner and the 专题 trail", async () => {
    await page.getByRole("link", { name: `${TOPIC.subColumns[0]!.name} 更多` }).click();
    await expect(page).toHaveURL(new RegExp(`/columns/${TOPIC.subColumns[0]!.slug}$`));
    await expect(page.getByRole("img", { name: `专题：${TOPIC.name}` })).toBeVisible();
    const trail = page.getByRole("navigation", { name: "当前位置" });
    await expect(trail).toContainText(`首页 > 专题专栏 > ${TOPIC.name} > ${TOPIC.subColumns[0]!.name}`);
    await expect(page.getByRole("link", { name: TITLE })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("the 专题 index lists the topic with banner, intro and date", async () => {
    await page.getByRole("navigation", { name: "当前位置" }).getByRole("link", { name: "专题专栏" }).click();
    await expect(page).toHaveURL(/\/topics$/);
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: TOPIC.name }) });
    await expect(card.getByRole("img", { name: `专题：${TOPIC.name}` })).toBeVisible();
    await expect(card).toContainText(TOPIC.intro);
    await expect(card).toContainText(/最近更新：\d{4}-\d{2}-\d{2}/);
    await expectAccessible(page);
    const sitemap = await page.request.get("/sitemap.xml");
    expect(await sitemap.text()).toContain(`/columns/${TOPIC.slug}</loc>`);
  });
});
