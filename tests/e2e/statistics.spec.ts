import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, signOut, submitSignIn } from "./helpers";
import { createDepartment, DEPARTMENT, DISTRICT } from "./statistics-fixtures";

// 稿件统计 and 报送任务, issue #29 items 1, 2 and 6 (the Done-when journey): a district department's
// 信息员 submits two approved items to the district portal from its library pages; the portal's
// editor adopts one into a column and returns the other with a reason, through 来稿; the
// department's quota page and statistics page (charts and tables) move — submitted 2, adopted 1,
// returned 1 — and the second shows as returned. The portal's site administrator sets the
// department's quota and downloads the year's ranking. Only the background (the department, its
// 信息员 and its two approved items) is written by the fixture.

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await submitSignIn(page, username);
  // The first sign-in of a run also warms the server up: on a busy machine it takes longer than 5 s.
  await expect(page).toHaveURL(/\/admin(\/account)?$/, { timeout: 30_000 });
  return page;
}

const unitRow = (page: Page, table: string) =>
  page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: DEPARTMENT });

test("a department submits to the portal; one adopted, one returned; its statistics and quota move", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36);
  const adoptedTitle = `区审计局开展重点民生资金专项审计 ${suffix}`;
  const returnedTitle = `区审计局召开审计整改工作会议 ${suffix}`;
  const reason = "会议信息缺少整改成效，请补充后重新报送。";
  const {
    districtId,
    itemIds: [adoptedId, returnedId],
  } = await createDepartment("sjj-officer", [adoptedTitle, returnedTitle]);
  const officer = await staffPage(browser, "sjj-officer");

  // 报送任务 before: the department's default quota (5), nothing submitted this month.
  await officer.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "报送任务" }).click();
  await expect(officer.getByRole("heading", { level: 1, name: "报送任务" })).toBeVisible();
  const quotaCells = () =>
    officer.getByRole("table").first().getByRole("row").filter({ hasText: DEPARTMENT }).getByRole("cell");
  await expect(quotaCells()).toHaveText(["5（默认）", "0", "0", "0%", "5", "未完成"]);

  // 报送: each approved item from its library page, to the district portal.
  for (const id of [adoptedId!, returnedId!]) {
    await officer.goto(`/admin/library/${id}`);
    const panel = officer.getByRole("region", { name: "报送", exact: true });
    await panel.getByLabel("报送网站").selectOption({ label: DISTRICT });
    await panel.getByRole("button", { name: "报送", exact: true }).click();
    await expect(panel).toContainText(`待采用：${DISTRICT}`);
  }

  // 报送任务: two submitted, none adopted yet; only the department's own row.
  await officer.goto("/admin/statistics/quotas");
  await expect(quotaCells()).toHaveText(["5（默认）", "2", "0", "40%", "3", "未完成"]);
  await expect(officer.getByRole("table").first().getByRole("row")).toHaveCount(2);
  const chart = officer.getByRole("img", { name: /各报送单位本月完成进度条形图/ });
  await expect(chart).toBeVisible();
  const svg = await officer.request.get((await chart.getAttribute("src"))!);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain("<svg");
  await expectAccessible(officer);

  // 稿件统计: 报送 2, 采用 0, 退回 0 (cells after the unit's name: 撰写, 报送, 采用, 发布, 退回).
  await officer.getByRole("link", { name: "稿件统计", exact: true }).first().click();
  await expect(officer.getByRole("heading", { level: 1, name: "稿件统计" })).toBeVisible();
  await expect(unitRow(officer, "按单位").getByRole("cell").nth(1)).toHaveText("2");
  await expect(unitRow(officer, "按单位").getByRole("cell").nth(2)).toHaveText("0");
  await expect(unitRow(officer, "按单位").getByRole("cell").nth(4)).toHaveText("0");
  for (const name of [/各单位稿件数柱状图/, /月度趋势图/])
    await expect(officer.getByRole("img", { name })).toBeVisible();
  await expect(officer.getByText("统计口径")).toBeVisible();
  await expectAccessible(officer);

  // The portal's editor adopts the first into 部门动态 and returns the second with a reason.
  const editor = await staffPage(browser, "editor");
  await editor.goto("/admin/submissions/desk?state=SUBMITTED");
  await editor.getByRole("row").filter({ hasText: adoptedTitle }).getByRole("link", { name: adoptedTitle }).click();
  const adopt = editor.getByRole("region", { name: "采用", exact: true });
  await adopt.getByLabel("部门动态").check();
  await adopt.getByRole("button", { name: "采用", exact: true }).click();
  await expect(editor.locator("dl.facts")).toContainText("已采用");
  await editor.goto("/admin/submissions/desk?state=SUBMITTED");
  await editor.getByRole("row").filter({ hasText: returnedTitle }).getByRole("link", { name: returnedTitle }).click();
  const giveBack = editor.getByRole("region", { name: "退回", exact: true });
  await giveBack.getByLabel("退回理由").fill(reason);
  await giveBack.getByRole("button", { name: "退回", exact: true }).click();
  await expect(editor.locator("dl.facts")).toContainText("已退回");
  await signOut(editor);

  // Both pages move: adopted 1, returned 1; the second shows as returned, with the reason.
  await officer.reload();
  await expect(unitRow(officer, "按单位").getByRole("cell").nth(1)).toHaveText("2");
  await expect(unitRow(officer, "按单位").getByRole("cell").nth(2)).toHaveText("1");
  await expect(unitRow(officer, "按单位").getByRole("cell").nth(4)).toHaveText("1");
  await officer.goto("/admin/statistics/quotas");
  await expect(quotaCells()).toHaveText(["5（默认）", "2", "1", "40%", "3", "未完成"]);
  await officer.goto("/admin/submissions");
  const returned = officer.getByRole("row").filter({ hasText: returnedTitle });
  await expect(returned).toContainText("已退回");
  await expect(returned).toContainText(reason);
  await expect(officer.getByRole("row").filter({ hasText: adoptedTitle })).toContainText("已采用");

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
  await admin.getByLabel("每月任务（条）").first().fill("2");
  await admin.getByRole("button", { name: "保存" }).first().click();
  await expect(admin.getByText(`已将${DEPARTMENT}的每月报送任务设为 2 条。`)).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole("row").filter({ hasText: DEPARTMENT }).getByRole("cell")).toHaveText([
    "2（已设置）",
    "2",
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
