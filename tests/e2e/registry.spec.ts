import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn, signOut } from "./helpers";

// Issue #8's registry journey on the seeded platform: the district's information officer applies
// to open a 头条号 (开设); the principal (本单位主要负责人) and then the supervising unit approve the
// 审批表; the account is in the ledger and on the public 政务新媒体矩阵 page.

const ACCOUNT = "重庆沙坪坝头条";

async function openApplication(page: Page) {
  await page.goto("/admin/registry/applications");
  const todo = page.getByRole("region", { name: /待我审批/ });
  await todo.getByRole("link", { name: `开设“${ACCOUNT}”` }).click();
  await expect(page).toHaveURL(/\/admin\/registry\/applications\/[0-9a-f-]{36}$/);
}

test("an 开设 application passes the principal and the supervising unit and appears on the matrix", async ({
  page,
}) => {
  await signIn(page, "officer");
  await page.goto("/admin/registry/new?kind=OPEN");
  await expect(page.getByLabel("主办单位")).toHaveValue(/[0-9a-f-]{36}/);
  await page.getByLabel("主办单位").selectOption({ label: "重庆市沙坪坝区人民政府" });
  await page.getByLabel("平台").selectOption({ label: "头条号" });
  await page.getByLabel("账号名称").fill("沙坪坝头条");
  await page.getByLabel("运维负责人").fill("李静");
  await page.getByLabel("联系电话").fill("023-65366012");
  await page.getByLabel("申请理由").fill("开设头条号，扩大政务信息传播范围。");
  await page.getByRole("button", { name: "提交审批" }).click();
  // The region's name is required in the account name.
  await expect(page.getByRole("status").filter({ hasText: "账号名称须包含地区名称“重庆”" })).toBeVisible();
  await page.getByLabel("账号名称").fill(ACCOUNT);
  await page.getByRole("button", { name: "提交审批" }).click();
  await expect(page).toHaveURL(/\/admin\/registry\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "政务新媒体开设审批表" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "本单位主要负责人审批" })).toContainText("待审批");
  // The submitter has no approval buttons.
  await expect(page.getByRole("button", { name: "提交审批意见" })).toHaveCount(0);
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, "principal");
  await openApplication(page);
  await page.getByLabel("审批意见（不同意时必填）").fill("同意开设");
  await page.getByRole("button", { name: "提交审批意见" }).click();
  // Decided: the form gives way to the record of the decision and the next step.
  await expect(page.getByRole("listitem").filter({ hasText: "本单位主要负责人审批" })).toContainText("同意 刘卫东");
  await expect(page.getByText("当前环节“主管单位审核”须由主管单位工作人员审批。")).toBeVisible();
  await signOut(page);

  await signIn(page, "supervisor");
  await openApplication(page);
  await page.getByRole("button", { name: "提交审批意见" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "主管单位审核" })).toContainText("同意 陈立新");
  await expect(page.getByRole("row", { name: /^状态/ })).toContainText("已通过");
  await page.goto("/admin/registry?platform=TOUTIAO");
  await expect(page.getByRole("row").filter({ hasText: ACCOUNT })).toContainText("正常运营");
  await expect(page.getByRole("link", { name: "导出 XLSX" })).toHaveAttribute(
    "href",
    /\/admin\/registry\/export\?platform=TOUTIAO/,
  );
  await signOut(page);

  // The public matrix of the district portal.
  await page.goto("/");
  await page.getByRole("link", { name: "政务新媒体矩阵" }).click();
  await expect(page.getByRole("heading", { name: "政务新媒体矩阵", level: 1 })).toBeVisible();
  const unit = page.getByRole("region", { name: "重庆市沙坪坝区人民政府" });
  await expect(unit.getByRole("row").filter({ hasText: "头条号" })).toContainText(ACCOUNT);
  await expect(unit.getByRole("row").filter({ hasText: "微信公众号" })).toContainText("重庆沙坪坝发布");
  await expect(page.getByText("023-65366012")).toHaveCount(0);
  await expectAccessible(page);
});
