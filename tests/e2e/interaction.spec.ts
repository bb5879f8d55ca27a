import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { signIn } from "./helpers";

// 政民互动 on both demo sites, as far as it is built: a visitor finds the message types in the
// site's interaction column, writes a letter, solves altcha's proof of work in the real browser
// (under the portal's strict Content-Security-Policy), and leaves with a 查询码 and password. The
// 网站纠错 entry arrives with the page address filled in; a bad phone number gets a field error.

const SITES = [
  { name: "重庆市沙坪坝区人民政府", origin: `http://localhost:${E2E.port}`, column: "zmhd", mailbox: "区长信箱" },
  {
    name: "重庆市文化和旅游发展委员会",
    origin: `http://wlw.localhost:${E2E.port}`,
    column: "hdjl",
    mailbox: "主任信箱",
  },
] as const;

async function solveCaptcha(page: Page) {
  // The widget draws its own box over the native checkbox: click what the visitor sees.
  await page.locator("altcha-widget").getByText("我不是机器人").click();
  await expect(page.getByText("验证通过")).toBeVisible({ timeout: 30_000 });
}

for (const site of SITES) {
  test(`${site.name}: a visitor writes a letter and gets its 查询码 and password`, async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${site.origin}/columns/${site.column}`);
    await expect(page.getByRole("heading", { level: 3, name: site.mailbox })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "网站纠错" })).toBeVisible();
    await page.getByRole("link", { name: "我要写信（咨询）" }).click();
    await expect(page).toHaveURL(/\/interaction\/write\?type=consult$/);
    await expect(page.getByLabel(/留言类型/)).toHaveValue("consult");
    await expect(page.getByRole("region", { name: "隐私声明" })).toBeVisible();

    await page.getByLabel(/^标题/).fill("社会保障卡补办需要哪些材料");
    await page
      .getByLabel(/^留言内容/)
      .fill("本人社会保障卡遗失，请问补办需要携带哪些材料，在哪里办理，多久可以拿到新卡？");
    await page.getByLabel(/^姓名/).fill("王小明");
    await page.getByLabel(/^联系电话/).fill("1381234");
    await page.getByLabel("不同意公开").check();
    await page.getByLabel("我已阅读并同意上述隐私声明").check();
    await solveCaptcha(page);
    await page.getByRole("button", { name: "提交留言" }).click();
    await expect(page.locator("#writerPhone-error")).toHaveText("请填写正确的手机号码（11 位）或带区号的固定电话");
    await expect(page.getByLabel(/^联系电话/)).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel(/^联系电话/).fill("13812345678");
    await page.getByRole("button", { name: "提交留言" }).click();
    const receipt = page.getByRole("status").filter({ hasText: "留言已提交" });
    await expect(receipt).toBeVisible();
    await expect(receipt.getByTestId("query-code")).toHaveText(/^\d{8}[A-Z2-9]{6}$/);
    await expect(receipt.getByTestId("letter-password")).toHaveText(/^[A-Z2-9]{8}$/);
    await expect(receipt).toContainText("受理期限");
    expect(violations).toEqual([]);
  });
}

test("the 网站纠错 entry arrives with the page filled in and sends on the 48-hour clock", async ({ page }) => {
  const wrongPage = `http://localhost:${E2E.port}/columns/news?page=2`;
  await page.goto(`/interaction/write?type=correction&page=${encodeURIComponent(wrongPage)}`);
  await expect(page.getByLabel(/留言类型/)).toHaveValue("correction");
  await expect(page.getByLabel(/^出错页面网址/)).toHaveValue(wrongPage);
  await page.getByLabel(/^标题/).fill("页面中有错别字");
  await page.getByLabel(/^留言内容/).fill("该栏目第二页第三条信息标题中“政务公开”误写为“政务公升”，请核实更正。");
  await page.getByLabel(/^姓名/).fill("李华");
  await page.getByLabel(/^联系电话/).fill("023-65368000");
  await page.getByLabel("同意公开（公开时隐去姓名、电话、证件号码等个人信息）").check();
  await page.getByLabel("我已阅读并同意上述隐私声明").check();
  await solveCaptcha(page);
  await page.getByRole("button", { name: "提交留言" }).click();
  const receipt = page.getByRole("status").filter({ hasText: "留言已提交" });
  await expect(receipt).toContainText("答复期限");
  await expect(receipt.getByTestId("query-code")).toBeVisible();
});

