import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, signOut } from "./helpers";
import { createStaleColumn, publishInColumn } from "./supervision-fixtures";

// #28 "Done when", second journey (the monitors' part): the supervisor runs the monitors and sees a
// stale column of the district site among the findings, opens a rectification ticket; the site
// administrator sees it, the column gets a new item and the administrator reports the fix; the
// re-check closes the ticket.

test("a stale column becomes a ticket, the unit fixes and reports it, the re-check closes it", async ({ page }) => {
  test.setTimeout(180_000);
  const name = `社区动态${Date.now().toString(36)}`;
  const columnId = await createStaleColumn(name);

  await signIn(page, "supervisor");
  await page.getByRole("link", { name: "监测问题" }).click();
  await expect(page).toHaveURL(/\/admin\/supervision\/findings/);
  // 立即检查 is queued for the jobs worker; the page shows its state until it is done.
  await page.getByRole("button", { name: "立即检查" }).click();
  await expect(page.getByText(/已提交立即检查/)).toBeVisible({ timeout: 30_000 });
  const status = page.getByTestId("request-monitors");
  await expect(async () => {
    await page.reload();
    await expect(status).toHaveAttribute("data-state", "DONE");
  }).toPass({ timeout: 150_000, intervals: [2_000] });
  await expect(status).toContainText("已完成");
  const row = page.getByRole("row").filter({ hasText: `栏目“${name}”已 20 天 未更新` });
  await expect(row).toBeVisible();
  await expectAccessible(page);
  await row.getByText("立整改单").click();
  await row.getByLabel("整改期限（工作日）").fill("3");
  await row.getByRole("button", { name: "下发整改单" }).click();
  await expect(row).toContainText("整改中", { timeout: 30_000 });
  await signOut(page);

  // The district's site administrator finds the ticket and reports the fix once the column is updated.
  await signIn(page, "siteadmin");
  await page.getByRole("link", { name: "整改单" }).click();
  const ticketRow = page.getByRole("row").filter({ hasText: name });
  await expect(ticketRow).toContainText("整改中");
  await ticketRow.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /整改单 整改〔\d{4}〕\d+号/ })).toBeVisible();
  await expectAccessible(page);
  await publishInColumn(columnId, "街道开展冬季消防安全检查");
  await page.getByLabel("整改情况").fill("已在该栏目发布最新工作动态，并明确专人每周更新。");
  await page.getByRole("button", { name: "报告整改" }).click();
  // The page re-renders with the outcome (the report form is gone with the open ticket).
  await expect(page.getByText("已销号（复查通过自动销号）")).toBeVisible({ timeout: 60_000 });
  await page.reload();
  await expect(page.getByText("已销号（复查通过自动销号）")).toBeVisible();
  await expect(page.getByRole("button", { name: "报告整改" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "销号" }).first()).toContainText("系统监测");
});
