import { expect, test } from "@playwright/test";
import { generateTotp } from "../../lib/auth/totp";
import { signIn, signOut, submitSignIn } from "./helpers";
import { createSettledUser } from "./fixtures";

test("the system administrator creates a user with no role, the security administrator grants one, and the user must change the password", async ({
  page,
}) => {
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "用户管理" }).click();
  await page.getByRole("link", { name: "新建用户" }).click();
  await expect(page.getByRole("heading", { name: "新建用户" })).toBeVisible();
  // 三员分立: the form has no role; the page says who grants one.
  await expect(page.getByRole("note")).toContainText("须由安全管理员");
  await expect(page.getByLabel("角色")).toHaveCount(0);
  await page.getByLabel("用户名", { exact: true }).fill("zhou.ping");
  await page.getByLabel("姓名", { exact: true }).fill("周萍");
  await page.getByRole("button", { name: "创建账号" }).click();
  const status = page.getByRole("status").filter({ hasText: "一次性密码" });
  await expect(status).toContainText("暂无任何角色");
  const oneTimePassword = (await status.textContent())!.match(/一次性密码：(\S+?)（/)![1]!;
  await page.goto("/admin/users?q=zhou.ping");
  await expect(page.getByRole("cell", { name: "暂无角色（待安全管理员授予）" })).toBeVisible();
  await signOut(page);

  await signIn(page, "secadmin");
  await page.goto("/admin/users?q=zhou.ping");
  await page.getByRole("link", { name: "zhou.ping", exact: true }).click();
  await expect(page.getByText("该账号暂无任何角色")).toBeVisible();
  await page.locator("#field-orgId").selectOption({ label: "沙坪坝区政府 · 区政府办公室政务公开科" });
  await page.locator("#field-role").selectOption({ label: "采编" });
  await page.getByRole("button", { name: "授予角色" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "区政府办公室政务公开科 · 采编" })).toBeVisible();
  await signOut(page);

  await signIn(page, "zhou.ping", oneTimePassword);
  // Anything but the account page sends the new user back to change the password.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/account$/);
  await expect(page.getByRole("alert").filter({ hasText: "请先修改密码" })).toBeVisible();
  await page.getByLabel("当前密码").fill(oneTimePassword);
  await page.getByLabel("新密码", { exact: true }).fill("short");
  await page.getByLabel("确认新密码").fill("short");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("密码至少需要 10 个字符。")).toBeVisible();
  await page.getByLabel("新密码", { exact: true }).fill("Zhouping-2026");
  await page.getByLabel("确认新密码").fill("Zhouping-2026");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByRole("status").filter({ hasText: "密码已修改" })).toBeVisible();

  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "您好，周萍" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "后台导航" });
  // An editor's areas, grouped: the library, review, 来稿 and 待转载; the 智能问答 curation list
  // and the 答问库; the unit's 稿件统计 and 报送任务; the account.
  await expect(nav.locator(".admin-nav-group > span")).toHaveText(["内容", "政民互动", "统计报表", "系统"]);
  await expect(nav.getByRole("link")).toHaveText([
    "工作台",
    "资源库",
    "审核工作台",
    "来稿",
    "待转载",
    "智能问答",
    "答问库",
    "稿件统计",
    "报送任务",
    "账号安全",
  ]);
  for (const path of [
    "/admin/users",
    "/admin/orgs",
    "/admin/audit",
    "/admin/security",
    "/admin/permissions",
    "/admin/themes",
    "/admin/workflows",
    "/admin/lexicon",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  }
});

test("each back-office area answers its permitted roles and refuses the others over HTTP", async ({ page }) => {
  const cases: [string, string, number][] = [
    ["admin", "/admin/users", 200],
    ["admin", "/admin/orgs", 200],
    ["admin", "/admin/audit", 403],
    ["admin", "/admin/audit/export", 403],
    ["admin", "/admin/security", 403],
    ["secadmin", "/admin/security", 200],
    ["auditor", "/admin/audit", 200],
    ["auditor", "/admin/users", 403],
    ["siteadmin", "/admin/orgs", 200],
    ["siteadmin", "/admin/users", 403],
    ["editor", "/admin/permissions", 403],
    ["admin", "/admin/workflows", 200],
    ["admin", "/admin/lexicon", 200],
    ["siteadmin", "/admin/workflows", 403],
    ["reviewer", "/admin/lexicon", 403],
    ["reviewer", "/admin/review", 200],
  ];
  for (const [username, path, status] of cases) {
    await page.context().clearCookies();
    await signIn(page, username);
    const response = await page.request.get(path);
    expect(response.status(), `${username} ${path}`).toBe(status);
  }
});

test("the audit administrator exports the audit log as CSV", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/admin/audit?category=account");
  await expect(page.getByRole("cell", { name: /登录成功/ }).first()).toBeVisible();
  const response = await page.request.get("/admin/audit/export?category=account");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const body = await response.text();
  expect(body).toContain('"序号","时间","操作人"');
  expect(body).toContain("auth.sign_in.success");
});

test("a user enrols a TOTP authenticator and then needs the code to sign in", async ({ page }) => {
  const password = "Huang-Li-2026";
  await createSettledUser({
    username: "huang.li",
    displayName: "黄丽",
    orgName: "区政府办公室综合科",
    role: "EDITOR",
    password,
  });
  await signIn(page, "huang.li", password);
  await page.goto("/admin/account");
  await page.getByRole("button", { name: "生成绑定二维码" }).click();
  await expect(page.getByRole("img", { name: "动态口令绑定二维码" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!;
  await page.getByRole("textbox", { name: "动态口令" }).fill(generateTotp(secret));
  await page.getByRole("button", { name: "验证并开启" }).click();
  await expect(page.getByRole("region", { name: "双因素认证（动态口令）" })).toContainText("已开启");
  await page.goto("/admin");
  await signOut(page);

  await submitSignIn(page, "huang.li", password);
  await expect(page.getByRole("alert").filter({ hasText: "请输入身份验证器应用显示的 6 位动态口令" })).toBeVisible();
  await page.getByLabel("动态口令").fill("000000" === generateTotp(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "动态口令错误" })).toBeVisible();
  await page.getByLabel("动态口令").fill(generateTotp(secret));
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "您好，黄丽" })).toBeVisible();
});
