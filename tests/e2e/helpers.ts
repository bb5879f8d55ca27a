import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { E2E } from "./env";

let clients = 0;

/**
 * Fills and submits the real sign-in form, without waiting for the outcome. Each sign-in comes from
 * a client address of its own, as people sign in from their own machines: the e2e server trusts
 * loopback as a proxy (TRUSTED_PROXIES in playwright.config.ts), so the sign-in throttle (30
 * attempts a minute per address) counts each of them apart, not the whole suite as one address.
 */
export async function submitSignIn(page: Page, username: string, password: string = E2E.password) {
  clients += 1;
  await page.setExtraHTTPHeaders({
    "x-forwarded-for": `198.18.${Math.floor(clients / 250) % 250}.${(clients % 250) + 1}`,
  });
  await page.goto("/admin/login");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** Signs in and waits until the back office has opened. */
export async function signIn(page: Page, username: string, password: string = E2E.password) {
  await submitSignIn(page, username, password);
  await expect(page).toHaveURL(/\/admin(\/account)?$/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
}

/** axe-core on the current page: no serious or critical WCAG 2.1 A/AA violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

/**
 * The signed-in editor starts a 政务动态 item and saves its first revision. An editor who also
 * edits for the culture commission (site-portal.spec.ts grants it) is asked 所属单位: the item is
 * the district section's; `twoUnits` says the question must be there.
 */
export async function saveNewDistrictItem(page: Page, title: string, text: string, twoUnits = false) {
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "政务动态" });
  const owner = page.getByLabel("所属单位");
  if (twoUnits) await expect(owner).toBeVisible();
  if (await owner.count()) {
    const section = await page
      .locator("#field-ownerOrgId option")
      .filter({ hasText: "政务公开科" })
      .first()
      .getAttribute("value");
    await owner.selectOption(section!);
  }
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  await page.getByLabel("标题", { exact: true }).fill(title);
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type(text);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
}
