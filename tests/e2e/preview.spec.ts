import { expect, test } from "@playwright/test";
import { createSettledUser } from "./fixtures";
import { expectAccessible, signIn } from "./helpers";

// #23 §1: an editor previews a draft in the site's own template through a signed short-lived link
// (never cached, noindex, marked 预览), before submitting and in each column it is placed in; the
// same link refuses a signed-out visitor and an editor of another unit.

const TITLE = "区政府召开政务服务“好差评”工作推进会（预览测试）";
const COLUMN = "重庆市沙坪坝区人民政府 · 沙坪坝要闻";
const OUTSIDER = { username: "preview.culture.editor", displayName: "周文", password: "Preview-Outsider-2026" };

test("an editor previews a placed draft in the site's template; others cannot open the link", async ({
  page,
  browser,
}) => {
  await signIn(page, "editor");
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "政务动态" });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page).toHaveURL(/\/admin\/library\/[0-9a-f-]{36}$/);
  await page.getByLabel("标题", { exact: true }).fill(TITLE);
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type("会议通报了上半年政务服务评价情况，部署了下一阶段工作。");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();

  // Placed nowhere yet: the reason, and a preview in a column the editor could choose, before submitting.
  await page.reload();
  const previews = page.getByRole("region", { name: "网站模板预览" });
  await expect(previews).toContainText("尚未选择发布栏目");
  await previews.getByLabel("预览栏目").selectOption({ label: COLUMN });
  const [early] = await Promise.all([
    page.waitForEvent("popup"),
    previews.getByRole("button", { name: "在所选栏目中预览" }).click(),
  ]);
  await expect(early.getByRole("note", { name: "网站模板预览" })).toContainText("审核状态：未提交审核");
  await expect(early.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await early.close();

  // Placed on 沙坪坝要闻 by submitting it; one 预览 per placed site and column.
  const panel = page.getByRole("region", { name: "审核与发布" });
  await panel.getByLabel("沙坪坝区人民政府 · 沙坪坝要闻").check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
  await page.reload();
  const [preview] = await Promise.all([
    page.waitForEvent("popup"),
    previews.getByRole("button", { name: `预览：${COLUMN}` }).click(),
  ]);
  await expect(preview).toHaveURL(/\/admin\/preview\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  const link = preview.url();

  // The site's own frame and theme, the column's breadcrumb, the article, and the marker.
  const banner = preview.getByRole("note", { name: "网站模板预览" });
  await expect(banner).toContainText("预览");
  await expect(banner).toContainText("第 1 版");
  await expect(banner).toContainText("审核状态：审核中");
  await expect(banner).toContainText(/链接有效至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(preview.locator(".portal")).toHaveAttribute("data-theme", "classic");
  await expect(preview.getByRole("link", { name: "重庆市沙坪坝区人民政府" }).first()).toBeVisible();
  await expect(preview.getByRole("navigation", { name: "当前位置" })).toContainText("沙坪坝要闻");
  await expect(preview.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(preview.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(preview).toHaveTitle(/^【预览】/);
  await expectAccessible(preview);

  // Never cached, never indexed.
  const response = await preview.request.get(link);
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(response.headers()["cache-control"]).toContain("private");
  expect(response.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  expect(response.headers()["x-portal-cache"]).toBeUndefined();

  // Not public: the portal does not have it.
  await preview.goto("/");
  await expect(preview.getByRole("link", { name: TITLE })).toHaveCount(0);

  // An altered link says so.
  const altered = link.replace(/\.(.)/, (_, first: string) => `.${first === "A" ? "B" : "A"}`);
  const alteredResponse = await preview.goto(altered);
  expect(alteredResponse?.status()).toBe(404);
  await expect(preview.getByRole("heading", { name: "预览链接无效" })).toBeVisible();

  // A signed-out visitor with the same link is sent to sign in, and sees nothing of the draft.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(link);
  await expect(strangerPage).toHaveURL(/\/admin\/login/);
  await expect(strangerPage.getByText(TITLE)).toHaveCount(0);
  await stranger.close();

  // An editor of another unit, signed in, is refused.
  await createSettledUser({ ...OUTSIDER, orgName: "重庆市文化和旅游发展委员会", role: "EDITOR" });
  const outsider = await browser.newContext();
  const outsiderPage = await outsider.newPage();
  await signIn(outsiderPage, OUTSIDER.username, OUTSIDER.password);
  const refused = await outsiderPage.goto(link);
  expect(refused?.status()).toBe(403);
  await expect(outsiderPage.getByText("您不是该稿件的编辑或审核人员，不能预览。")).toBeVisible();
  await expect(outsiderPage.getByText(TITLE)).toHaveCount(0);
  await outsider.close();

  // The reviewer finds the same preview at the top of the review page.
  const reviewer = await browser.newContext();
  const reviewerPage = await reviewer.newPage();
  await signIn(reviewerPage, "reviewer");
  await reviewerPage.goto("/admin/review");
  await reviewerPage.getByRole("link", { name: TITLE }).first().click();
  await expect(
    reviewerPage.getByRole("region", { name: "网站模板预览" }).getByRole("button", { name: `预览：${COLUMN}` }),
  ).toBeVisible();
  await reviewer.close();
});
