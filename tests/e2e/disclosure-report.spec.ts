import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import mammoth from "mammoth";
import { createSettledUser } from "./fixtures";
import { E2E } from "./env";
import { expectAccessible, signIn, signOut } from "./helpers";

// #27 item 5: the district's disclosure office opens its 政府信息公开工作年度报告 of 2026 (seeded in
// preparation, 行政强制 not yet entered), enters that row with its reason, sees the balance check of
// table 三, drafts the report for review and exports it as a .docx in 公文 layout; another unit's
// office cannot open it.

const DISTRICT = "重庆市沙坪坝区人民政府";
const CULTURE = "重庆市文化和旅游发展委员会";
const tag = Date.now().toString(36).slice(-5);

test("the office enters a row, sees the balance, drafts the 2026 report and exports the .docx", async ({ page }) => {
  test.setTimeout(180_000);
  await createSettledUser({
    username: `gkb-${tag}`,
    displayName: `公开办${tag}`,
    orgName: DISTRICT,
    role: "DISCLOSURE_OFFICER",
    password: E2E.password,
  });
  await signIn(page, `gkb-${tag}`);
  await page.getByRole("link", { name: "公开年报" }).click();
  await expect(page.getByRole("heading", { name: "政府信息公开工作年度报告" })).toBeVisible();
  await page.getByRole("link", { name: `${DISTRICT}2026年报` }).click();
  await expect(page.getByRole("heading", { name: `${DISTRICT}2026年政府信息公开工作年度报告` })).toBeVisible();
  await expect(page.getByTestId("report-balance")).toHaveText(/勾稽关系成立/);
  await expect(page.getByText("尚未填报：表二 行政强制：本年处理决定数量")).toBeVisible();
  await expectAccessible(page);

  // Enter the missing row, with its reason.
  await page.getByLabel("单元格").selectOption({ label: "表二 行政强制：本年处理决定数量" });
  await page.getByLabel("数值").fill("57");
  await page.getByLabel("填报说明").fill("据区司法局行政执法监督平台统计");
  await page.getByRole("button", { name: "保存填报" }).click();
  await expect(page.getByText("已保存填报数据。")).toBeVisible();
  await expect(page.getByTestId("report-entries")).toContainText(
    `表二 行政强制：本年处理决定数量 = 57（公开办${tag} 于`,
  );
  await expect(page.getByText(/尚未填报/)).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: "行政强制" });
  await expect(row.getByRole("cell").last()).toHaveText("57");

  // A correction of table 三 is kept beside the computed figure, and the balance rule applies to it;
  // taken back (an empty figure), the computed figures stand again.
  const newRow = page.getByRole("row").filter({ hasText: "一、本年新收政府信息公开申请数量" });
  const computed = Number(await newRow.getByRole("cell").first().textContent());
  await page.getByLabel("行", { exact: true }).selectOption({ label: "一、本年新收政府信息公开申请数量" });
  await page.getByLabel("申请人类型").selectOption({ label: "自然人" });
  await page.getByLabel("修改后的件数").fill(String(computed + 1));
  await page.getByLabel("修改说明").fill("平台启用前收到纸质申请 1 件");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByText("已保存表三的修改。")).toBeVisible();
  await expect(page.getByTestId("report-overrides")).toContainText(
    `自动统计 ${computed}，修改为 ${computed + 1}（公开办${tag} 于`,
  );
  await expect(page.getByTestId("report-balance")).toContainText("自然人列");
  await page.getByLabel("行", { exact: true }).selectOption({ label: "一、本年新收政府信息公开申请数量" });
  await page.getByLabel("申请人类型").selectOption({ label: "自然人" });
  await page.getByLabel("修改后的件数").fill("");
  await page.getByLabel("修改说明").fill("纸质申请已补录入平台");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByTestId("report-balance")).toHaveText(/勾稽关系成立/);
  await expect(page.getByTestId("report-overrides")).toHaveText("表三数据均为自动统计，未经人工修改。");

  // Draft it for review: the report becomes a library item in review.
  await page.getByRole("button", { name: "生成年报并提交审核" }).click();
  await expect(page.getByTestId("report-state")).toContainText("审核中");
  await expect(page.getByRole("button", { name: "保存填报" })).toHaveCount(0);

  // Export the .docx: the drafted revision in 公文 layout.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 Word（.docx）" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${DISTRICT}2026年政府信息公开工作年度报告.docx`);
  const { value } = await mammoth.extractRawText({ buffer: await readFile((await download.path())!) });
  expect(value).toContain("三、收到和处理政府信息公开申请情况");
  expect(value).toContain("行政强制");
  expect(value).toContain("57");
  const reportUrl = page.url();

  // Another unit's disclosure office: not found.
  await signOut(page);
  await createSettledUser({
    username: `wlw-gkb-${tag}`,
    displayName: `文旅公开办${tag}`,
    orgName: CULTURE,
    role: "DISCLOSURE_OFFICER",
    password: E2E.password,
  });
  await signIn(page, `wlw-gkb-${tag}`);
  const response = await page.goto(reportUrl);
  expect(response?.status()).toBe(404);
  const exported = await page.request.get(`${reportUrl}/export?format=docx`);
  expect(exported.status()).toBe(404);
});
