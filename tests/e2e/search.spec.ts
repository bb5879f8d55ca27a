import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";

// Issue #7: a visitor searches the portal, narrows by year, opens a result and sees the words
// highlighted; a mistyped word gets a suggestion; the search page passes axe.

const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";

test("a visitor searches, filters by year, opens a result, and the result page highlights the query", async ({
  page,
}) => {
  await page.goto("/");
  const box = page.getByRole("search", { name: "全站搜索" });
  await box.getByRole("searchbox", { name: "搜索本站信息" }).fill("政务新媒体");
  await box.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole("heading", { level: 1, name: "站内搜索" })).toBeVisible();
  const summary = page.locator(".search-summary");
  await expect(summary).toContainText(/共找到 \d+ 条结果/);
  const total = Number(/(\d+)/.exec((await summary.textContent()) ?? "")![1]);
  await expect(page.locator(".search-hit mark").first()).toHaveText(/政务新媒体|新媒体/);
  await expectAccessible(page);

  // 发布年份: choose the year with the fewest results; every result then carries it.
  const years = page
    .getByRole("region", { name: "发布年份" })
    .getByRole("link")
    .filter({ hasText: /^\d{4}年/ });
  const last = years.last();
  const label = (await last.textContent())!;
  const [, year, count] = /^(\d{4})年（(\d+)）$/.exec(label.trim())!;
  expect(Number(count)).toBeLessThan(total);
  await last.click();
  await expect(page).toHaveURL(new RegExp(`year=${year}`));
  await expect(summary).toHaveText(`共找到 ${count} 条结果`);
  for (const meta of await page.locator(".search-hit .item-meta").allTextContents())
    expect(meta).toContain(`发布时间：${year}-`);

  const first = page.locator(".search-hit h3 a").first();
  const title = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/content\/.+hl=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator("article mark.search-hit").first()).toBeVisible();
  await expect(page.locator("article mark.search-hit").first()).toHaveText("政务新媒体");
});

const JILIN_OPINION = "吉林省人民政府办公厅关于加强政府网站信息内容建设的实施意见";

test("the seeded policies are found by topic and by 文号, and a mistyped word gets a suggestion", async ({ page }) => {
  await page.goto("/search?q=中央厨房");
  await expect(page.locator(".search-hit h3 a").first()).toHaveText(CITY_OPINION);
  await page.goto(`/search?q=${encodeURIComponent("来政办发〔2021〕30号")}&scope=all`);
  await expect(page.locator(".search-hit h3 a").first()).toContainText("来宾市政务新媒体管理实施细则");
  await page.goto("/search?q=社保卡补办");
  await expect(page.locator(".search-hit").first()).toContainText("办事入口");
  await expect(page.locator(".search-hit h3 a").first()).toHaveAttribute("href", "https://zwykb.cq.gov.cn/grbs/sbk/");

  await page.goto("/search?q=中央厨方");
  await expect(page.getByRole("status")).toContainText("没有找到与“中央厨方”相关的信息");
  await page.getByRole("link", { name: "中央厨房" }).click();
  await expect(page.locator(".search-hit h3 a").first()).toHaveText(CITY_OPINION);

  // A mistyped 文号 (wrong issuer character, square brackets) gets the existing one.
  await page.goto(`/search?q=${encodeURIComponent("机政办发[2015]5号")}`);
  await expect(page.locator(".suggestion")).toContainText("您是不是要找：吉政办发〔2015〕5号");
  await page.getByRole("link", { name: "吉政办发〔2015〕5号" }).click();
  await expect(page.locator(".search-hit h3 a").first()).toHaveText(JILIN_OPINION);
  // The issuer facet names the issuer the result shows.
  await expect(page.locator(".search-hit").first()).toContainText("吉林省人民政府办公厅");
  await expect(
    page.getByRole("region", { name: "发布机构" }).getByRole("link", { name: /^吉林省人民政府办公厅（\d+）$/ }),
  ).toBeVisible();

  await page.goto("/search?q=政务&year=abc");
  await expect(page.getByRole("alert").filter({ hasText: "年份无效" })).toBeVisible();
  await expect(page.locator(".search-hit")).toHaveCount(0);
});
