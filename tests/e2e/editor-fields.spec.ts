import sharp from "sharp";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./helpers";

// Issue #23 §2: the editor fills 引题, 副标题, 作者, 责任编辑, 来源名称 and a title image with its focal
// point; after saving, the panels under the editor update without a reload; the item goes through
// review to the portal, which shows the fields; a correction keeps the first 发布时间 and shows
// 更新时间; 恢复此版本 in the history makes a new revision.

const TITLE = "区政府召开第12次常务会议";
const CHECKS = ["政治关", "法律关", "政策关", "保密关", "文字关"];

async function approveThroughReview(page: Page, title = TITLE) {
  await signIn(page, "reviewer");
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  await expect(page).toHaveURL(/\/admin\/review\/[0-9a-f-]{36}$/);
  // One action signs every check the reviewer holds, each recorded apart.
  await page.getByRole("button", { name: "签署所选关口" }).click();
  for (const check of CHECKS)
    await expect(page.getByRole("listitem").filter({ hasText: new RegExp(`^${check}：王磊 通过`) })).toBeVisible();
  await signOut(page);
  await signIn(page, "deputy");
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  await page.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(page.getByText(/^状态：审核通过/)).toBeVisible();
  await signOut(page);
}

test("article fields reach the portal, panels update on save, a correction keeps the first 发布时间", async ({
  page,
}) => {
  // One journey through two reviews and three roles.
  test.setTimeout(240_000);
  await signIn(page, "editor");
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "政务动态" });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  const editorUrl = page.url();
  const panel = page.getByRole("region", { name: "审核与发布" });
  await expect(panel.getByText("保存第一版后可提交审核。")).toBeVisible();

  await page.getByLabel("标题", { exact: true }).fill(TITLE);
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type("会议研究部署今冬明春安全生产和民生保障重点工作。");
  await page.getByLabel("引题").fill("聚焦民生保障");
  await page.getByLabel("副标题").fill("研究部署今冬明春重点工作");
  await page.getByLabel("作者", { exact: true }).fill("张敏");
  await page.getByLabel("责任编辑").fill("李静");
  await page.getByLabel("来源名称").fill("重庆日报");
  await page.getByLabel("外链").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("外链须为 http:// 或 https:// 开头的完整网址").first()).toBeVisible();
  await page.getByLabel("外链").fill("");

  // 标题图片: uploaded to the asset library, its focal point set by clicking the subject.
  const photo = await sharp({ create: { width: 800, height: 400, channels: 3, background: "#1d5fb3" } })
    .png()
    .toBuffer();
  await page.getByLabel("上传图片").setInputFiles({ name: "会场.png", mimeType: "image/png", buffer: photo });
  const picker = page.getByRole("img", { name: "标题图片" });
  await expect(picker).toBeVisible();
  const box = (await picker.boundingBox())!;
  await picker.click({ position: { x: box.width * 0.25, y: box.height * 0.75 } });
  await expect(page.getByLabel("焦点位置")).toHaveText("横 25%，纵 75%");
  await page.getByLabel("图片说明（替代文本）").fill("常务会议现场");

  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  // Without a reload: the publishing panel offers submission and the history counts the version.
  await expect(panel.getByText("保存第一版后可提交审核。")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "提交审核" })).toBeVisible();
  await expect(page.getByRole("link", { name: "修订历史（1 版）" })).toBeVisible();
  await expect(page.getByLabel("副标题")).toHaveValue("研究部署今冬明春重点工作");

  await panel.getByLabel("沙坪坝区人民政府 · 沙坪坝要闻").check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
  await signOut(page);
  await approveThroughReview(page);

  // The portal article: 引题 above the title, 副标题 below, 来源/作者/责任编辑 in the meta line.
  await page.goto("/columns/ywdt");
  await page.getByRole("link", { name: TITLE }).click();
  const article = page.locator("article.article");
  await expect(article.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(article.locator(".article-lead-title")).toHaveText("聚焦民生保障");
  await expect(article.locator(".article-subtitle")).toHaveText("研究部署今冬明春重点工作");
  const info = article.locator(".info");
  await expect(info).toContainText("来源：重庆日报");
  await expect(info).toContainText("作者：张敏");
  await expect(info).toContainText("责任编辑：李静");
  await expect(info).not.toContainText("更新时间");
  const published = await info.locator("time").first().textContent();
  expect(published).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  // The share card: the title image cut around its focal point.
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(ogImage).toMatch(/\/api\/assets\/[0-9a-f-]{36}\?variant=share&focus=0\.2\d*,0\.7\d*$/);
  const card = await page.request.get(new URL(ogImage!).pathname + new URL(ogImage!).search);
  expect(card.status()).toBe(200);
  expect(card.headers()["content-type"]).toBe("image/jpeg");
  expect(await sharp(await card.body()).metadata()).toMatchObject({ width: 1200, height: 630 });

  // A correction: edited, saved (the history link follows without a reload), reviewed, published.
  await signIn(page, "editor");
  await page.goto(editorUrl);
  await page.getByLabel("作者", { exact: true }).fill("张敏 王芳");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 2 版修订" })).toBeVisible();
  await expect(page.getByRole("link", { name: "修订历史（2 版）" })).toBeVisible();
  await panel.getByText("提交第 2 版审核").click();
  await panel.getByLabel("更正说明（可选，发布后显示在正文上方）").fill("补充作者署名。");
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 2 版审核中/)).toBeVisible();
  await signOut(page);
  await approveThroughReview(page);

  await page.goto("/columns/ywdt");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(info).toContainText("作者：张敏 王芳");
  await expect(info.locator("time").first()).toHaveText(published!);
  await expect(info).toContainText("更新时间");
  await expect(page.getByRole("complementary", { name: "更正说明" })).toContainText("补充作者署名。");

  // 恢复此版本: version 1's content becomes version 3; the first two stay in the history.
  await signIn(page, "editor");
  await page.goto(`${editorUrl}/history`);
  const firstRow = page.getByRole("row").filter({ hasText: "第 1 版" });
  page.once("dialog", (dialog) => void dialog.accept());
  await firstRow.getByRole("button", { name: "恢复此版本" }).click();
  await expect(firstRow.getByRole("status")).toHaveText("已将第 1 版的内容恢复为第 3 版。");
  await expect(page.getByRole("row").filter({ hasText: "当前版本" })).toContainText("第 3 版");
  await page.goto(editorUrl);
  await expect(page.getByLabel("作者", { exact: true })).toHaveValue("张敏");
});

test("an item with 外链 is listed on the portal and its page passes the leaving notice", async ({ page }) => {
  test.setTimeout(180_000);
  const title = "重庆日报：我区智慧政务平台上线";
  const link = "https://www.cqrb.cn/content/2026-12/06/content_1.htm";
  await signIn(page, "editor");
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "政务动态" });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  await page.getByLabel("标题", { exact: true }).fill(title);
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type("全文见重庆日报。");
  await page.getByLabel("外链").fill(link);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  const panel = page.getByRole("region", { name: "审核与发布" });
  await panel.getByLabel("沙坪坝区人民政府 · 沙坪坝要闻").check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
  await signOut(page);
  await approveThroughReview(page, title);

  await page.goto("/columns/ywdt");
  const item = page.getByRole("listitem").filter({ hasText: title });
  await expect(item).toContainText("外链");
  await item.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(/\/leaving\?to=/);
  await expect(page.getByRole("heading", { name: "您即将离开本网站" })).toBeVisible();
  await expect(page.getByRole("link", { name: "继续访问" })).toHaveAttribute("href", link);
});
