import { expect, test } from "@playwright/test";
import { E2E } from "./env";

test("the back office requires a session", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login/);
  await expect(page.getByRole("heading", { name: "登录同源管理后台" })).toBeVisible();
});

test("editor signs in through the real page and sees the dashboard", async ({ page }) => {
  await page.goto("/admin/login");
  await page.getByLabel("用户名").fill("editor");
  await page.getByLabel("密码").fill(E2E.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "您好，张敏" })).toBeVisible();
  await expect(page.getByRole("region", { name: "我的单位和角色" })).toContainText("区政府办公室政务公开科 · 采编");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login/);
});

test("a wrong password is refused with one generic message", async ({ page }) => {
  await page.goto("/admin/login");
  await page.getByLabel("用户名").fill("editor");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toHaveText(
    "用户名或密码错误，或账号不可用。",
  );
  await expect(page).toHaveURL(/\/admin\/login/);
  // An unknown user gets the very same message.
  await page.getByLabel("用户名").fill("no-such-user");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toHaveText(
    "用户名或密码错误，或账号不可用。",
  );
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login/);
});

test("every demo account signs in", async ({ request }) => {
  for (const username of [
    "admin",
    "secadmin",
    "auditor",
    "supervisor",
    "siteadmin",
    "editor",
    "officer",
    "reviewer",
    "deputy",
    "principal",
    "handler",
    "wlw-handler",
    "wlw-section",
    "wlw-officer",
    "wlw-supervisor",
    "wlw-deputy",
    "egov-deputy",
  ]) {
    const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/callback/credentials", {
      form: { username, password: E2E.password, csrfToken: csrf.csrfToken, json: "true" },
    });
    expect(response.ok(), username).toBe(true);
    const session = await (await request.get("/api/auth/session")).json();
    expect(session?.user, username).toBeTruthy();
    await request.post("/api/auth/signout", { form: { csrfToken: csrf.csrfToken, json: "true" } });
  }
});
