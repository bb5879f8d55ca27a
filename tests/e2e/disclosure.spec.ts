import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// 依申请公开, the whole way (issue #27): an applicant applies on the district portal with an
// identity document and leaves with a tracking code and password; the district's disclosure office
// asks for 补正; the applicant corrects on the lookup page; the office answers 部分公开 with a
// 告知书 that the unit's review approves; the applicant reads it and downloads the .docx. The
// culture commission's disclosure officer cannot see the request. The applicant starts from the
// catalogue's 依申请公开 entry; the office downloads the identity document, which nobody else gets.

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const DOC_NUMBER = "沙府办依申复〔2026〕7号";

async function solveCaptcha(page: Page) {
  await page.locator("altcha-widget").getByText("我不是机器人").click();
  await expect(page.getByText("验证通过")).toBeVisible({ timeout: 30_000 });
}

async function staff(browser: Browser, username: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  return page;
}

async function lookup(page: Page, code: string, password: string) {
  await page.goto("/disclosure/lookup");
  await page.getByLabel("申请编号").fill(code);
  await page.getByLabel("查询密码").fill(password);
  await page.getByRole("button", { name: "查询" }).click();
}

test("apply → 补正 → correct → 部分公开 with a reviewed 告知书 → the applicant downloads it", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  // A visitor reaches the form from the site's 政府信息公开 catalogue (its 依申请公开 entry).
  await page.goto("/columns/zfxxgk");
  const entry = page
    .locator("section.catalogue-category")
    .filter({ has: page.getByRole("heading", { name: "依申请公开" }) });
  await expect(entry.getByRole("link", { name: "查询办理进度" })).toHaveAttribute("href", "/disclosure/lookup");
  await entry.getByRole("link", { name: "在线申请" }).click();
  await expect(page).toHaveURL(/\/disclosure\/apply$/);
  await expect(page.getByRole("heading", { name: "政府信息公开申请" })).toBeVisible();
  await page.getByLabel(/^姓名 \/ 名称/).fill("王五");
  await page.getByLabel(/^证件号码/).fill("11010519491231002X");
  await page.getByLabel(/^身份证明/).setInputFiles({ name: "身份证.png", mimeType: "image/png", buffer: PNG });
  await page.getByLabel(/^联系电话/).fill("13912345678");
  await page.getByLabel(/^所需信息的名称/).fill("2025年度天星桥街道老旧小区改造资金安排");
  await page.getByLabel(/^所需信息的内容描述/).fill("申请公开2025年度天星桥街道老旧小区改造项目的资金安排及项目清单。");
  await page.getByLabel(/^获取信息的方式/).selectOption("网站查询下载");
  await page.getByLabel(/申请人信息仅用于办理本申请/).check();
  await solveCaptcha(page);
  await page.getByRole("button", { name: "提交申请" }).click();
  const receipt = page.getByRole("status").filter({ hasText: "申请已提交" });
  await expect(receipt).toBeVisible();
  const code = (await receipt.getByTestId("tracking-code").textContent())!.trim();
  const password = (await receipt.getByTestId("tracking-password").textContent())!.trim();
  expect(code).toMatch(/^\d{8}[A-Z2-9]{6}$/);

  // The office asks for 补正.
  const officer = await staff(browser, "disclosure");
  await officer.goto("/admin/disclosure");
  await officer.getByRole("link", { name: code }).click();
  await expect(officer.getByTestId("request-state")).toHaveText("已收到，待登记");
  // The office checks the applicant's identity document (a private file; the download is audited).
  const identity = officer.getByRole("link", { name: "身份证.png" });
  const identityUrl = (await identity.getAttribute("href"))!;
  const identityFile = officer.waitForEvent("download");
  await identity.click();
  expect((await identityFile).suggestedFilename()).toBe("身份证.png");
  await officer.getByLabel(/^需要补正的事项/).fill("请明确所需信息涉及的社区名称。");
  await officer.getByRole("button", { name: "发出补正告知" }).click();
  await expect(officer.getByTestId("request-state")).toHaveText("待补正");
  const requestUrl = officer.url();

  // The applicant corrects.
  await lookup(page, code, password);
  await expect(page.getByTestId("disclosure-state")).toHaveText("待补正");
  await expect(page.getByText("请明确所需信息涉及的社区名称。")).toBeVisible();
  await page.getByLabel("补正内容").fill("所需信息为新桥社区 2025 年度老旧小区改造项目的资金安排。");
  await page.getByRole("button", { name: "提交补正" }).click();
  await expect(page.getByTestId("disclosure-state")).toHaveText("办理中");
  await expect(page.getByText(/期限自该日重新计算/)).toBeVisible();

  // The office answers 部分公开; the 告知书 goes to review.
  await officer.reload();
  await expect(officer.getByTestId("request-state")).toHaveText("办理中");
  await officer.getByLabel(/^答复类型/).selectOption({ label: "部分公开" });
  await officer.getByLabel(/^告知书文号/).fill(DOC_NUMBER);
  await officer
    .getByLabel(/^答复内容/)
    .fill("项目清单及资金总额予以公开。其中施工单位的报价明细涉及商业秘密，不予公开。");
  await officer.getByRole("button", { name: "生成告知书并提交审核" }).click();
  await expect(officer.getByTestId("request-state")).toHaveText("告知书审核中");

  for (const signer of [
    { user: "reviewer", button: "签署所选关口", next: /直接责任人审批（进行中）/ },
    { user: "deputy", button: "签署直接责任人审批", next: null },
  ]) {
    const checker = await staff(browser, signer.user);
    await checker.goto("/admin/review");
    await checker
      .getByRole("link", { name: new RegExp(DOC_NUMBER) })
      .first()
      .click();
    await checker.getByRole("button", { name: signer.button }).click();
    if (signer.next) await expect(checker.getByText(signer.next)).toBeVisible();
    else await expect(checker.getByText(/^状态：/)).toContainText(/审核通过/);
  }

  await officer.reload();
  await officer.getByRole("button", { name: "送达" }).click();
  await expect(officer.getByTestId("request-state")).toHaveText("已答复");

  // The applicant reads the 告知书 and downloads it.
  await lookup(page, code, password);
  await expect(page.getByTestId("disclosure-state")).toHaveText("已答复");
  await expect(page.getByText("报价明细涉及商业秘密")).toBeVisible();
  await expect(page.getByText(/60日内依法申请行政复议/)).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载告知书（Word）" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.docx$/);

  // Another unit's disclosure officer neither lists nor opens it.
  const other = await staff(browser, "wlw-disclosure");
  await other.goto("/admin/disclosure");
  await expect(other.getByRole("link", { name: code })).toHaveCount(0);
  const response = await other.goto(requestUrl);
  expect(response?.status()).toBe(404);
  // Nor its identity document; and the public is not served it either.
  expect((await other.request.get(identityUrl)).status()).toBe(404);
  const anonymous = await browser.newContext();
  const publicAnswer = await anonymous.request.get(identityUrl, { maxRedirects: 0 });
  expect(publicAnswer.status()).not.toBe(200);
  await anonymous.close();
});
