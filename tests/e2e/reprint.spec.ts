import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";

// Issue #29 item 3: the supervising unit subscribes the district portal to an upper-level feed (a
// local RSS feed in this test) and fetches it now; the editor opens 待转载, sees the item with its
// 1-hour clock and reprints it; the district's fast-track review (直接责任人) approves it, and the
// article appears in the reprint column with the upper-level site as its 来源.

test("an editor reprints an upper-level item within the hour; it is reviewed and shown with its 来源", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const title = `国务院关于加强基层应急管理能力建设的意见 ${suffix}`;
  const sourceName = `中国政府网（测试 ${suffix}）`;
  let body = "";
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss.xml`;
  try {
    // The supervising unit adds the source for the district portal.
    await signIn(page, "supervisor");
    await page.goto("/admin/reprints/sources");
    await expect(page.getByRole("heading", { level: 1, name: "转载源" })).toBeVisible();
    const create = page.locator("form.admin-form").last();
    await create.getByLabel("名称").fill(sourceName);
    await create.getByLabel("信息源地址").fill(feedUrl);
    await create.getByLabel("重庆市沙坪坝区人民政府").check();
    await create.getByRole("button", { name: "保存" }).click();
    await expect(create.getByRole("status")).toHaveText("转载源已保存。");

    // The upper-level site publishes; 立即抓取 brings it in.
    body = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>中国政府网</title>
      <item><title>${title}</title><link>https://www.gov.cn/zhengce/content/${suffix}.htm</link>
      <guid>${suffix}</guid><pubDate>${new Date(Date.now() + 1500).toUTCString()}</pubDate>
      <description>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现就加强基层应急管理能力建设提出如下意见。</description>
      </item></channel></rss>`;
    await page.reload();
    const sourceRow = page.getByRole("row").filter({ hasText: sourceName });
    await sourceRow.getByRole("button", { name: "立即抓取" }).click();
    await expect(sourceRow.getByRole("status")).toHaveText("抓取完成，新增待转载 1 条。");
    await signOut(page);

    // The editor opens 待转载 and reprints it within the hour.
    await signIn(page, "editor");
    await page.getByRole("link", { name: "待转载", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/reprints$/);
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row).toContainText(sourceName);
    await expect(row).toContainText(/还剩 \d+ 分钟/);
    await expect(row.getByRole("link", { name: "原文" })).toHaveAttribute(
      "href",
      `https://www.gov.cn/zhengce/content/${suffix}.htm`,
    );
    await row.getByRole("button", { name: "转载", exact: true }).click();
    // Taken into the fast-track review: the row now says so, and links the library item.
    await expect(row).toContainText("已转载");
    await expect(row).toContainText("发布时间 审核中");
    await expect(row.getByRole("link", { name: "查看稿件" })).toBeVisible();
    await signOut(page);

    // The district's fast-track review: its 直接责任人 approves, and it is published.
    await signIn(page, "deputy");
    await page.goto("/admin/review");
    await page.getByRole("link", { name: title }).first().click();
    await page.getByRole("button", { name: /^签署直接责任人/ }).click();
    await expect(page.getByText(/^状态：审核通过/)).toBeVisible();
    await signOut(page);

    // On the portal: in 沙坪坝要闻, with the upper-level site as 来源.
    await page.goto("/columns/ywdt");
    await page.getByRole("link", { name: title }).click();
    const article = page.locator("article.article");
    await expect(article.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(article.locator(".info")).toContainText(`来源：${sourceName}`);

    // The queue records when it was taken up and published.
    await signIn(page, "editor");
    await page.goto("/admin/reprints?state=TAKEN");
    const done = page.getByRole("row").filter({ hasText: title });
    await expect(done).toContainText("已转载（按时转载）");
    await expect(done).toContainText(/发布时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
