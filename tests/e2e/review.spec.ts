import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./helpers";

// Issue #5's journey on the seeded platform: the editor writes and submits a policy
// interpretation flagged major; the reviewer signs the five checks; the deputy (直接责任人) and
// the principal (第一责任人) approve; it appears on the portal in every column it was placed in.

const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";
const TITLE = "《关于推进政府网站和政务新媒体健康有序发展的实施意见》政策解读";
const CHECKS = ["政治关", "法律关", "政策关", "保密关", "文字关"];

async function openReview(page: Page, title: string) {
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  await expect(page).toHaveURL(/\/admin\/review\/[0-9a-f-]{36}$/);
}

test("a flagged interpretation goes through five checks, 直接责任人 and 第一责任人 to the portal", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "政策解读" });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  const resourceUrl = page.url();
  await page.getByLabel("标题", { exact: true }).fill(TITLE);
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type("一、出台背景。为进一步加强全市政府网站和政务新媒体建设管理，制定本实施意见。");
  await page.getByLabel("关系").selectOption({ label: "解读" });
  await page.getByLabel("政策文件", { exact: true }).selectOption({ label: `${CITY_OPINION}（渝府办发〔2019〕64号）` });
  await page.getByRole("button", { name: "添加关联" }).click();
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();

  // Submit: two columns of the district portal, published on approval, flagged major.
  await page.reload();
  const panel = page.getByRole("region", { name: "审核与发布" });
  await expect(panel.getByText("自动预检未发现问题。")).toBeVisible();
  await panel.getByLabel("沙坪坝区人民政府 · 政策解读").check();
  await panel.getByLabel("沙坪坝区人民政府 · 沙坪坝要闻").check();
  await panel.getByLabel("涉及敏感事件或全局性的重大信息").check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByRole("status").filter({ hasText: "标记为敏感或重大信息时请简要说明原因" })).toBeVisible();
  await panel.getByLabel("敏感或重大的说明").fill("涉及全市政府网站管理的全局性政策");
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中，当前环节：五关审核/)).toBeVisible();
  await signOut(page);

  // The author's own inbox is empty of it; the reviewer signs the five checks.
  await signIn(page, "reviewer");
  await page.goto("/admin/review");
  const row = page.getByRole("row").filter({ hasText: TITLE });
  await expect(row).toContainText("重大");
  await expect(row).toContainText("5 个关口");
  await openReview(page, TITLE);
  // One action signs every check the reviewer holds (each ticked by default), each recorded apart.
  await page.getByRole("button", { name: "签署所选关口" }).click();
  for (const check of CHECKS)
    await expect(page.getByRole("listitem").filter({ hasText: new RegExp(`^${check}：王磊 通过`) })).toBeVisible();
  await expect(page.getByText(/直接责任人审批（进行中）/)).toBeVisible();
  await signOut(page);

  await signIn(page, "deputy");
  await openReview(page, TITLE);
  await page.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(page.getByText("直接责任人审批（已完成）")).toBeVisible();
  await signOut(page);

  // Not public before the last required approval.
  await page.goto("/");
  await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);

  await signIn(page, "principal");
  await openReview(page, TITLE);
  await page.getByRole("button", { name: "签署第一责任人审批" }).click();
  await expect(page.getByText(/^状态：审核通过/)).toBeVisible();
  await page.getByRole("link", { name: "责任记录" }).click();
  const record = page.getByRole("table");
  for (const check of CHECKS) await expect(record.getByRole("row").filter({ hasText: check })).toContainText("王磊");
  await expect(record.getByRole("row").filter({ hasText: "直接责任人审批" })).toContainText("赵刚");
  await expect(record.getByRole("row").filter({ hasText: "第一责任人审批" })).toContainText("刘卫东");
  await expect(record.getByRole("row").filter({ hasText: "发布" }).last()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  expect((await download).suggestedFilename()).toMatch(/^审核发布责任记录-.*\.xlsx$/);
  await signOut(page);

  // On the portal, in both columns it was placed in.
  for (const slug of ["zcjd", "ywdt"]) {
    await page.goto(`/columns/${slug}`);
    await expect(page.getByRole("link", { name: TITLE })).toBeVisible();
  }
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const contentUrl = page.url();

  // 撤稿: the deputy withdraws it with a reason; the old link shows a notice.
  await signIn(page, "deputy");
  await page.goto(resourceUrl);
  const deputyPanel = page.getByRole("region", { name: "审核与发布" });
  await deputyPanel.getByText("撤稿（从所有网站栏目撤下）").click();
  page.once("dialog", (dialog) => void dialog.accept());
  await deputyPanel.getByRole("button", { name: "撤稿" }).click();
  await expect(deputyPanel.getByRole("status").filter({ hasText: "请填写撤稿原因" })).toBeVisible();
  await deputyPanel.getByLabel("撤稿原因").fill("政策原文已调整，解读需同步修改");
  page.once("dialog", (dialog) => void dialog.accept());
  await deputyPanel.getByRole("button", { name: "撤稿" }).click();
  await expect(deputyPanel.getByText(/已于 .* 撤稿：政策原文已调整/)).toBeVisible();
  await page.goto(contentUrl);
  await expect(page.getByText(/该信息已于 .* 撤回/)).toBeVisible();
  await page.goto("/columns/zcjd");
  await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);
});

test("pre-check findings are highlighted, a return needs a reason, and the author is told", async ({ page }) => {
  const title = "关于报送2026年度政务公开工作总结的通知";
  await signIn(page, "editor");
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "通知公告" });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  await page.getByLabel("标题", { exact: true }).fill(title);
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type("本通知属秘密，联系人电话13812345678，截止到12月20日。");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  await page.reload();
  const panel = page.getByRole("region", { name: "审核与发布" });
  const findings = panel.getByRole("list", { name: "自动预检结果" });
  await expect(findings.getByRole("listitem").filter({ hasText: "必须修改" })).toContainText("秘密");
  await expect(findings).toContainText("“截止到”应为“截至”");
  await panel.getByLabel("沙坪坝区人民政府 · 通知公告").check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
  // Under review there is nothing to publish yet.
  await expect(panel.getByRole("button", { name: "立即发布" })).toHaveCount(0);
  await signOut(page);

  await signIn(page, "reviewer");
  await openReview(page, title);
  await expect(page.getByTestId("review-text").locator("mark.mark-block")).toHaveText("秘密");
  await expect(page.getByTestId("review-text").locator("mark.mark-warn").first()).toHaveText("13812345678");
  // The return is the 保密关's: the other checks are unticked.
  for (const check of ["政治关", "法律关", "政策关", "文字关"])
    await page.getByRole("checkbox", { name: check }).uncheck();
  await page.getByLabel("审核意见").selectOption({ label: "退回修改" });
  await page.getByRole("button", { name: "签署所选关口" }).click();
  await expect(page.getByRole("status").filter({ hasText: "退回或不予发布时须填写理由" })).toBeVisible();
  await page.getByLabel("理由（退回或不予发布时必填）").fill("含密级字样，请删除后再送审");
  await page.getByRole("button", { name: "签署所选关口" }).click();
  await expect(page.getByText(/^状态：已退回/)).toBeVisible();
  await signOut(page);

  await signIn(page, "editor");
  await page.goto("/admin/review");
  await expect(page.getByRole("link", { name: `退回修改：${title}（含密级字样，请删除后再送审）` })).toBeVisible();
});
