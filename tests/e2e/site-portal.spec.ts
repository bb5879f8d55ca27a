import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { expectAccessible, saveNewDistrictItem, signIn, signOut } from "./helpers";

// Issue #6 on the two seeded sites: the district portal (政务红) and the culture commission's
// (山水青), generated from one library.

const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";
const CULTURE = `http://wlw.localhost:${E2E.port}`;
const MONITORING = ["SiteName", "SiteIDCode", "ColumnName", "ColumnType"];

async function expectMeta(page: Page, names: string[]) {
  for (const name of names) await expect(page.locator(`meta[name="${name}"]`)).toHaveAttribute("content", /.+/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /^http/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /.+/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /.+/);
}

/** Fetched by the browser from the feed's own origin (*.localhost resolves only in Chromium). */
async function xml(page: Page, url: string) {
  await page.goto(url);
  const { status, text } = await page.evaluate(async (href) => {
    const response = await fetch(href);
    return { status: response.status, text: await response.text() };
  }, url);
  expect(status).toBe(200);
  // Parsed by the browser's own XML parser: a malformed feed fails here.
  const parsed = await page.evaluate((source) => {
    const document = new DOMParser().parseFromString(source, "application/xml");
    return { error: document.getElementsByTagName("parsererror").length > 0, root: document.documentElement.nodeName };
  }, text);
  expect(parsed.error).toBe(false);
  return { text, root: parsed.root };
}

test("every page type renders with the monitoring meta tags, and axe finds nothing serious", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".portal")).toHaveAttribute("data-theme", "classic");
  await expectMeta(page, MONITORING);
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    "href",
    /\/feed\.xml$/,
  );
  await expect(page.getByRole("region", { name: "政策解读" })).toBeVisible();
  await expect(page.getByRole("region", { name: "办事服务" }).getByRole("link", { name: "办事服务" })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`${CULTURE}/`);
  await expect(page.locator(".portal")).toHaveAttribute("data-theme", "landscape");
  await expect(page.locator(".home-blocks")).toHaveClass(/home-blocks-feature/);
  await expect(page.getByRole("contentinfo")).toContainText("网站标识码：5000000037");
  await expect(page.getByRole("contentinfo")).toContainText("渝ICP备2021004781号");

  // Column list with pagination links, and its meta tags.
  await page.goto("/columns/news");
  await expect(page.getByRole("heading", { level: 1, name: "政务动态" })).toBeVisible();
  await expect(page.locator('meta[name="ColumnName"]')).toHaveAttribute("content", "政务动态");
  await expect(
    page.getByRole("navigation", { name: "政务动态下级栏目" }).getByRole("link", { name: "通知公告" }),
  ).toBeVisible();
  await expectMeta(page, MONITORING);
  await expectAccessible(page);

  // The disclosure catalogue by category.
  await page.goto("/columns/zfxxgk");
  await expect(page.locator('meta[name="ColumnType"]')).toHaveAttribute("content", "政府信息公开");
  await expect(page.getByRole("region", { name: /法定主动公开内容/ }).first()).toBeVisible();
  await page.goto("/columns/fgwj");
  await expect(page.getByRole("heading", { name: /上级文件\s*（\d+ 条）/ })).toBeVisible();

  // The policy library: filter by year through its form, and by 文号.
  await page.goto("/columns/sjwj");
  await expectAccessible(page);
  const allCount = await page
    .getByRole("status")
    .filter({ hasText: /共 \d+ 件/ })
    .textContent();
  await page.getByLabel("成文年份").selectOption("2019");
  await page.getByRole("button", { name: "检索" }).click();
  await expect(page).toHaveURL(/year=2019/);
  await expect(page.getByRole("link", { name: CITY_OPINION })).toBeVisible();
  expect(
    await page
      .getByRole("status")
      .filter({ hasText: /共 \d+ 件/ })
      .textContent(),
  ).not.toBe(allCount);
  await page.getByLabel("文号").fill("渝府办发〔2019〕64号");
  await page.getByRole("button", { name: "检索" }).click();
  await expect(page.getByRole("status").filter({ hasText: "共 1 件" })).toBeVisible();

  // The policy document page: metadata table with validity; article tools; share QR.
  await page.getByRole("link", { name: CITY_OPINION }).click();
  await expect(page.getByRole("heading", { level: 1, name: CITY_OPINION })).toBeVisible();
  const table = page.getByRole("table", { name: "文件信息" });
  for (const label of ["索引号", "发文机关", "文号", "主题分类", "成文日期", "发布日期", "效力状态"])
    await expect(table.getByRole("rowheader", { name: label })).toBeVisible();
  await expect(table.getByRole("cell", { name: "有效" })).toBeVisible();
  await expect(page.getByText(/发布时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)).toBeVisible();
  await expectMeta(page, [...MONITORING, "ArticleTitle", "PubDate", "ContentSource"]);
  await page.getByRole("button", { name: "大", exact: true }).click();
  await expect(page.locator(".article")).toHaveAttribute("data-font", "large");
  await page.getByText("微信扫一扫分享").click();
  await expect(page.getByRole("img", { name: "本页网址的二维码" }).locator("svg")).toBeVisible();
  await expect(page.getByRole("link", { name: "分享到微博" })).toHaveAttribute("href", /service\.weibo\.com.*content/);
  await expectAccessible(page);

  await page.goto("/sitemap");
  await expect(page.getByRole("heading", { level: 1, name: "网站地图" })).toBeVisible();
  await expect(page.locator(".site-map").getByRole("link", { name: "政策解读" })).toBeVisible();

  const missing = await page.goto("/content/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "您访问的页面不存在" })).toBeVisible();
  // An address that matches no route: the same Chinese 404, inside the site's frame.
  const unknown = await page.goto("/no-such-page");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "您访问的页面不存在" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "政府信息公开" }),
  ).toBeVisible();
});

