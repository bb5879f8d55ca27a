import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut, submitSignIn } from "../helpers";
import { createSettledUser } from "../fixtures";

// 三员分立, two-person rule: an administrator's password is reset only when one administrator asks
// and a different one approves, through the real back office.

async function openResets(page: Page) {
  await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "重置审批" }).click();
  await expect(page.getByRole("heading", { name: "重置审批" })).toBeVisible();
}

test("resetting an audit administrator's password needs a second administrator's approval", async ({ page }) => {
  // Five sign-ins by three people in one journey: more than the default budget on a busy runner.
  test.slow();
  const password = "Audit-Two-2026";
  // An audit administrator of the test's own, so the seeded accounts keep their passwords.
  await createSettledUser({
    username: "e2e.auditor",
    displayName: "审计管理员 钱程",
    orgName: "重庆市人民政府办公厅",
    role: "AUDIT_ADMIN",
    password,
  });
  page.on("dialog", (dialog) => void dialog.accept());

  // The system administrator asks: nothing is reset yet.
  await signIn(page, "admin");
  await page.goto("/admin/users?q=e2e.auditor");
  await page.getByRole("link", { name: "e2e.auditor", exact: true }).click();
  await expect(page.getByText("须由另一名管理员在“重置审批”中批准后才生效")).toBeVisible();
  await page.getByRole("button", { name: "重置密码" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已提交重置申请" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "一次性密码" })).toHaveCount(0);
  // The requester cannot approve their own request.
  await openResets(page);
  const mine = page.getByRole("listitem").filter({ hasText: "e2e.auditor" });
  await expect(mine).toContainText("须由另一名管理员批准");
  await expect(mine.getByRole("button", { name: "批准" })).toHaveCount(0);
  await signOut(page);

  // Still the old password until approval.
  await signIn(page, "e2e.auditor", password);
  await page.context().clearCookies();

  // The security administrator approves and alone sees the one-time password.
  await signIn(page, "secadmin");
  await openResets(page);
  const request = page.getByRole("listitem").filter({ hasText: "e2e.auditor" });
  await expect(request).toContainText("申请人 系统管理员 周建国（admin）");
  await request.getByRole("button", { name: "批准" }).click();
  const approved = request.getByRole("status").filter({ hasText: "一次性密码" });
  await expect(approved).toBeVisible();
  const oneTimePassword = (await approved.textContent())!.match(/一次性密码：(\S+?)（/)![1]!;
  // A replayed approval changes nothing.
  await request.getByRole("button", { name: "批准" }).click();
  await expect(request.getByRole("status").filter({ hasText: "该申请已处理，不能再次审批。" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: "e2e.auditor" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "e2e.auditor" })).toContainText("已批准");
  await signOut(page);

  // The old password no longer works; the one-time password does, and must be changed at once.
  await submitSignIn(page, "e2e.auditor", password);
  await expect(page.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toBeVisible();
  await signIn(page, "e2e.auditor", oneTimePassword);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/account$/);
  await expect(page.getByRole("alert").filter({ hasText: "请先修改密码" })).toBeVisible();
  await page.context().clearCookies();

  // The requester is told the outcome.
  await signIn(page, "admin");
  await page.goto("/admin/review");
  await expect(page.getByText("审计管理员 钱程（e2e.auditor）的密码已按申请重置（两人审批）。")).toBeVisible();
});
