import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// The back office's list tables (components/ui/data-table.tsx) on the seeded platform: each page
// that no journey spec opens shows its table under an accessible name, with its column headers,
// and either rows or its Chinese empty message.

async function expectTable(page: Page, name: string, headers?: string[]) {
  const table = page.getByRole("table", { name, exact: true });
  if (headers) await expect(table.getByRole("columnheader")).toHaveText(headers);
  else await expect(table).toBeVisible();
  return table;
}

test("the system administrator's tables: dashboard, registry chain, workflows, themes, holidays, permissions, responsibilities", async ({
  page,
}) => {
  await signIn(page, "admin");
  // The dashboard's summary tables keep their headers for screen readers only.
  const library = await expectTable(page, "资源库概况", ["类型", "数量"]);
  await expect(library.getByRole("rowheader").first()).toBeVisible();

  await page.goto("/admin/registry/chain");
  await expectTable(page, "审批环节", ["顺序", "环节名称", "审批角色", "审批范围", "删除"]);

  await page.goto("/admin/workflows");
  const stages = await expectTable(page, "新流程的审核环节", ["顺序", "环节名称", "类型", "角色", "审核关口", "适用"]);
  await expect(stages.getByRole("textbox", { name: "第 1 环节名称" })).toBeVisible();

  await page.goto("/admin/themes");
  const themes = await expectTable(page, "主题分类列表", ["编码", "名称"]);
  await expect(themes.getByRole("button", { name: "改名" }).first()).toBeVisible();

  await page.goto("/admin/calendar?year=2099");
  const empty = await expectTable(page, "2099 年节假日安排", ["日期", "星期", "安排", "节日", "操作"]);
  await expect(empty.getByRole("cell")).toHaveText(["2099 年尚未录入节假日安排。"]);

  await page.goto("/admin/permissions");
  const permissions = await expectTable(page, "权限对照表");
  await expect(permissions.getByRole("rowheader", { name: /查看权限对照表/ })).toBeVisible();
  await expect(permissions.getByRole("cell", { name: "允许" }).first()).toBeVisible();

  await page.goto("/admin/orgs");
  await page.getByRole("link", { name: "责任人" }).first().click();
  await expect(page).toHaveURL(/\/admin\/orgs\/[0-9a-f-]{36}$/);
  await expectTable(page, "第一责任人任职记录", ["姓名", "起", "止", "指定人"]);
  await expectTable(page, "直接责任人任职记录", ["姓名", "起", "止", "指定人"]);
});

test("the site administrator's sites and columns, and the supervisor's 同源核验", async ({ page }) => {
  await signIn(page, "siteadmin");
  await page.goto("/admin/sites");
  const sites = await expectTable(page, "网站列表", ["网站", "网站标识码", "主办单位", "域名", "主题", "栏目数"]);
  await sites.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/sites\/[0-9a-f-]{36}$/);
  const columns = await expectTable(page, "栏目列表", ["栏目", "路径", "类型", "上级栏目", "稿件数", "操作"]);
  await expect(columns.getByRole("row").nth(1)).toContainText("/columns/");

  await page.context().clearCookies();
  await signIn(page, "supervisor");
  await page.goto("/admin/channels/verify");
  for (const name of ["内容不一致", "缺少分发", "渠道滞后"])
    await expectTable(page, name, ["渠道", "稿件", "核验结果"]);
});
