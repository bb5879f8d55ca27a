import { expect, test, type Browser, type Page } from "@playwright/test";
import { createSettledUser } from "./fixtures";
import { E2E } from "./env";
import { expectAccessible, signIn } from "./helpers";

// #29 item 5: the district site's administrator opens last year's 政府网站工作年度报表 (seeded in
// preparation, the figures the platform cannot know already entered), overrides one computed figure
// with a reason, signs the report off and sends it to publication; the unit's review approves it and
// the portal's 年度报表 column shows it.

const SITE = "重庆市沙坪坝区人民政府";
const YEAR = new Date().getFullYear() - 1;
const TITLE = `${SITE}${YEAR}年度政府网站工作年度报表`;
const REASON = "另有 3 条在原网站发布后迁移至本平台，据迁移台账补录";
const tag = Date.now().toString(36).slice(-5);

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  return page;
}

test("the officer overrides a figure, signs off and publishes; the portal column shows the report", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await createSettledUser({
    username: `wzgl-${tag}`,
    displayName: `网站管理员${tag}`,
    orgName: SITE,
    role: "SITE_ADMIN",
    password: E2E.password,
  });
  await signIn(page, `wzgl-${tag}`);
  await page.getByRole("link", { name: "网站工作报表" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "网站工作报表" })).toBeVisible();
  await page
    .getByRole("row")
    .filter({ hasText: SITE })
    .filter({ hasText: `${YEAR}年度` })
    .getByRole("link", { name: "政府网站工作年度报表" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByTestId("report-state")).toHaveText(/填报中/);
  const chart = page.getByRole("img", { name: /信息发布各项数值的柱状图/ });
  await expect(chart).toBeVisible();
  expect((await page.request.get((await chart.getAttribute("src"))!)).headers()["content-type"]).toContain(
    "image/svg+xml",
  );
  await expectAccessible(page);

  // Override 信息发布 总数 with a reason.
  const table = page.getByRole("table", { name: "信息发布" });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "总数", exact: true }) });
  const computed = Number((await page.getByTestId("value-信息发布/总数").textContent())!.replace(/\D/g, ""));
  await row.getByText("修改", { exact: true }).click();
  await row
    .getByRole("textbox")
    .first()
    .fill(String(computed + 3));
  await row.getByLabel("理由（数据来源或依据）").fill(REASON);
  await row.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("value-信息发布/总数")).toHaveText(`${computed + 3} 条`);
  await expect(page.getByTestId("note-信息发布/总数")).toContainText(`已修改（平台统计为 ${computed}）`);
  await expect(page.getByTestId("note-信息发布/总数")).toContainText(REASON);

  // Sign off, then send it to publication.
  await page.getByLabel("单位负责人", { exact: true }).fill("王区长");
  await page.getByLabel("审核人", { exact: true }).fill("李主任");
  await page.getByLabel("填报人", { exact: true }).fill(`网站管理员${tag}`);
  await page.getByLabel("联系电话", { exact: true }).fill("023-65368000");
  await page.getByRole("button", { name: "签发报表" }).click();
  await expect(page.getByTestId("report-state")).toHaveText(/已签发/);
  await expect(page.getByTestId("sign-off")).toContainText("王区长");
  await expect(page.getByText("修改", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "送审公开" }).click();
  await expect(page.getByTestId("report-state")).toHaveText(/审核中/);

  // The unit's review: the five checks, then the 直接责任人.
  const checker = await staffPage(browser, "reviewer");
  await checker.goto("/admin/review");
  await checker.getByRole("link", { name: TITLE }).first().click();
  await checker.getByRole("button", { name: "签署所选关口" }).click();
  await expect(checker.getByText(/直接责任人审批（进行中）/)).toBeVisible();
  const deputy = await staffPage(browser, "deputy");
  await deputy.goto("/admin/review");
  await deputy.getByRole("link", { name: TITLE }).first().click();
  await deputy.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(deputy.getByText(/^状态：/)).toContainText(/审核通过|已发布/);

  await page.reload();
  await expect(page.getByTestId("report-state")).toHaveText(/已公开/);

  // The portal's 年度报表 column shows it, with the overridden figure.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/columns/ndbb");
  await visitor.getByRole("link", { name: TITLE }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(visitor.getByText("信息公开目录信息更新量")).toBeVisible();
  await expect(visitor.getByText("王区长", { exact: false })).toBeVisible();
});