test("the district's letter is accepted, assigned, answered after review, redone once on 不满意 and closed", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // The visitor writes.
  await page.goto("/interaction/write?type=complaint");
  await page.getByLabel(/^标题/).fill("夜间施工噪音扰民");
  await page
    .getByLabel(/^留言内容/)
    .fill(
      "某工地连续一周在夜间 23 点后施工，噪音很大，影响周边居民休息，请有关部门处理。联系人赵敏，电话 13698765432。",
    );
  await page.getByLabel(/^姓名/).fill("赵敏");
  await page.getByLabel(/^联系电话/).fill("13698765432");
  await page.getByLabel("同意公开（公开时隐去姓名、电话、证件号码等个人信息）").check();
  await page.getByLabel("我已阅读并同意上述隐私声明").check();
  await solveCaptcha(page);
  await page.getByRole("button", { name: "提交留言" }).click();
  const queryCode = (await page.getByTestId("query-code").textContent())!.trim();
  const password = (await page.getByTestId("letter-password").textContent())!.trim();

  // The 留言办理员 accepts it and sends it to the 综合科 as lead unit, then drafts and submits the reply.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, "handler");
  await staff.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "政民互动" }).click();
  await staff.getByRole("link", { name: queryCode }).click();
  await expect(staff.getByText("赵敏　电话：13698765432")).toBeVisible();
  await staff.getByRole("button", { name: "受理", exact: true }).click();
  // The page re-renders with the next step (the accept form is gone) and the reply clock.
  await expect(staff.getByRole("button", { name: "转办" })).toBeVisible();
  await expect(staff.getByText(/次日起算 7 个工作日/)).toBeVisible();
  await staff.getByRole("checkbox", { name: "区政府办公室综合科" }).check();
  await staff.getByLabel("主办单位").selectOption({ label: "区政府办公室综合科" });
  await staff.getByRole("button", { name: "转办" }).click();
  await expect(staff.getByText("已转办。")).toBeVisible();

  // 延期: the handler asks for 3 more working days; the 直接责任人 approves and the due date moves.
  await staff.getByLabel(/^延期工作日数/).fill("3");
  await staff.getByLabel("延期理由").fill("涉及生态环境、城管两个部门，需要现场联合核查。");
  await staff.getByRole("button", { name: "提交延期申请" }).click();
  // The request waits for the 直接责任人; no second one is offered meanwhile.
  await expect(staff.getByText(/申请延期 3 个工作日：.* · 待直接责任人审批/)).toBeVisible();
  await expect(staff.getByRole("button", { name: "提交延期申请" })).toHaveCount(0);
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "deputy");
  await reviewer.goto("/admin/interaction?state=ASSIGNED");
  await reviewer.getByRole("link", { name: queryCode }).click();
  await reviewer.getByRole("button", { name: "提交审批意见" }).click();
  await expect(reviewer.getByText(/申请延期 3 个工作日：.* · 已批准（赵刚/)).toBeVisible();
  await expect(reviewer.getByText(/次日起算 10 个工作日（含批准延期 3 个工作日）/)).toBeVisible();
  await staff.reload();
  await expect(
    staff.getByText(/申请延期 3 个工作日：涉及生态环境、城管两个部门，需要现场联合核查。 · 已批准/),
  ).toBeVisible();
  await staff.getByLabel("答复内容").fill("经区生态环境局核查，该工地已停止夜间施工，并将纳入重点巡查。");
  await staff.getByRole("button", { name: "保存答复" }).click();
  await expect(staff.getByText("答复已保存。")).toBeVisible();
  await staff.getByRole("button", { name: "提交审核" }).click();
  await expect(staff.getByText("答复审核中", { exact: true })).toBeVisible();

  // The 直接责任人 approves it.
  await reviewer.goto("/admin/interaction?state=REVIEWING");
  await reviewer.getByRole("link", { name: queryCode }).click();
  await reviewer.getByRole("button", { name: "提交审核意见" }).click();
  await expect(reviewer.getByText("已答复", { exact: true })).toBeVisible();

  // The visitor sees the reply, is not satisfied and asks for 重办 once.
  await page.goto("/interaction/lookup");
  await page.getByLabel("查询码").fill(queryCode);
  await page.getByLabel("密码").fill("WRONGPWD");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.locator(".letter-lookup").getByRole("alert")).toHaveText("查询码或密码不正确。");
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByTestId("letter-state")).toHaveText("已答复");
  await expect(page.getByText("经区生态环境局核查")).toBeVisible();
  await page.getByLabel("不满意", { exact: true }).check();
  await page.getByLabel("不满意，申请重新办理（只能申请一次）").check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByTestId("letter-state")).toHaveText("办理中");

  // The second reply, reviewed again, closes it once the visitor is satisfied.
  await staff.reload();
  await staff.getByLabel("答复内容").fill("经再次核查并约谈施工单位，已调整施工时间为 7 点至 22 点，欢迎继续监督。");
  await staff.getByRole("button", { name: "保存答复" }).click();
  await expect(staff.getByText("答复已保存。")).toBeVisible();
  await staff.getByRole("button", { name: "提交审核" }).click();
  await expect(staff.getByText("答复审核中", { exact: true })).toBeVisible();
  await reviewer.reload();
  await reviewer.getByRole("button", { name: "提交审核意见" }).click();
  await expect(reviewer.getByText("已答复", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByText("第 2 次答复（重办）", { exact: false })).toBeVisible();
  await expect(page.getByLabel("不满意，申请重新办理（只能申请一次）")).toHaveCount(0);
  await page.getByLabel("满意", { exact: true }).check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByTestId("letter-state")).toHaveText("已办结");

  // 留言选登: the handler keeps the detected masks, adds one, and submits the public copy to review.
  await staff.reload();
  const selection = staff.getByRole("region", { name: "留言选登" });
  await expect(selection.locator("mark").filter({ hasText: "赵敏" })).toBeVisible();
  await expect(selection.getByRole("checkbox", { name: "来信人姓名：赵敏" })).toBeChecked();
  await expect(selection.getByRole("checkbox", { name: "来信人电话：13698765432" })).toBeChecked();
  await selection.getByLabel("补充遮蔽内容（每行一项）").fill("联系人");
  await selection.getByRole("button", { name: "生成选登稿并提交审核" }).click();
  await expect(staff.getByText(/该留言已选登/)).toBeVisible();

  // Not public before review; the cached list is purged when it is published.
  const title = "夜间施工噪音扰民";
  await page.goto("/interaction/letters");
  await expect(page.getByRole("heading", { level: 1, name: "留言选登" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);

  // The unit's review signs it like any item: the five checks, then the 直接责任人.
  const checker = await (await browser.newContext()).newPage();
  await signIn(checker, "reviewer");
  await checker.goto("/admin/review");
  await checker.getByRole("link", { name: title }).first().click();
  await checker.getByRole("button", { name: "签署所选关口" }).click();
  await expect(checker.getByText(/直接责任人审批（进行中）/)).toBeVisible();
  await reviewer.goto("/admin/review");
  await reviewer.getByRole("link", { name: title }).first().click();
  await reviewer.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(reviewer.getByText(/^状态：/)).toContainText(/审核通过|已发布/);

  // The public finds it in 留言选登, with its dates, the answering unit, and the writer masked.
  await page.goto("/interaction/letters");
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("区政府办公室综合科");
  await expect(row.getByRole("cell").nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await expect(row.getByRole("cell").nth(3)).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByLabel("检索词").fill("噪音");
  await page.getByRole("button", { name: "检索" }).click();
  await row.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: "留言内容" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "答复内容" })).toBeVisible();
  await expect(page.getByText("＊＊＊＊＊，电话 ＊＊＊＊＊＊＊＊＊＊＊。", { exact: false })).toBeVisible();
  await expect(page.getByText("赵敏")).toHaveCount(0);
  await expect(page.getByText("经再次核查并约谈施工单位")).toBeVisible();

  // The Atom feed carries it; the statistics count the year's letters.
  const feed = await page.request.get("/interaction/letters/feed.xml");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain(`<title>${title}</title>`);
  await page.goto("/interaction/statistics");
  const total = page.getByRole("row").filter({ hasText: "全年合计" });
  await expect(total.getByRole("cell").nth(0)).toHaveText(/^[1-9]\d*$/);
  await expect(total.getByRole("cell").nth(4)).toHaveText(/^\d+\.\d%$/);
});
