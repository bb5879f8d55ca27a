import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, submitSignIn } from "./helpers";
import { adoptSubmission, createDepartmentSubmission, DEPARTMENT } from "./statistics-fixtures";

// 稿件统计 and 报送任务, issue #29 items 2 and 6: a district department's 信息员 sees on the quota
// page and the statistics page (charts and tables) that their item submitted to the district portal
// counts, and both move when the portal adopts it; the portal's site administrator sets the
// department's quota and downloads the year's ranking. The submission and its adoption are written
// to the database by the fixture (the 报送/采用 pages are item 1's, on another branch).

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await submitSignIn(page, username);
  // The first sign-in of a run also warms the server up: on a busy machine it takes longer than 5 s.
  await expect(page).toHaveURL(/\/admin(\/account)?$/, { timeout: 30_000 });
  return page;
}

const unitRow = (page: Page, table: string) =>
  page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: DEPARTMENT });

test("a department's progress shows on the statistics and quota pages and moves when its submission is adopted", async ({
  browser,
}) => {
  const { submissionId, districtId } = await createDepartmentSubmission("sjj-officer");
  const officer = await staffPage(browser, "sjj-officer");

  // 报送任务: the department's default quota (5), one submitted this month, none adopted yet.
  await officer.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "报送任务" }).click();
  await expect(officer.getByRole("heading", { level: 1, name: "报送任务" })).toBeVisible();
  const quota = officer.getByRole("table").first().getByRole("row").filter({ hasText: DEPARTMENT });
  await expect(quota.getByRole("cell")).toHaveText(["5（默认）", "1", "0", "20%", "4", "未完成"]);
  // Only the department's own row: not the other units submitting to the portal.
  await expect(officer.getByRole("table").first().getByRole("row")).toHaveCount(2);
  const chart = officer.getByRole("img", { name: /各报送单位本月完成进度条形图/ });
  await expect(chart).toBeVisible();
  const svg = await officer.request.get((await chart.getAttribute("src"))!);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain("<svg");
  await expectAccessible(officer);

  // 稿件统计: the unit's row counts the submission; the charts are there with their tables.
  await officer.getByRole("link", { name: "稿件统计", exact: true }).first().click();
  await expect(officer.getByRole("heading", { level: 1, name: "稿件统计" })).toBeVisible();
  const stats = unitRow(officer, "按单位");
  // 撰写 1, 报送 1, 采用 0, 发布 1 (the columns after the unit's name).
  await expect(stats.getByRole("cell").nth(1)).toHaveText("1");
  await expect(stats.getByRole("cell").nth(2)).toHaveText("0");
  for (const name of [/各单位稿件数柱状图/, /月度趋势图/])
    await expect(officer.getByRole("img", { name })).toBeVisible();
  await expect(officer.getByText("统计口径")).toBeVisible();
  await expectAccessible(officer);

  // The portal adopts it: both pages move.
  await adoptSubmission(submissionId);
  await officer.reload();
  await expect(unitRow(officer, "按单位").getByRole("cell").nth(2)).toHaveText("1");
  await officer.goto("/admin/statistics/quotas");
  await expect(
    officer.getByRole("table").first().getByRole("row").filter({ hasText: DEPARTMENT }).getByRole("cell"),
  ).toHaveText(["5（默认）", "1", "1", "20%", "4", "未完成"]);

  // The district government's figures are not the department's to see.
  const district = await officer.goto(`/admin/statistics?unitId=${districtId}`);
  expect(district?.status()).toBe(404);

  // The portal's site administrator sees every submitting unit, sets the department's quota and
  // downloads the ranking.
  const admin = await staffPage(browser, "siteadmin");
  await admin.goto("/admin/statistics/quotas");
  const adminRow = admin.getByRole("row").filter({ hasText: DEPARTMENT });
  await expect(adminRow.getByRole("cell").first()).toHaveText("5（默认）");
  await admin.getByLabel("单位", { exact: true }).first().selectOption({ label: DEPARTMENT });
  await admin.getByLabel("每月任务（条）").first().fill("1");
  await admin.getByRole("button", { name: "保存" }).first().click();
  await expect(admin.getByText(`已将${DEPARTMENT}的每月报送任务设为 1 条。`)).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole("row").filter({ hasText: DEPARTMENT }).getByRole("cell")).toHaveText([
    "1（已设置）",
    "1",
    "1",
    "100%",
    "0",
    "已完成",
  ]);

  await admin.getByRole("link", { name: "年度报送排名" }).click();
  const ranked = admin.getByRole("row").filter({ hasText: DEPARTMENT }).first();
  await expect(ranked).toBeVisible();
  const download = admin.waitForEvent("download");
  await admin.getByRole("link", { name: "导出 XLSX" }).click();
  expect((await download).suggestedFilename()).toMatch(/年度报送排名\.xlsx$/);
  await expectAccessible(admin);

  // The department's 信息员 has no export.
  await officer.goto("/admin/statistics/ranking");
  await expect(
    officer
      .getByRole("table", { name: /单位排名/ })
      .getByRole("row")
      .filter({ hasText: DEPARTMENT }),
  ).toBeVisible();
  await expect(officer.getByRole("link", { name: "导出 XLSX" })).toHaveCount(0);
});
