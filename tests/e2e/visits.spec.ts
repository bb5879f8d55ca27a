import { devices, expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Issue #29 item 4: a resident browses the district portal (in a browser of their own, signed out);
// the site administrator's 访问统计 then shows today's page views, the visitor and the search term,
// once the portal server has written its batch (every few seconds).

const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function todayViews(page: Page): Promise<number> {
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: chinaToday(), exact: true }) });
  return Number(await row.getByRole("cell").first().innerText());
}

test("the visits page shows today's views after visiting portal pages", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const term = `公租房申请${Date.now().toString(36)}`;
  await signIn(page, "siteadmin");
  await page.getByRole("link", { name: "访问统计", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/visits$/);
  await expect(page.getByRole("heading", { level: 1, name: "访问统计" })).toBeVisible();
  await expect(page.getByRole("img", { name: /每日浏览量与独立访客折线图/ })).toBeVisible();
  const before = await todayViews(page);

  const resident = await browser.newContext({
    userAgent: devices["Desktop Chrome"].userAgent,
    locale: "zh-CN",
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" },
  });
  try {
    const portal = await resident.newPage();
    const base = new URL(page.url()).origin;
    await portal.goto(`${base}/`);
    await portal.goto(`${base}/columns/ywdt`);
    // Asked three times: the table lists the 20 most asked terms, and the rest of the suite leaves
    // many terms asked once, which would push a term asked once off it.
    for (let time = 0; time < 3; time += 1) {
      await portal.goto(`${base}/search?q=${encodeURIComponent(term)}`);
      await expect(portal.getByRole("heading", { level: 1 })).toBeVisible();
    }
  } finally {
    await resident.close();
  }

  await expect
    .poll(
      async () => {
        await page.reload();
        return todayViews(page);
      },
      { timeout: 30_000, intervals: [1_000, 2_000] },
    )
    .toBeGreaterThanOrEqual(before + 3);
  // The searches may land in the counter's next write (every 5 s) after the views polled above.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByRole("table", { name: "热门搜索词" }).textContent();
      },
      { timeout: 30_000, intervals: [1_000, 2_000] },
    )
    .toContain(term);
  await expect(page.getByRole("table", { name: "受访页面排行" })).toContainText("/columns/ywdt");

  // The same figures as a file.
  const csv = await page.request.get(
    (await page.getByRole("link", { name: "导出 CSV" }).getAttribute("href")) ?? "/admin/visits/export",
  );
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(term);
});