test("the accessibility toolbar and the 简繁 switch work and are remembered", async ({ page }) => {
  await page.goto("/columns/news");
  const toolbar = page.getByRole("toolbar", { name: "无障碍工具条" });
  await toolbar.getByRole("button", { name: "放大文字" }).click();
  await toolbar.getByRole("button", { name: "放大文字" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-a11y-scale", "2");
  await toolbar.getByRole("button", { name: "高对比度" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-a11y-contrast", "");
  await toolbar.getByRole("button", { name: "阅读辅助线" }).click();
  await page.mouse.move(200, 300);
  await expect(page.locator(".reading-guide")).toBeVisible();
  await toolbar.getByRole("button", { name: "繁體" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("政務動態");
  // Remembered on the next page. Accessible names are converted too (主导航 → 主導航), so screen
  // readers read the same script as the page.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("data-a11y-scale", "2");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-TW");
  await expect(
    page.getByRole("navigation", { name: "主導航" }).getByRole("link", { name: "政府信息公開" }),
  ).toBeVisible();
  await page.getByRole("toolbar", { name: "無障礙工具條" }).getByRole("button", { name: "重置" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-a11y-scale", "0");
  await expect(page.locator("html")).not.toHaveAttribute("data-a11y-contrast", "");
  await expect(
    page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "政府信息公开" }),
  ).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("an item placed on both sites appears on both, and after withdrawal leaves both, their feeds and sitemaps", async ({
  page,
}) => {
  // Opens every page of both sitemaps: the demo's few hundred 示例 items included.
  test.slow();
  const title = "全市政务新媒体集约化建设推进会召开";
  // The security administrator lets the district editor also edit for the culture commission.
  await signIn(page, "secadmin");
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "editor", exact: true }).click();
  const org = await page
    .locator("#field-orgId option")
    .filter({ hasText: "文化和旅游发展委员会" })
    .first()
    .getAttribute("value");
  await page.locator("#field-orgId").selectOption(org!);
  await page.locator("#field-role").selectOption("EDITOR");
  await page.getByRole("button", { name: "授予角色" }).click();
  await expect(
    page.getByText(/重庆市文化和旅游发展委员会.*采编|采编.*重庆市文化和旅游发展委员会/).first(),
  ).toBeVisible();
  await signOut(page);

  await signIn(page, "editor");
  // The editor now edits for two units: the item belongs to the district's section.
  await saveNewDistrictItem(page, title, "会议要求各区县、各部门统筹推进政务新媒体集约化建设。", true);
  const resourceUrl = page.url();
  await page.reload();
  const panel = page.getByRole("region", { name: "审核与发布" });
  await panel.getByLabel("沙坪坝区人民政府 · 沙坪坝要闻").check();
  await panel.getByLabel("重庆市文化和旅游发展委员会 · 通知公告").check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
  await signOut(page);

  await signIn(page, "reviewer");
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  // One action signs every check the reviewer holds (each ticked by default), each recorded apart.
  await page.getByRole("button", { name: "签署所选关口" }).click();
  for (const check of ["政治关", "法律关", "政策关", "保密关", "文字关"])
    await expect(page.getByRole("listitem").filter({ hasText: new RegExp(`^${check}：王磊 通过`) })).toBeVisible();
  await signOut(page);
  await signIn(page, "deputy");
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  await page.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(page.getByText(/^状态：审核通过/)).toBeVisible();

  // On both sites at once: home pages, columns, feeds and sitemaps.
  for (const base of ["", CULTURE]) {
    await page.goto(`${base}/`);
    await expect(page.getByRole("link", { name: title }).first()).toBeVisible();
    const feed = await xml(page, `${base || `http://localhost:${E2E.port}`}/feed.xml`);
    expect(feed.root).toBe("feed");
    expect(feed.text).toContain(title);
  }
  await page.goto(`${CULTURE}/columns/tzgg`);
  await page.getByRole("link", { name: title }).click();
  const resourceId = page.url().split("/").pop()!;
  for (const base of [`http://localhost:${E2E.port}`, CULTURE]) {
    const sitemap = await xml(page, `${base}/sitemap.xml`);
    expect(sitemap.root).toBe("urlset");
    expect(sitemap.text).toContain(`/content/${resourceId}`);
  }

  await page.goto(resourceUrl);
  const deputyPanel = page.getByRole("region", { name: "审核与发布" });
  await deputyPanel.getByText("撤稿（从所有网站栏目撤下）").click();
  await deputyPanel.getByLabel("撤稿原因").fill("会议信息需与主办方核实");
  page.once("dialog", (dialog) => void dialog.accept());
  await deputyPanel.getByRole("button", { name: "撤稿" }).click();
  await expect(deputyPanel.getByText(/已于 .* 撤稿/)).toBeVisible();

  for (const base of [`http://localhost:${E2E.port}`, CULTURE]) {
    await page.goto(`${base}/`);
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
    expect((await xml(page, `${base}/feed.xml`)).text).not.toContain(title);
    const sitemap = await xml(page, `${base}/sitemap.xml`);
    expect(sitemap.text).not.toContain(resourceId);
    // Every page the sitemap lists is published and opens.
    const urls = [...sitemap.text.matchAll(/<loc>([^<]+)<\/loc>/g)]
      .map((match) => match[1]!)
      .filter((url) => url.includes("/content/"));
    const statuses = await page.evaluate(async (list) => {
      // Four at a time: as many as the portal renders at once, so none waits in its queue.
      const answers: number[] = [];
      for (let start = 0; start < list.length; start += 4)
        answers.push(
          ...(await Promise.all(list.slice(start, start + 4).map(async (href) => (await fetch(href)).status))),
        );
      return answers;
    }, urls);
    expect(statuses.every((status) => status === 200)).toBe(true);
    await page.goto(`${base}/content/${resourceId}`);
    await expect(page.getByText(/该信息已于 .* 撤回/)).toBeVisible();
  }
});
