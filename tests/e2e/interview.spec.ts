import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./helpers";
import { approveThroughReview, portrait } from "./content-kinds-steps";

// #26 "Done when", second journey: the interaction handler announces an interview on the district
// site; a visitor opens its page and asks (altcha in the real browser, under the portal's strict
// CSP); the question appears on the open page only after moderation, and the guest's answer
// arrives on that same page without a reload (server-sent events); the interview closes, its
// 文字实录 is reviewed (五关 and 直接责任人) and published, and the page links to it.

async function solveCaptcha(page: Page) {
  await page.locator("altcha-widget").getByText("我不是机器人").click();
  await expect(page.getByText("验证通过")).toBeVisible({ timeout: 30_000 });
}

test("an interview is announced, a question appears after moderation, the answer arrives live, the 实录 is published", async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  const topic = `城乡居民医保参保缴费在线访谈 ${Date.now().toString(36)}`;
  const violations: string[] = [];

  // The handler announces it, with a guest's photo.
  await signIn(page, "handler");
  await page.goto("/admin/interviews");
  await page.getByRole("link", { name: "新建访谈预告" }).click();
  await expect(page).toHaveURL(/\/admin\/interviews\/new$/);
  await page.getByLabel("网站", { exact: true }).selectOption({ label: "重庆市沙坪坝区人民政府" });
  await page.getByLabel("访谈主题").fill(topic);
  await page.getByLabel("访谈时间").fill("2026-12-20T09:30");
  await page.getByLabel("结束时间").fill("2026-12-20T11:00");
  await page
    .getByLabel("访谈简介")
    .fill("区医疗保障局负责人解读 2027 年度城乡居民医保参保缴费政策，回答网友关心的问题。");
  await page.locator('[id="field-guests.0.name"]').fill("张明");
  await page.locator('[id="field-guests.0.title"]').fill("局长");
  await page.locator('[id="field-guests.0.unit"]').fill("区医疗保障局");
  await page
    .locator('[id="field-guests.0.photo"]')
    .setInputFiles({ name: "zhangming.png", mimeType: "image/png", buffer: await portrait() });
  await page.getByRole("button", { name: "新建访谈预告" }).click();
  await expect(page).toHaveURL(/\/admin\/interviews\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: topic })).toBeVisible();
  const adminUrl = page.url();

  // A visitor finds it among the announcements and asks.
  const visitor = await (await browser.newContext()).newPage();
  visitor.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await visitor.goto("/interaction/interviews");
  await visitor.getByRole("table", { name: "访谈预告" }).getByRole("link", { name: topic }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: topic })).toBeVisible();
  await expect(visitor.getByRole("img", { name: "张明" })).toBeVisible();
  await visitor.getByLabel(/^提问内容/).fill("灵活就业人员怎么参保？我的电话是 13912345678。");
  await visitor.getByLabel("网名").fill("山城小王");
  await solveCaptcha(visitor);
  await visitor.getByRole("button", { name: "提交提问" }).click();
  await expect(visitor.getByText("提问已提交，审核通过后将在页面显示。")).toBeVisible();
  const record = visitor.getByTestId("interview-record");
  await expect(visitor.getByText("本页正在实时更新")).toBeVisible();
  // The page stays open from here on: a reload would lose this mark.
  await visitor.evaluate(() => ((window as unknown as { stayedOpen: boolean }).stayedOpen = true));
  await expect(record.getByText(/灵活就业人员/)).toHaveCount(0);

  // The handler approves it with the phone number masked; it appears on the open page.
  await page.reload();
  const queued = page.getByRole("article", { name: "山城小王的提问" });
  await expect(queued.getByLabel("显示内容（已去标识，可修改）")).not.toHaveValue(/13912345678/);
  await queued.getByRole("button", { name: "采用", exact: true }).click();
  await expect(record.getByText(/灵活就业人员怎么参保/)).toBeVisible();
  await expect(record).not.toContainText("13912345678");

  // Live: the guest's answer arrives without a reload.
  await page.reload();
  await page.getByRole("button", { name: "开始直播" }).click();
  await expect(page.getByRole("heading", { name: "发布答复" })).toBeVisible();
  await page.getByLabel("答复嘉宾").selectOption({ label: "局长张明" });
  await page.getByLabel("答复的提问").selectOption({ index: 1 });
  await page.getByLabel("答复内容").fill("灵活就业人员可在户籍地或居住地参加城乡居民医保，通过税务缴费渠道缴费。");
  await page.getByRole("button", { name: "发布答复" }).click();
  await expect(record.getByText(/可在户籍地或居住地参加城乡居民医保/)).toBeVisible();
  await expect(record.getByText("局长张明：")).toBeVisible();
  expect(await visitor.evaluate(() => (window as unknown as { stayedOpen?: boolean }).stayedOpen)).toBe(true);

  // A post typed in error is retracted: it leaves the open page too.
  await page.getByLabel("答复内容").fill("本条为误发内容。");
  await page.getByRole("button", { name: "发布答复" }).click();
  await expect(record.getByText("本条为误发内容。")).toBeVisible();
  const mistaken = page.getByRole("listitem").filter({ hasText: "本条为误发内容。" });
  await mistaken.getByText("撤回", { exact: true }).first().click();
  await mistaken.getByLabel("撤回原因").fill("误发");
  page.once("dialog", (dialog) => void dialog.accept());
  await mistaken.getByRole("button", { name: "撤回" }).click();
  await expect(record.getByText("本条为误发内容。")).toHaveCount(0);
  await expect(record.getByText(/可在户籍地或居住地参加城乡居民医保/)).toBeVisible();

  // The interview closes; the open page says so. The 文字实录 goes to review.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "结束访谈" }).click();
  await expect(visitor.getByRole("heading", { name: "访谈记录（已结束）" })).toBeVisible();
  await page.goto(adminUrl);
  const transcript = page.getByRole("region", { name: "文字实录" });
  await expect(transcript.getByLabel("实录正文（每段一行）")).toHaveValue(/网友“山城小王”：灵活就业人员怎么参保/);
  await transcript.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText(/文字实录已提交审核/).first()).toBeVisible();
  await signOut(page);

  await approveThroughReview(page, `“${topic}”在线访谈文字实录`);

  await visitor.reload();
  await visitor.getByRole("link", { name: "查看文字实录" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: `“${topic}”在线访谈文字实录` })).toBeVisible();
  await expect(visitor.getByText(/张明：灵活就业人员可在户籍地或居住地参加城乡居民医保/)).toBeVisible();
  expect(violations).toEqual([]);
});
