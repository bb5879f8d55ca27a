import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

// 征集调查, the first journey of #26: the district's site administrator opens a consultation on a
// draft policy and a survey; visitors answer (one of them without JavaScript) and comment; a second
// answer from the same browser is refused; the survey is ended; its 征集结果反馈, carrying the
// tallies, passes the five checks and the 直接责任人 and is published; the public page shows the
// results with ECharts charts, and the site's yearly count of done activities moves.

const SITE = "重庆市沙坪坝区人民政府";
const stamp = Date.now().toString(36).slice(-5);
const DRAFT_TITLE = `老旧小区改造实施办法公开征求意见（${stamp}）`;
const SURVEY_TITLE = `政务服务中心满意度问卷调查（${stamp}）`;

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  return page;
}

async function doneCount(admin: Page): Promise<number> {
  await admin.goto("/admin/consultations/quota");
  const row = admin.getByRole("row").filter({ hasText: SITE });
  return Number(await row.getByRole("cell").nth(1).textContent());
}

async function createActivity(admin: Page, fill: () => Promise<void>): Promise<string> {
  await admin.goto("/admin/consultations");
  await admin.getByRole("link", { name: "新建征集调查" }).click();
  await admin.getByLabel("发布栏目").selectOption({ label: `${SITE} / 政民互动` });
  await fill();
  await admin.getByRole("button", { name: "保存（暂不发布）" }).click();
  await expect(admin).toHaveURL(/\/admin\/consultations\/[0-9a-f-]{36}$/);
  await expect(admin.getByTestId("admin-phase")).toHaveText("未发布");
  await admin.getByRole("button", { name: "发布", exact: true }).click();
  await expect(admin.getByTestId("admin-phase")).toHaveText("征集中");
  return admin.url().split("/").at(-1)!;
}

