import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E } from "./env";
import { signIn } from "./helpers";

// 政民互动 on both demo sites: a visitor finds the message types in the site's interaction column,
// writes a letter, solves altcha's proof of work in the real browser (under the portal's strict
// Content-Security-Policy), and leaves with a 查询码 and password. The 网站纠错 entry arrives with
// the page address filled in; a bad phone number gets a field error. On each site a letter goes the
// whole way with that site's own staff: accepted and assigned, extended, answered after review,
// selected de-identified through the unit's review workflow, and redone once on 不满意.

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

/** Who does what on a site's letter, and what the letter says. */
type Journey = {
  site: (typeof SITES)[number];
  handler: string;
  leadUnit: string;
  /** The named 直接责任人, who decides the 延期 (username and name). */
  deputy: { user: string; name: string };
  /** The type's reply reviewer: the 直接责任人 in the district, the 信息主管 in the commission. */
  replyReviewer: string;
  /** The 选登 copy's review, stage by stage: who signs, the button, what is then under way. */
  signers: { user: string; button: string; next?: RegExp }[];
  letter: { title: string; content: string; name: string; phone: string; keyword: string };
  replies: [string, string];
};

const JOURNEYS: Journey[] = [
  {
    site: SITES[0],
    handler: "handler",
    leadUnit: "区政府办公室综合科",
    deputy: { user: "deputy", name: "赵刚" },
    replyReviewer: "deputy",
    signers: [
      { user: "reviewer", button: "签署所选关口", next: /直接责任人审批（进行中）/ },
      { user: "deputy", button: "签署直接责任人审批" },
    ],
    letter: {
      title: "夜间施工噪音扰民",
      content:
        "某工地连续一周在夜间 23 点后施工，噪音很大，影响周边居民休息，请有关部门处理。联系人赵敏，电话 13698765432。",
      name: "赵敏",
      phone: "13698765432",
      keyword: "噪音",
    },
    replies: [
      "经区生态环境局核查，该工地已停止夜间施工，并将纳入重点巡查。",
      "经再次核查并约谈施工单位，已调整施工时间为 7 点至 22 点，欢迎继续监督。",
    ],
  },
  {
    site: SITES[1],
    handler: "wlw-handler",
    leadUnit: "宣传推广处",
    deputy: { user: "wlw-deputy", name: "马志远" },
    replyReviewer: "wlw-supervisor",
    signers: [
      { user: "wlw-section", button: "签署供稿科室审核", next: /信息员审核（进行中）/ },
      { user: "wlw-officer", button: "签署信息员审核", next: /信息主管审核（进行中）/ },
      { user: "wlw-supervisor", button: "签署信息主管审核" },
    ],
    letter: {
      title: "景区周末停车难",
      content:
        "磁器口景区周边周末停车位严重不足，车辆乱停导致道路拥堵，建议增设临时停车场。联系人钱芳，电话 13587654321。",
      name: "钱芳",
      phone: "13587654321",
      keyword: "停车",
    },
    replies: [
      "经市文化旅游委协调景区管理单位，节假日期间已开放周边两处临时停车场。",
      "经再次协调，已在景区东侧增设临时停车场 200 个车位，并安排专人疏导，欢迎继续监督。",
    ],
  },
];

/** One signed-in page per staff member, opened on first use and reused for their later steps. */
function staffPages(browser: Browser) {
  const pages = new Map<string, Page>();
  return async (username: string): Promise<Page> => {
    if (!pages.has(username)) {
      const page = await (await browser.newContext()).newPage();
      await signIn(page, username);
      pages.set(username, page);
    }
    return pages.get(username)!;
  };
}

/** Staff open the letter from the back-office queue of the given state. */
async function openLetter(staff: Page, state: string, queryCode: string) {
  await staff.goto(`/admin/interaction?state=${state}`);
  await staff.getByRole("link", { name: queryCode }).click();
}

/** The handler drafts the reply and sends it to review. */
async function draftReply(staff: Page, body: string) {
  await staff.getByLabel("答复内容").fill(body);
  await staff.getByRole("button", { name: "保存答复" }).click();
  await expect(staff.getByText("答复已保存。")).toBeVisible();
  await staff.getByRole("button", { name: "提交审核" }).click();
  await expect(staff.getByText("答复审核中", { exact: true })).toBeVisible();
}

