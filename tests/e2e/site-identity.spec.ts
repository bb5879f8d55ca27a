import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { E2E } from "./env";
import { expectAccessible, signIn } from "./helpers";

// Issue #24 items 2 and 5: the site administrator changes the theme and uploads a logo, and the
// portal shows them; every portal footer carries the 党政机关网站标识, the national 我为政府网站找错
// entry (site code and this page's address, encoded) and the site's own 网站纠错 entry;
// /favicon.ico answers with an image. The district site is put back as it was at the end.

const HOME = `http://localhost:${E2E.port}`;
const CULTURE = `http://wlw.localhost:${E2E.port}`;

/** The footer's inspection entries name this site and the page they are on. */
async function expectFooterEntries(page: Page, siteCode: string, pageUrl: string) {
  const footer = page.getByRole("contentinfo");
  await expect(footer.getByRole("link", { name: "党政机关网站标识" })).toHaveAttribute(
    "href",
    /^http:\/\/bszs\.conac\.cn\/sitename\?method=show&id=/,
  );
  const report = new URL((await footer.getByRole("link", { name: "我为政府网站找错" }).getAttribute("href"))!);
  expect(report.origin).toBe("https://zfwzzc.www.gov.cn");
  expect(report.searchParams.get("sitecode")).toBe(siteCode);
  expect(report.searchParams.get("url")).toBe(pageUrl);
  await expect(footer.getByRole("link", { name: "网站纠错" })).toHaveAttribute(
    "href",
    `/interaction/write?type=correction&page=${encodeURIComponent(pageUrl)}`,
  );
  await expect(footer).toContainText(`网站标识码：${siteCode}`);
  await expect(footer).toContainText("承办单位");
}

test("both sites show the badge, 找错 and 纠错 entries and their own /favicon.ico", async ({ page, request }) => {
  for (const [base, siteCode] of [
    [HOME, "5001060001"],
    [CULTURE, "5000000037"],
  ] as const) {
    await page.goto(`${base}/`);
    await expectFooterEntries(page, siteCode, `${base}/`);
    await expect(page.locator('head link[rel="icon"]')).toHaveAttribute("href", /^\/favicon\.ico/);
  }
  // A column page, asked twice (the second answer comes from the page cache), names itself.
  for (let visit = 0; visit < 2; visit += 1) {
    await page.goto("/columns/news?page=1");
    await expectFooterEntries(page, "5001060001", `${HOME}/columns/news?page=1`);
  }
  await expectAccessible(page);

  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\//);
  expect((await icon.body()).byteLength).toBeGreaterThan(100);
});

test("the site administrator changes theme and logo, and the portal shows them", async ({ page, request }) => {
  const logo = await sharp({ create: { width: 240, height: 64, channels: 4, background: "#1a5291" } })
    .png()
    .toBuffer();
  await signIn(page, "siteadmin");
  await page.goto("/admin/sites");
  await page
    .getByRole("main")
    .getByRole("link", { name: /沙坪坝/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "网站信息" })).toBeVisible();
  const settingsUrl = page.url();
  await expectAccessible(page);
  const form = page.locator("form", { has: page.getByLabel("网站主题") });
  const save = form.getByRole("button", { name: "保存网站信息" });

  try {
    // A favicon of the wrong type is refused in Chinese, next to its field, and nothing is saved.
    await form.getByLabel("网站主题").selectOption("azure");
    await form.getByLabel(/^上传网站图标/).setInputFiles({ name: "icon.jpg", mimeType: "image/jpeg", buffer: logo });
    await save.click();
    await expect(form.getByRole("status")).toContainText("网站图标只能上传 PNG、ICO 图片");
    await page.goto("/");
    await expect(page.locator(".portal")).toHaveAttribute("data-theme", "classic");
    await page.goto(settingsUrl);

    await form.getByLabel("网站主题").selectOption("azure");
    await form.getByLabel(/^上传网站标志/).setInputFiles({ name: "区标志.png", mimeType: "image/png", buffer: logo });
    // The header preview shows the chosen theme and the chosen file before anything is saved.
    const preview = form.getByRole("figure", { name: "页头预览" });
    await expect(preview.locator(".preview-logo")).toHaveAttribute("src", /^blob:/);
    await expect(preview.locator(".preview-header")).toHaveCSS("background-color", "rgb(26, 82, 145)");
    await save.click();
    await expect(form.getByRole("status")).toContainText("已保存");
    await expect(form.getByRole("img", { name: "当前网站标志" })).toBeVisible();

    await page.goto("/");
    await expect(page.locator(".portal")).toHaveAttribute("data-theme", "azure");
    const shown = page.locator("header img.site-logo-image");
    await expect(shown).toBeVisible();
    const src = (await shown.getAttribute("src"))!;
    expect(src).toMatch(/^\/api\/assets\/[0-9a-f-]{36}$/);
    await expectAccessible(page);

    // The logo is public: a visitor without a session (the request fixture has no cookies) gets it.
    const image = await request.get(src);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
    expect(image.headers()["cache-control"]).toMatch(/^public/);
  } finally {
    await page.goto(settingsUrl);
    await form.getByLabel("网站主题").selectOption("classic");
    const remove = form.getByLabel("删除，改用主题自带标志");
    if (await remove.count()) await remove.check();
    await save.click();
    await expect(form.getByRole("status")).toContainText("已保存");
  }
  await page.goto("/");
  await expect(page.locator(".portal")).toHaveAttribute("data-theme", "classic");
  await expect(page.locator("header img.site-logo-image")).toHaveCount(0);
});