test("a consultation on a draft policy and a survey: answered once each, closed, results reviewed and published", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const admin = await staffPage(browser, "siteadmin");
  const before = await doneCount(admin);

  // The consultation on a draft policy: a published 政策文件 of the library, shown in full.
  let draftTitle = "";
  const draftId = await createActivity(admin, async () => {
    await admin.getByLabel("类型", { exact: true }).selectOption("DRAFT");
    await admin.getByLabel("标题", { exact: true }).fill(DRAFT_TITLE);
    await admin.getByLabel("征集说明").fill("为广泛听取社会各界意见，现将征求意见稿全文公布，欢迎提出修改意见和建议。");
    const draft = admin.getByLabel(/征求意见稿/);
    const option = draft.locator("option", { hasText: "（政策文件）" }).first();
    draftTitle = (await option.textContent())!.replace(/（政策文件）$/, "");
    await draft.selectOption((await option.getAttribute("value"))!);
  });

  // The survey: a single-choice and a rating question.
  const surveyId = await createActivity(admin, async () => {
    await admin.getByLabel("类型", { exact: true }).selectOption("SURVEY");
    await admin.getByLabel("标题", { exact: true }).fill(SURVEY_TITLE);
    await admin
      .getByLabel("征集说明")
      .fill("为了解群众对区政务服务中心的评价，现开展问卷调查，结果将用于改进窗口服务。");
    const first = admin.getByRole("group", { name: "第 1 题" });
    await first.getByLabel("题目").fill("您主要通过哪种方式办理业务");
    await first.getByLabel("选项（每行一个）").fill("窗口办理\n网上办理\n自助终端");
    const second = admin.getByRole("group", { name: "第 2 题" });
    await second.getByLabel("题目").fill("您对办事效率的总体评价");
    await second.getByLabel("题型").selectOption("RATING");
    await second.getByLabel("评分满分（2–10）").fill("5");
  });

  // Visitors find both in the 政民互动 column.
  await page.goto("/columns/zmhd");
  const listed = page.getByRole("region", { name: "征集调查" });
  await expect(listed.getByRole("link", { name: DRAFT_TITLE })).toBeVisible();
  await listed.getByRole("link", { name: SURVEY_TITLE }).click();
  await expect(page.getByTestId("consultation-phase")).toHaveText("征集中");
  await page
    .getByRole("group", { name: /您主要通过哪种方式办理业务/ })
    .getByLabel("窗口办理")
    .check();
  await page
    .getByRole("group", { name: /您对办事效率的总体评价/ })
    .getByLabel("5 分")
    .check();
  await page.getByRole("button", { name: "提交", exact: true }).click();
  await expect(page.locator("#notice")).toHaveText(/提交成功，感谢您的参与/);

  // The same browser answers again: refused, nothing counted.
  await page.goto(`/interaction/consultations/${surveyId}`);
  await page
    .getByRole("group", { name: /您主要通过哪种方式办理业务/ })
    .getByLabel("网上办理")
    .check();
  await page
    .getByRole("group", { name: /您对办事效率的总体评价/ })
    .getByLabel("1 分")
    .check();
  await page.getByRole("button", { name: "提交", exact: true }).click();
  await expect(page.locator("#notice")).toHaveText(/您已参与过本次征集/);

  // Another visitor answers without JavaScript: the form is a plain post.
  const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await noScript.goto(`/interaction/consultations/${surveyId}`);
  await noScript
    .getByRole("group", { name: /您主要通过哪种方式办理业务/ })
    .getByLabel("网上办理")
    .check();
  await noScript
    .getByRole("group", { name: /您对办事效率的总体评价/ })
    .getByLabel("4 分")
    .check();
  await noScript.getByRole("button", { name: "提交", exact: true }).click();
  await expect(noScript.locator("#notice")).toHaveText(/提交成功/);

  // On the draft: the policy in full, an opinion and a comment (with a phone number in it).
  await page.goto(`/interaction/consultations/${draftId}`);
  await expect(
    page.getByRole("region", { name: "征求意见稿全文" }).getByRole("link", { name: draftTitle }),
  ).toBeVisible();
  await page
    .getByRole("group", { name: /您对征求意见稿的意见和建议/ })
    .getByRole("textbox")
    .fill("建议明确加装电梯的补贴标准。");
  await page.getByRole("button", { name: "提交", exact: true }).click();
  await expect(page.locator("#notice")).toHaveText(/提交成功/);
  await page.getByLabel("称呼").fill("张先生");
  await page.getByLabel("评论内容").fill("支持改造，我是张先生，电话 13912345678，希望尽快施工。");
  await page.getByRole("button", { name: "提交评论" }).click();
  await expect(page.locator("#notice")).toHaveText(/评论已提交，审核后公开/);
  await expect(page.getByText("希望尽快施工")).toHaveCount(0);

  // The moderator publishes the comment de-identified.
  await admin.goto(`/admin/consultations/${draftId}`);
  const comment = admin.getByRole("article", { name: "评论 1" });
  await expect(comment.getByLabel("公开内容（已去标识，可修改）")).not.toHaveValue(/13912345678/);
  await comment.getByRole("button", { name: "公开", exact: true }).click();
  await expect(comment.getByText(/^公开内容：/)).toBeVisible();
  await page.goto(`/interaction/consultations/${draftId}`);
  await expect(page.getByText(/希望尽快施工/)).toBeVisible();
  await expect(page.getByText(/13912345678/)).toHaveCount(0);
  await expect(page.getByText(/^张＊＊ ·/)).toBeVisible();

  // The survey is ended; no more answers; its feedback goes to review.
  await admin.goto(`/admin/consultations/${surveyId}`);
  await expect(admin.getByTestId("admin-participants")).toHaveText("共 2 人参与");
  admin.once("dialog", (dialog) => dialog.accept());
  await admin.getByRole("button", { name: "提前结束" }).click();
  await expect(admin.getByTestId("admin-phase")).toHaveText("已结束");
  await page.goto(`/interaction/consultations/${surveyId}`);
  await expect(page.getByTestId("consultation-phase")).toHaveText("已结束");
  await expect(page.getByRole("button", { name: "提交", exact: true })).toHaveCount(0);
  await expect(page.getByText("征集已结束，结果反馈经审核发布后在此公开。")).toBeVisible();

  await admin.getByLabel("征集情况说明").fill("本次调查共收到有效问卷 2 份，群众对办事效率总体满意。");
  await admin.getByLabel("意见采纳情况及理由").fill("采纳增加网上办理指引的建议，下月起在大厅设置网办引导岗。");
  await admin.getByRole("button", { name: "生成结果反馈并送审" }).click();
  await expect(admin.getByTestId("admin-phase")).toHaveText("结果反馈审核中");
  expect(await doneCount(admin)).toBe(before);

  // The unit's review: the five checks, then the 直接责任人.
  const feedbackTitle = `关于“${SURVEY_TITLE}”的征集结果反馈`;
  const checker = await staffPage(browser, "reviewer");
  await checker.goto("/admin/review");
  await checker.getByRole("link", { name: feedbackTitle }).first().click();
  await checker.getByRole("button", { name: "签署所选关口" }).click();
  await expect(checker.getByText(/直接责任人审批（进行中）/)).toBeVisible();
  const deputy = await staffPage(browser, "deputy");
  await deputy.goto("/admin/review");
  await deputy.getByRole("link", { name: feedbackTitle }).first().click();
  await deputy.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(deputy.getByText(/^状态：/)).toContainText(/审核通过|已发布/);

  // The public sees the results with charts drawn by ECharts, and the feedback itself.
  await page.goto(`/interaction/consultations/${surveyId}`);
  await expect(page.getByTestId("consultation-phase")).toHaveText("已反馈");
  const results = page.getByRole("region", { name: "征集结果" });
  await expect(results).toContainText("共 2 人参与");
  const chart = results.getByRole("img", { name: "“您主要通过哪种方式办理业务”的统计图" });
  await expect(chart).toBeVisible();
  const svg = await page.request.get((await chart.getAttribute("src"))!);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain("窗口办理");
  await expect(results.getByRole("row").filter({ hasText: "窗口办理" })).toContainText("50.0%");
  await expectAccessible(page);
  await results.getByRole("link", { name: "征集结果反馈" }).click();
  await expect(page.getByRole("heading", { level: 1, name: feedbackTitle })).toBeVisible();
  await expect(page.getByText("采纳增加网上办理指引的建议")).toBeVisible();

  // The quota counter moved.
  expect(await doneCount(admin)).toBe(before + 1);
});