/** The reply reviewer approves the submitted reply. */
async function approveReply(reviewer: Page) {
  await reviewer.getByRole("button", { name: "提交审核意见" }).click();
  await expect(reviewer.getByText("已答复", { exact: true })).toBeVisible();
}

for (const journey of JOURNEYS) {
  const { site, letter } = journey;
  test(`${site.name}: a letter is accepted, assigned, answered after review, selected, redone once and closed`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    const staffPage = staffPages(browser);
    // The visitor writes.
    await page.goto(`${site.origin}/interaction/write?type=complaint`);
    await page.getByLabel(/^标题/).fill(letter.title);
    await page.getByLabel(/^留言内容/).fill(letter.content);
    await page.getByLabel(/^姓名/).fill(letter.name);
    await page.getByLabel(/^联系电话/).fill(letter.phone);
    await page.getByLabel("同意公开（公开时隐去姓名、电话、证件号码等个人信息）").check();
    await page.getByLabel("我已阅读并同意上述隐私声明").check();
    await solveCaptcha(page);
    await page.getByRole("button", { name: "提交留言" }).click();
    const queryCode = (await page.getByTestId("query-code").textContent())!.trim();
    const password = (await page.getByTestId("letter-password").textContent())!.trim();

    // The site's 留言办理员 accepts it and sends it to the lead unit.
    const staff = await staffPage(journey.handler);
    await staff.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "政民互动" }).click();
    await staff.getByRole("link", { name: queryCode }).click();
    await expect(staff.getByText(`${letter.name}　电话：${letter.phone}`)).toBeVisible();
    await staff.getByRole("button", { name: "受理", exact: true }).click();
    // The page re-renders with the next step (the accept form is gone) and the reply clock.
    await expect(staff.getByRole("button", { name: "转办" })).toBeVisible();
    await expect(staff.getByText(/次日起算 7 个工作日/)).toBeVisible();
    await staff.getByRole("checkbox", { name: journey.leadUnit }).check();
    await staff.getByLabel("主办单位").selectOption({ label: journey.leadUnit });
    await staff.getByRole("button", { name: "转办" }).click();
    await expect(staff.getByText("已转办。")).toBeVisible();

    // 延期: the handler asks for 3 more working days; the 直接责任人 approves and the due date moves.
    await staff.getByLabel(/^延期工作日数/).fill("3");
    await staff.getByLabel("延期理由").fill("涉及两个部门，需要现场联合核查。");
    await staff.getByRole("button", { name: "提交延期申请" }).click();
    // The request waits for the 直接责任人; no second one is offered meanwhile.
    await expect(staff.getByText(/申请延期 3 个工作日：.* · 待直接责任人审批/)).toBeVisible();
    await expect(staff.getByRole("button", { name: "提交延期申请" })).toHaveCount(0);
    const deputy = await staffPage(journey.deputy.user);
    await openLetter(deputy, "ASSIGNED", queryCode);
    await deputy.getByRole("button", { name: "提交审批意见" }).click();
    await expect(
      deputy.getByText(new RegExp(`申请延期 3 个工作日：.* · 已批准（${journey.deputy.name}`)),
    ).toBeVisible();
    await expect(deputy.getByText(/次日起算 10 个工作日（含批准延期 3 个工作日）/)).toBeVisible();
    await staff.reload();
    await expect(staff.getByText(/申请延期 3 个工作日：涉及两个部门，需要现场联合核查。 · 已批准/)).toBeVisible();
    await draftReply(staff, journey.replies[0]);

    // The reply reviewer approves it.
    const reviewer = await staffPage(journey.replyReviewer);
    await openLetter(reviewer, "REVIEWING", queryCode);
    await approveReply(reviewer);

    // The visitor sees the reply and the extended due date (not the reason), is not satisfied and
    // asks for 重办 once.
    await page.goto(`${site.origin}/interaction/lookup`);
    await page.getByLabel("查询码").fill(queryCode);
    await page.getByLabel("密码").fill("WRONGPWD");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.locator(".letter-lookup").getByRole("alert")).toHaveText("查询码或密码不正确。");
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByTestId("letter-state")).toHaveText("已答复");
    await expect(page.getByText(journey.replies[0])).toBeVisible();
    const due = page.getByTestId("reply-due");
    await expect(due).toContainText(/经批准延长 3 个工作日/);
    await expect(due).toContainText(/次日起算 10 个工作日（含批准延期 3 个工作日）/);
    await expect(page.getByText("现场联合核查")).toHaveCount(0);
    await page.getByLabel("不满意", { exact: true }).check();
    await page.getByLabel("不满意，申请重新办理（只能申请一次）").check();
    await page.getByRole("button", { name: "提交评价" }).click();
    await expect(page.getByTestId("letter-state")).toHaveText("办理中");
    // The second reply runs on a clock of its own.
    await expect(page.getByText("重办答复期限")).toBeVisible();
    await expect(due).toContainText(/次日起算 7 个工作日/);

    // The second reply, reviewed again, closes it once the visitor is satisfied.
    await staff.reload();
    await draftReply(staff, journey.replies[1]);
    await reviewer.reload();
    await approveReply(reviewer);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByText("第 2 次答复（重办）", { exact: false })).toBeVisible();
    await expect(page.getByLabel("不满意，申请重新办理（只能申请一次）")).toHaveCount(0);
    await page.getByLabel("满意", { exact: true }).check();
    await page.getByRole("button", { name: "提交评价" }).click();
    await expect(page.getByTestId("letter-state")).toHaveText("已办结");

    // 留言选登: the handler keeps the detected masks, adds one, and submits the public copy to review.
    await staff.reload();
    const selection = staff.getByRole("region", { name: "留言选登" });
    await expect(selection.locator("mark").filter({ hasText: letter.name })).toBeVisible();
    await expect(selection.getByRole("checkbox", { name: `来信人姓名：${letter.name}` })).toBeChecked();
    await expect(selection.getByRole("checkbox", { name: `来信人电话：${letter.phone}` })).toBeChecked();
    await selection.getByLabel("补充遮蔽内容（每行一项）").fill("联系人");
    await selection.getByRole("button", { name: "生成选登稿并提交审核" }).click();
    await expect(staff.getByText(/该留言已选登/)).toBeVisible();

    // Not public before review; the cached list is purged when it is published.
    await page.goto(`${site.origin}/interaction/letters`);
    await expect(page.getByRole("heading", { level: 1, name: "留言选登" })).toBeVisible();
    await expect(page.getByRole("link", { name: letter.title })).toHaveCount(0);

    // The unit's review signs it like any item, stage by stage.
    for (const signer of journey.signers) {
      const checker = await staffPage(signer.user);
      await checker.goto("/admin/review");
      await checker.getByRole("link", { name: letter.title }).first().click();
      await checker.getByRole("button", { name: signer.button }).click();
      if (signer.next) await expect(checker.getByText(signer.next)).toBeVisible();
      else await expect(checker.getByText(/^状态：/)).toContainText(/审核通过|已发布/);
    }

    // The public finds it in 留言选登, with its dates, the answering unit, and the writer masked.
    await page.goto(`${site.origin}/interaction/letters`);
    const row = page.getByRole("row").filter({ hasText: letter.title });
    await expect(row).toContainText(journey.leadUnit);
    await expect(row.getByRole("cell").nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await expect(row.getByRole("cell").nth(3)).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByLabel("检索词").fill(letter.keyword);
    await page.getByRole("button", { name: "检索" }).click();
    await row.getByRole("link", { name: letter.title }).click();
    await expect(page.getByRole("heading", { name: "留言内容" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "答复内容" })).toBeVisible();
    await expect(page.getByText("＊＊＊＊＊，电话 ＊＊＊＊＊＊＊＊＊＊＊。", { exact: false })).toBeVisible();
    await expect(page.getByText(letter.name)).toHaveCount(0);
    await expect(page.getByText(journey.replies[1])).toBeVisible();

    // The Atom feed carries it; the statistics count the year's letters.
    // (Fetched by the browser: only it resolves the culture site's wlw.localhost.)
    const feed = (await page.goto(`${site.origin}/interaction/letters/feed.xml`))!;
    expect(feed.headers()["content-type"]).toContain("application/atom+xml");
    expect(await feed.text()).toContain(`<title>${letter.title}</title>`);
    await page.goto(`${site.origin}/interaction/statistics`);
    const total = page.getByRole("row").filter({ hasText: "全年合计" });
    await expect(total.getByRole("cell").nth(0)).toHaveText(/^[1-9]\d*$/);
    await expect(total.getByRole("cell").nth(4)).toHaveText(/^\d+\.\d%$/);
  });
}
