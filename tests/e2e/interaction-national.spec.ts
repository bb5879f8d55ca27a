import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// #25 item 7 and the message-type editor: the district's site administrator adds a message type
// and the letter form offers it at once; a 留言办理员 registers a message the national
// 我为政府网站找错 platform forwarded, handles it on its own clock, the 直接责任人 approves the reply,
// and the handler records its entry on the national platform; the statistics count it apart.

const suffix = Date.now().toString(36);

test("a site administrator adds a message type and the letter form offers it", async ({ page }) => {
  await signIn(page, "siteadmin");
  await page.goto("/admin/sites");
  // The district's site comes first.
  await page.getByRole("table", { name: "网站列表" }).getByRole("link").first().click();
  await page.getByRole("link", { name: "留言类型", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /留言类型/ })).toBeVisible();
  await expect(page.getByText(/已收到的留言按收到时的时限计算/)).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "我为政府网站找错（national）" })).toBeVisible();

  const form = page.getByRole("region", { name: "新增留言类型" });
  await form.getByLabel("类型名称").fill("人才政策咨询");
  // A code another type holds is refused beside its field, and nothing is saved.
  await form.getByLabel(/^地址代码/).fill("consult");
  await form.getByLabel("类别").selectOption({ label: "咨询" });
  await form.getByLabel(/^说明/).fill("咨询人才引进、落户、安家补贴等政策，由区政府办公室综合科答复。");
  await form.getByLabel("办理单位").selectOption({ label: "重庆市沙坪坝区人民政府 / 区政府办公室综合科" });
  await form.getByLabel("答复时限", { exact: true }).fill("5");
  await form.getByRole("button", { name: "新增留言类型" }).click();
  await expect(form.getByText("地址代码重复")).toBeVisible();

  await form.getByLabel(/^地址代码/).fill(`talent-${suffix}`);
  await form.getByRole("button", { name: "新增留言类型" }).click();
  await expect(form.getByRole("status")).toHaveText("已保存留言类型“人才政策咨询”，首页和写信页已同步更新。");
  await expect(page.getByRole("rowheader", { name: `人才政策咨询（talent-${suffix}）` })).toBeVisible();

  // The visitor's letter form offers it, chosen by its address.
  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(`/interaction/write?type=talent-${suffix}`);
  await expect(visitor.getByLabel(/留言类型/)).toHaveValue(`talent-${suffix}`);
  // The national type is not offered to the public.
  await expect(visitor.getByLabel(/留言类型/).locator("option", { hasText: "我为政府网站找错" })).toHaveCount(0);
  await visitor.close();
});

test("a national 找错 message is registered, answered after review and entered on the platform", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const number = `GZ${suffix.toUpperCase()}`;
  await signIn(page, "handler");
  await page.goto("/admin/interaction");
  await page.getByRole("link", { name: "登记国家平台留言" }).click();
  await page.getByLabel("平台留言编号").fill(number);
  await page.getByLabel("出错页面网址").fill("http://localhost/columns/news");
  await page.getByLabel("留言标题").fill("要闻栏目图片无法显示");
  await page.getByLabel("留言内容").fill("贵网站要闻栏目首条新闻的配图无法显示，请核实处理。");
  await page.getByRole("button", { name: "登记", exact: true }).click();

  // The new message's page: the platform's number, the forwarding time, no invented writer.
  await expect(page.getByRole("heading", { level: 1, name: "要闻栏目图片无法显示" })).toBeVisible();
  await expect(page.getByText(number, { exact: true })).toBeVisible();
  await expect(page.getByText("我为政府网站找错", { exact: true })).toBeVisible();
  await expect(page.getByText("（平台未提供）　电话：（平台未提供）")).toBeVisible();
  await expect(page.getByText(/次日起算 3 个工作日/)).toBeVisible();

  // Registering the same number again is refused.
  await page.goto("/admin/interaction/national");
  await page.getByLabel("平台留言编号").fill(number);
  await page.getByLabel("出错页面网址").fill("http://localhost/columns/news");
  await page.getByLabel("留言标题").fill("重复登记");
  await page.getByLabel("留言内容").fill("重复登记的留言内容。");
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`平台留言编号 ${number} 已于`);

  // Handled like any letter.
  await page.goto("/admin/interaction?channel=NATIONAL");
  await page.getByRole("link", { name: "要闻栏目图片无法显示" }).click();
  await expect(page).toHaveURL(/\/admin\/interaction\/[0-9a-f-]{36}$/);
  const letterUrl = page.url();
  await page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(page.getByRole("button", { name: "转办" })).toBeVisible();
  await page.getByRole("checkbox", { name: "区政府办公室综合科" }).check();
  await page.getByLabel("主办单位").selectOption({ label: "区政府办公室综合科" });
  await page.getByRole("button", { name: "转办" }).click();
  await expect(page.getByText("已转办。")).toBeVisible();
  const reply = "您反映的要闻栏目配图问题已修复，图片可正常显示。感谢您对我区政府网站的关注和支持。";
  await page.getByLabel("答复内容").fill(reply);
  await page.getByRole("button", { name: "保存答复" }).click();
  await expect(page.getByText("答复已保存。")).toBeVisible();
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("答复审核中", { exact: true })).toBeVisible();

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "deputy");
  await reviewer.goto(letterUrl);
  await reviewer.getByRole("button", { name: "提交审核意见" }).click();
  await expect(reviewer.getByText("已答复", { exact: true })).toBeVisible();
  // Only the handler records the entry on the national platform.
  await expect(reviewer.getByRole("button", { name: "记录录入时间" })).toHaveCount(0);

  await page.reload();
  const entry = page.getByRole("region", { name: "国家平台反馈" });
  await expect(entry.getByLabel("答复原文（复制后录入国家平台）")).toHaveValue(reply);
  await entry.getByRole("button", { name: "记录录入时间" }).click();
  await expect(entry.getByText(/^已于国家平台录入：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)).toBeVisible();
  await expect(page.getByText("已办结", { exact: true })).toBeVisible();

  // The public statistics count it apart from the site's own letters.
  await page.goto("/interaction/statistics");
  const national = page.getByRole("region", { name: "我为政府网站找错留言办理情况" });
  await expect(national.getByRole("row", { name: /全年合计/ })).toContainText("100.0%");
});
