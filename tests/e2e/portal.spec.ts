import { expect, test } from "@playwright/test";
import { E2E } from "./env";

const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";

test("the portal home of the first site lists the latest policies, a seeded document among 上级文件", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveTitle("重庆市沙坪坝区人民政府");
  await expect(page.getByRole("link", { name: "重庆市沙坪坝区人民政府", exact: true })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "政府信息公开" }),
  ).toBeVisible();
  await expect(page.locator('meta[name="SiteIDCode"]')).toHaveAttribute("content", "5001060001");
  // The newest policies are the demo's 示例 documents, each with its 文号.
  const policies = page.getByRole("region", { name: "最新政策文件" });
  await expect(policies.getByText(/^示例区发〔\d{4}〕\d+号/).first()).toBeVisible();
  await expect(page.getByRole("contentinfo")).toContainText("网站标识码：5001060001");
  await page.goto("/columns/sjwj");
  await expect(page.getByRole("link", { name: CITY_OPINION })).toBeVisible();
  await expect(page.getByText("渝府办发〔2019〕64号")).toBeVisible();
});

test("a seeded policy document opens with its metadata and monitoring meta tags", async ({ page }) => {
  await page.goto("/columns/sjwj");
  await page.getByRole("link", { name: CITY_OPINION }).click();
  await expect(page.getByRole("heading", { level: 1, name: CITY_OPINION })).toBeVisible();
  await expect(page.getByRole("row", { name: /文号\s*渝府办发〔2019〕64号/ })).toBeVisible();
  await expect(page.getByText("发布时间：2019-11-11 00:17")).toBeVisible();
  await expect(page.locator('meta[name="ArticleTitle"]')).toHaveAttribute("content", CITY_OPINION);
  await expect(page.locator('meta[name="PubDate"]')).toHaveAttribute("content", "2019-11-11 00:17");
  await expect(page.locator('meta[name="ColumnName"]')).toHaveAttribute("content", "上级文件");
  await expect(page.locator(".article-body h2").first()).toBeVisible();
});

test("another host name serves the other site from the same library", async ({ page }) => {
  await page.goto(`http://wlw.localhost:${E2E.port}/`);
  await expect(page).toHaveTitle("重庆市文化和旅游发展委员会");
  await page.goto(`http://wlw.localhost:${E2E.port}/columns/zcwj`);
  await expect(page.getByRole("link", { name: CITY_OPINION })).toBeVisible();
  // A reprint placed only on the district site is not on this one.
  await expect(page.getByText("来政办发〔2021〕30号")).toHaveCount(0);
});

test("unknown pages answer in Chinese with 404", async ({ page }) => {
  const response = await page.goto("/columns/no-such-column");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "您访问的页面不存在" })).toBeVisible();
  const content = await page.goto("/content/not-a-uuid");
  expect(content?.status()).toBe(404);
});

test("the health endpoint reports the database and search engine", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok", search: { engine: "postgres" } });
});
