import { expect, test, type Locator, type Page } from "@playwright/test";
import { makePng } from "../fixtures/make-docx";
import { expectAccessible, signIn, signOut } from "./helpers";

// Issue #23 §1: what reviewers sign is what the public sees. An editor writes an item with an
// image, a table with merged cells and an attachment, and submits it; the reviewer's page shows
// it rendered as the portal renders it and signs all five checks in one action; once published,
// the portal's article fragment is the very fragment the reviewer read.

const TITLE = "沙坪坝区2026年政务公开重点任务安排";
const CHECKS = ["政治关", "法律关", "政策关", "保密关", "文字关"];
const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

/** The rendered article fragment: its body and its attachment list, as HTML. */
async function articleFragment(article: Locator) {
  return {
    body: await article.locator(".article-body").innerHTML(),
    attachments: await article.locator("section.attachments").innerHTML(),
  };
}

async function expectImageShown(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
}

async function openReview(page: Page) {
  await page.goto("/admin/review");
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page).toHaveURL(/\/admin\/review\/[0-9a-f-]{36}$/);
}

test("the reviewer signs the item exactly as the portal publishes it, all checks in one action", async ({ page }) => {
  let resourceUrl = "";
  await test.step("the editor writes an item with an image, a merged table and an attachment", async () => {
    await signIn(page, "editor");
    await page.goto("/admin/library/new");
    await page.getByLabel("类型").selectOption({ label: "政务动态" });
    await page.getByRole("button", { name: "开始编辑" }).click();
    await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
    resourceUrl = page.url();
    await page.getByLabel("标题", { exact: true }).fill(TITLE);
    const body = page.getByRole("textbox", { name: "正文" });
    await body.click();
    await page.keyboard.type("区政府办公室印发今年政务公开重点任务，请各单位抓好落实。");
    await page
      .getByLabel("选择附件文件")
      .setInputFiles({ name: "重点任务清单.pdf", mimeType: "application/pdf", buffer: PDF });
    await expect(body.getByRole("link", { name: "附件：重点任务清单.pdf" })).toBeVisible();
    await page.keyboard.press("Enter");
    await page.keyboard.type("（此件公开发布）");
    await page.getByRole("button", { name: "居中" }).click();
    await expect(body.locator("p[style*='text-align']").filter({ hasText: "（此件公开发布）" })).toHaveCount(1);
    await page.keyboard.press("Enter");
    page.once("dialog", (dialog) => void dialog.accept("重点任务分布图"));
    await page
      .getByLabel("选择图片文件")
      .setInputFiles({ name: "分布图.png", mimeType: "image/png", buffer: await makePng() });
    await expect(body.locator("img[alt='重点任务分布图']")).toBeVisible();
    // Past the (selected) image to a paragraph of its own, so the table does not replace it.
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");

    // A 3×3 table whose first two header cells are merged.
    await page.getByRole("button", { name: "插入表格" }).click();
    await page.keyboard.press("Shift+ArrowRight");
    await page.getByRole("button", { name: "合并单元格" }).click();
    await page.keyboard.type("任务");
    await page.keyboard.press("Tab");
    await page.keyboard.type("时限");
    await page.keyboard.press("Tab");
    await page.keyboard.type("政策解读");
    await page.keyboard.press("Tab");
    await page.keyboard.type("同步发布");
    await page.keyboard.press("Tab");
    await page.keyboard.type("全年");
    await expect(body.locator("th[colspan='2']")).toContainText("任务");

    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  });

  let previewed = { body: "", attachments: "" };
  await test.step("the editor previews it in the site's template before submitting", async () => {
    await page.reload();
    const previews = page.getByRole("region", { name: "网站模板预览" });
    await previews.getByLabel("预览栏目").selectOption({ label: "重庆市沙坪坝区人民政府 · 沙坪坝要闻" });
    const [preview] = await Promise.all([
      page.waitForEvent("popup"),
      previews.getByRole("button", { name: "在所选栏目中预览" }).click(),
    ]);
    await expect(preview.getByRole("note", { name: "网站模板预览" })).toContainText("审核状态：未提交审核");
    const article = preview.locator("article.article");
    await expect(article.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expectImageShown(article.locator("img[alt='重点任务分布图']"));
    await expect(article.locator("th[colspan='2']")).toHaveText("任务");
    previewed = await articleFragment(article);
    await preview.close();
  });

  await test.step("the editor submits it for the district's 沙坪坝要闻", async () => {
    await page.reload();
    const panel = page.getByRole("region", { name: "审核与发布" });
    await panel.getByLabel("沙坪坝区人民政府 · 沙坪坝要闻").check();
    await panel.getByRole("button", { name: "提交审核" }).click();
    await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
    await signOut(page);
  });

  let signed = { body: "", attachments: "" };
  await test.step("the reviewer reads it as the portal renders it and signs all checks in one action", async () => {
    await signIn(page, "reviewer");
    await openReview(page);
    const article = page.getByTestId("review-article");
    await expectImageShown(article.locator("img[alt='重点任务分布图']"));
    await expect(article.locator("th[colspan='2']")).toHaveText("任务");
    await expect(article.getByRole("link", { name: "重点任务清单.pdf" }).first()).toBeVisible();
    await expect(article.locator("p[style*='text-align:center']").filter({ hasText: "（此件公开发布）" })).toHaveCount(
      1,
    );
    signed = await articleFragment(article);
    await expectAccessible(page);

    const checks = page.getByRole("group", { name: /签署的关口/ });
    for (const check of CHECKS) await expect(checks.getByRole("checkbox", { name: check })).toBeChecked();
    await page.getByRole("button", { name: "签署所选关口" }).click();
    for (const check of CHECKS)
      await expect(page.getByRole("listitem").filter({ hasText: new RegExp(`^${check}：王磊 通过`) })).toBeVisible();
    await expect(page.getByText(/直接责任人审批（进行中）/)).toBeVisible();
    // Nothing expected is shown as an error after a valid signing.
    await expect(page.getByText("同一人不能签署两个环节")).toHaveCount(0);
    await expect(page.locator("p.form-error")).toHaveCount(0);
    await expect(page.getByRole("note").filter({ hasText: "我已签署" })).toContainText("文字关 通过");
    await expect(page.getByRole("button", { name: /^签署/ })).toHaveCount(0);
    await signOut(page);
  });

  await test.step("the deputy approves and it is published", async () => {
    await signIn(page, "deputy");
    await openReview(page);
    await page.getByRole("button", { name: "签署直接责任人审批" }).click();
    await expect(page.getByText(/^状态：审核通过/)).toBeVisible();
    // After publication the review page still shows the fragment the reviewer signed.
    await page.reload();
    expect(await articleFragment(page.getByTestId("review-article"))).toEqual(signed);
    await signOut(page);
  });

  await test.step("the published page shows the image and the table exactly as the reviewer saw them", async () => {
    await page.goto("/columns/ywdt");
    await page.getByRole("link", { name: TITLE }).click();
    const article = page.locator("article.article");
    await expect(article.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expectImageShown(article.locator("img[alt='重点任务分布图']"));
    expect(await articleFragment(article)).toEqual(signed);
    // The preview in the site's template showed the same fragment before anyone signed.
    expect(previewed).toEqual(signed);
  });

  await test.step("a correction keeps the first 发布时间 and shows 更新时间 beside it", async () => {
    const info = page.locator("article.article .info");
    await expect(info).not.toContainText("更新时间");
    const firstPublished = await info.locator("time").first().textContent();
    expect(firstPublished).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    await signIn(page, "editor");
    await page.goto(resourceUrl);
    const body = page.getByRole("textbox", { name: "正文" });
    await body.getByText("请各单位抓好落实。").click();
    await page.keyboard.press("End");
    await page.keyboard.type("落实情况于年底前报区政府办公室。");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "已保存为第 2 版修订" })).toBeVisible();
    const panel = page.getByRole("region", { name: "审核与发布" });
    await panel.getByText("提交第 2 版审核").click();
    await panel.getByLabel("更正说明（可选，发布后显示在正文上方）").fill("补充报送要求。");
    await panel.getByRole("button", { name: "提交审核" }).click();
    await expect(panel.getByText(/第 2 版审核中/)).toBeVisible();
    await signOut(page);

    await signIn(page, "reviewer");
    await openReview(page);
    // The rendered diff marks what the correction inserts.
    await expect(
      page.locator(".rendered-diff ins").filter({ hasText: "落实情况于年底前报区政府办公室" }),
    ).toBeVisible();
    await page.getByRole("button", { name: "签署所选关口" }).click();
    await expect(page.getByText(/直接责任人审批（进行中）/)).toBeVisible();
    await signOut(page);
    await signIn(page, "deputy");
    await openReview(page);
    await page.getByRole("button", { name: "签署直接责任人审批" }).click();
    await expect(page.getByText(/^状态：审核通过/)).toBeVisible();
    await signOut(page);

    await page.goto("/columns/ywdt");
    await page.getByRole("link", { name: TITLE }).click();
    await expect(page.locator("article.article .article-body")).toContainText("落实情况于年底前报区政府办公室。");
    await expect(info.locator("time").first()).toHaveText(firstPublished!);
    await expect(info).toContainText("更新时间");
  });
});
