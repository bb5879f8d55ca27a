import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { expectAccessible } from "./helpers";

// Issue #24 (items 6 and 8): on a fresh start both demo sites look like a real portal — every home
// block filled with 示例 items, the headline with its picture, the standard columns in the
// navigation and the footer pages below, and every policy page with its 索引号.

const SITES = [
  { name: "重庆市沙坪坝区人民政府", base: "" },
  { name: "重庆市文化和旅游发展委员会", base: `http://wlw.localhost:${E2E.port}` },
];
const INDEX_NUMBER = /^[0-9A-Z]{18}\/\d{4}-\d{5,6}$/;

async function expectIndexNumber(page: Page) {
  const table = page.getByRole("table", { name: "文件信息" });
  // Located by markup: each row holds two label/value pairs.
  const value = table.locator("th", { hasText: /^索引号$/ }).locator("xpath=following-sibling::td[1]");
  await expect(value).toHaveText(INDEX_NUMBER);
}

for (const site of SITES) {
  test(`every block of the ${site.name} home page shows items, the focus images their pictures`, async ({ page }) => {
    await page.goto(`${site.base}/`);
    await expect(page).toHaveTitle(site.name);
    await expect(page.getByText("本栏目暂无信息")).toHaveCount(0);
    // The blocks its administrator published (首页区块): each shows something besides its 更多 link.
    const blocks = page.locator(".home-block");
    expect(await blocks.count()).toBeGreaterThanOrEqual(6);
    for (const block of await blocks.all()) await expect(block.locator("a:not(.more)").first()).toBeVisible();
    await expect(page.locator(".headline-title").getByRole("link")).toHaveText(/^【示例】/);
    // The focus carousel's first slide shows a picture.
    const headline = page.locator(".carousel-slide:not([hidden]) img").first();
    await expect(headline).toBeVisible();
    // Fetched by the browser (*.localhost resolves only in Chromium): the drawn picture is public.
    const picture = await page.evaluate(
      async (src) => {
        const response = await fetch(src);
        return { status: response.status, type: response.headers.get("content-type") };
      },
      (await headline.getAttribute("src"))!,
    );
    expect(picture).toEqual({ status: 200, type: "image/jpeg" });

    // Footer pages are linked from the footer, not the main navigation.
    const navigation = page.getByRole("navigation", { name: "主导航" });
    await expect(navigation.getByRole("link", { name: "领导之窗" })).toBeVisible();
    await expect(navigation.getByRole("link", { name: "专题专栏" })).toBeVisible();
    await expect(navigation.getByRole("link", { name: "关于本站" })).toHaveCount(0);
    await page.getByRole("contentinfo").getByRole("link", { name: "网站声明" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "网站声明" })).toBeVisible();
    await expect(page.getByText("（本文为演示平台的示例内容，不是真实信息。）")).toBeVisible();
  });
}

test("policy pages of every catalogue show their 索引号, seeded and sample documents alike", async ({ page }) => {
  for (const [base, slug] of [
    ["", "zcwj"],
    ["", "sjwj"],
    ["", "xxjj"],
    [SITES[1]!.base, "zcwj"],
  ] as const) {
    await page.goto(`${base}/columns/${slug}`);
    const links = page.locator(".column-body .item-list a[href^='/content/']");
    await expect(links.first()).toBeVisible();
    await links.first().click();
    await expect(page).toHaveURL(/\/content\//);
    await expectIndexNumber(page);
  }
});

test("the 政府信息公开 catalogue lists its categories with what each holds, and passes axe", async ({ page }) => {
  await page.goto("/columns/zfxxgk");
  for (const category of ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"])
    await expect(page.getByRole("heading", { name: new RegExp(`^${category}\\s*（[1-9]\\d* 条）$`) })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/columns/fgwj");
  await expect(page.getByRole("heading", { name: /^上级文件\s*（2 条）$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^政策文件\s*（[1-9]\d* 条）$/ })).toBeVisible();
  // Other governments' documents are 学习借鉴, not 上级文件.
  await page.goto("/columns/sjwj");
  await expect(page.getByText("来宾市人民政府办公室")).toHaveCount(0);
  await page.goto("/columns/xxjj");
  await expect(page.getByRole("link", { name: /来宾市政务新媒体管理实施细则/ })).toBeVisible();
});
