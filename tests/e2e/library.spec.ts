import { expect, test, type Page } from "@playwright/test";
import { makeDocx, makePng } from "../fixtures/make-docx";
import { createSettledUser } from "./fixtures";
import { signIn } from "./helpers";

const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";

async function newResource(page: Page, kind: string) {
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: kind });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page).toHaveURL(/\/admin\/library\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  return page.url();
}

test("an editor writes an article with a table and an image, recovers the autosaved draft, saves twice and compares", async ({
  page,
}) => {
  await signIn(page, "editor");
  const url = await newResource(page, "政务动态");
  await page.getByLabel("标题", { exact: true }).fill("区政府召开政务公开工作推进会");
  const body = page.getByRole("textbox", { name: "正文" });
  await body.click();
  await page.keyboard.type("会议总结了上半年政务公开工作。");
  await page.getByRole("button", { name: "插入表格" }).click();
  await page.keyboard.type("单位");
  page.once("dialog", (dialog) => void dialog.accept("推进会现场"));
  await page
    .getByLabel("选择图片文件")
    .setInputFiles({ name: "现场.png", mimeType: "image/png", buffer: await makePng() });
  await expect(body.locator("img[alt='推进会现场']")).toBeVisible();
  await expect(body.locator("table")).toBeVisible();

  // Leave without saving, once the autosave has run.
  await expect(page.getByText(/已自动保存 \d{2}:\d{2}:\d{2}/)).toBeVisible({ timeout: 15_000 });
  await page.goto("/admin/library");
  await page.goto(url);
  await expect(page.getByText(/已恢复 .* 自动保存的内容/)).toBeVisible();
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue("区政府召开政务公开工作推进会");
  await expect(body).toContainText("会议总结了上半年政务公开工作。");
  await expect(body.locator("table")).toContainText("单位");
  await expect(body.locator("img[alt='推进会现场']")).toBeVisible();

  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();

  await body.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("会议要求各单位按时更新政府信息公开专栏。");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 2 版修订" })).toBeVisible();

  await page.goto(`${url}/history`);
  await expect(page.getByRole("row")).toHaveCount(3);
  await page.getByRole("button", { name: "比较" }).click();
  const newer = page.getByRole("region", { name: "第 2 版", exact: true });
  // The added sentence is marked (possibly in several runs: the word diff may align 单位 with the
  // table cell's 单位); the older side lacks it and has nothing removed.
  await expect(newer).toContainText("会议要求各单位按时更新政府信息公开专栏。");
  expect((await newer.locator("ins").allTextContents()).join("")).toContain("按时更新政府信息公开专栏");
  const older = page.getByRole("region", { name: "第 1 版", exact: true });
  await expect(older).not.toContainText("按时更新");
  await expect(older.locator("del")).toHaveCount(0);

  // The draft is found by a phrase of its text alone, in the library's full-text search.
  await page.goto("/admin/library");
  await page.getByRole("searchbox", { name: "全文检索（标题和正文，含草稿）" }).fill("按时更新政府信息公开专栏");
  await page.getByRole("button", { name: "检索" }).click();
  const results = page.getByRole("region", { name: "“按时更新政府信息公开专栏”的检索结果" });
  await expect(results.getByRole("link", { name: "区政府召开政务公开工作推进会" })).toBeVisible();
  await expect(results.locator("mark").first()).toHaveText("按时更新政府信息公开专栏");
  await expect(results.getByText("草稿", { exact: true })).toBeVisible();
});

test("an editor imports a .docx file into a new draft", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/admin/library/import");
  await page.getByLabel("Word 文档").setInputFiles({
    name: "检查通知.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: await makeDocx(),
  });
  await page.getByLabel("类型").selectOption({ label: "通知公告" });
  await page.getByRole("button", { name: "导入" }).click();
  await expect(page).toHaveURL(/\/admin\/library\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue("关于开展2026年政府网站内容检查的通知");
  const body = page.getByRole("textbox", { name: "正文" });
  await expect(body.getByRole("heading", { name: "一、检查范围" })).toBeVisible();
  await expect(body.locator("table")).toContainText("检查安排");
  await expect(body.locator("img")).toHaveCount(1);
  await expect(page.getByRole("link", { name: /修订历史（1 版）/ })).toBeVisible();
});

test("an editor creates an interpretation linked to a seed policy document", async ({ page }) => {
  await signIn(page, "editor");
  await newResource(page, "政策解读");
  await page.getByLabel("标题", { exact: true }).fill("一图读懂：推进政府网站和政务新媒体健康有序发展");
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type("本解读介绍实施意见的主要内容。");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("政策解读须关联至少一份所解读的政策文件").first()).toBeVisible();

  await page.getByLabel("关系").selectOption({ label: "解读" });
  await page.getByLabel("政策文件", { exact: true }).selectOption({ label: `${CITY_OPINION}（渝府办发〔2019〕64号）` });
  await page.getByRole("button", { name: "添加关联" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: `解读：${CITY_OPINION}` })).toBeVisible();
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
});

test("an editor of another host unit can neither list nor open a draft", async ({ page }) => {
  await signIn(page, "editor");
  const url = await newResource(page, "通知公告");
  await page.getByLabel("标题", { exact: true }).fill("内部草稿：不得外泄");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();

  await page.context().clearCookies();
  await createSettledUser({
    username: "wl.editor",
    displayName: "文旅编辑",
    orgName: "重庆市文化和旅游发展委员会",
    role: "EDITOR",
    password: "Wenlv-Editor-2026",
  });
  await signIn(page, "wl.editor", "Wenlv-Editor-2026");
  await page.goto("/admin/library?q=内部草稿");
  await expect(page.getByText("没有符合条件的稿件。")).toBeVisible();
  await page.goto(`/admin/library?text=${encodeURIComponent("不得外泄")}`);
  await expect(page.getByText("没有找到包含“不得外泄”的稿件。")).toBeVisible();
  const response = await page.goto(url);
  expect(response?.status()).toBe(404);
  // From this origin (what the editor's own fetch sends), so the refusal is the permission check's.
  const autosave = await page.request.post("/api/library/autosave", {
    headers: { origin: new URL(page.url()).origin },
    data: {
      resourceId: url.split("/").pop(),
      baseVersion: 1,
      title: "篡改",
      body: { type: "doc", content: [] },
      metadata: {},
    },
  });
  expect(autosave.status()).toBe(404);
});

test("an editor uploads to the media library, and a file whose bytes do not match its name is refused", async ({
  page,
}) => {
  await signIn(page, "editor");
  await page.goto("/admin/library/assets");
  const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
  await page
    .getByLabel("文件")
    .setInputFiles({ name: "政务公开工作要点.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已上传“政务公开工作要点.pdf”" })).toBeVisible();
  await expect(page.getByRole("link", { name: "政务公开工作要点.pdf" })).toBeVisible();
  const download = await page.request.get(
    (await page.getByRole("link", { name: "政务公开工作要点.pdf" }).getAttribute("href"))!,
  );
  expect(download.headers()["content-disposition"]).toContain(
    `filename*=UTF-8''${encodeURIComponent("政务公开工作要点.pdf")}`,
  );
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");

  await page.getByLabel("文件").setInputFiles({ name: "照片.png", mimeType: "image/png", buffer: pdf });
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByRole("status").filter({ hasText: "文件内容与扩展名 .png 不符" })).toBeVisible();
  await expect(page.getByRole("link", { name: "照片.png" })).toHaveCount(0);
});
