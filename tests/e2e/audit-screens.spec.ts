import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectAccessible, signIn, signOut, submitSignIn } from "./helpers";

// The audit log as an 等保 assessor reads it (#23 §4): actions named in Chinese, never as codes;
// a filter by category from a list; a record's before/after as a table with Chinese field names.

/** An action code as the code base writes them (auth.sign_in.failure, security.settings.update …). */
const ACTION_CODE = /\b[a-z]+(\.[a-z_]+)+\b/;

/** The table's visible text, without the login names people chose (which may contain dots). */
async function tableText(table: Locator): Promise<string> {
  return table.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const login of copy.querySelectorAll(".login-name")) login.remove();
    return copy.innerText;
  });
}

async function setLockoutMinutes(page: Page, minutes: string) {
  await page.goto("/admin/security");
  await page.getByLabel("锁定时长（分钟）").fill(minutes);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "安全策略已保存" })).toBeVisible();
}

test("the audit administrator reads the log in words, filters by category and opens a before/after table", async ({
  page,
}) => {
  // Something to read: a failed sign-in, and a change of the security policy (before/after).
  await submitSignIn(page, "editor", "Wrong-Passw0rd-1");
  await expect(page.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toBeVisible();
  await signIn(page, "secadmin");
  await page.goto("/admin/security");
  const original = await page.getByLabel("锁定时长（分钟）").inputValue();
  const changed = original === "20" ? "25" : "20";
  await setLockoutMinutes(page, changed);
  await signOut(page);

  await signIn(page, "auditor");
  await page.goto("/admin/audit");
  const table = page.getByRole("table", { name: "审计日志" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  await expect(table).toContainText("登录失败");
  await expect(table).toContainText("修改安全策略");
  expect(await tableText(table)).not.toMatch(ACTION_CODE);
  // The filter offers categories from a list; there is no free "action prefix" box.
  await expect(page.getByPlaceholder("如 auth.sign_in")).toHaveCount(0);
  await expect(page.getByLabel("操作类别").getByRole("option", { name: "登录与账号" })).toHaveCount(1);
  await expectAccessible(page);

  // Filter by category: only sign-ins and account events remain, still in words.
  await page.getByLabel("操作类别").selectOption({ label: "登录与账号" });
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/category=account/);
  const rows = table.getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  const count = await rows.count();
  for (let index = 1; index < count; index += 1)
    await expect(rows.nth(index).getByRole("cell").nth(4)).toContainText("登录与账号");
  await expect(table).toContainText("登录失败");
  await expect(table).not.toContainText("修改安全策略");
  expect(await tableText(table)).not.toMatch(ACTION_CODE);

  // Filter by category 安全设置 and open the policy change: a before/after table in Chinese.
  await page.getByLabel("操作类别").selectOption({ label: "安全设置" });
  await page.getByRole("button", { name: "查询" }).click();
  const change = table.getByRole("row").filter({ hasText: "修改安全策略" }).first();
  await expect(change).toContainText("修改：锁定时长（分钟）");
  await change.getByRole("link", { name: /查看第 \d+ 条记录的详情/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "修改安全策略" })).toBeVisible();
  const beforeAfter = page.getByRole("table", { name: "修改前后对照" });
  await expect(beforeAfter.getByRole("columnheader")).toHaveText(["项目", "修改前", "修改后"]);
  await expect(beforeAfter.getByRole("row", { name: /锁定时长（分钟）/ })).toContainText(`${original}${changed}`);
  expect(await tableText(beforeAfter)).not.toMatch(ACTION_CODE);
  // The code stays one click away, for whoever must check it.
  const technical = page.locator("details").filter({ hasText: "技术信息" });
  await expect(technical.getByText("security.settings.update")).toBeHidden();
  await technical.locator("summary").click();
  await expect(technical.getByText("security.settings.update")).toBeVisible();
  await expectAccessible(page);

  // The hash chain is checked on request and the result said in plain words.
  await page.goto("/admin/audit");
  await page.getByRole("button", { name: "立即校验" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^校验通过：逐条核对了 \d+ 条记录/ })).toBeVisible();
  await signOut(page);

  await signIn(page, "secadmin");
  await setLockoutMinutes(page, original);
});
