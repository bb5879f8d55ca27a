import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

// Issue #21's load goals: the portal server renders article and search pages itself
// (lib/portal-render), without Next.js's RSC payload. A visitor gets the same page either way:
// the same visible text, title and meta tags as Next.js renders for the same address (asked for
// here with a client-router header, on which the portal renderer declines), the islands work
// (search highlighting, the font-size switch, the accessibility toolbar) under the CSP, and an
// address the renderer does not know is answered as before (404 with the site's frame).

const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";
/** A header on which the portal renderer hands the request to Next.js (Next renders it as HTML). */
const NEXT_RENDER = { "next-router-state-tree": "e2e" };

test.describe.configure({ timeout: 180_000 });

/** The page's visible text of <main>, and its title and meta tags, from its HTML. */
function partsOf(html: string) {
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? "";
  const text = main
    .replace(/<script\b[\s\S]*?<\/script>/g, "")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  const metas = [
    ...html.matchAll(/<meta (?:name|property)="[^"]+" content="[^"]*"\/>|<link rel="(?:canonical|alternate)"[^>]*>/g),
  ]
    .map((match) => match[0])
    .sort();
  return { text, title, metas };
}

async function articlePath(page: Page): Promise<string> {
  await page.goto(`/search?q=${encodeURIComponent("健康有序发展")}`);
  const link = page.locator(".search-hit h3 a", { hasText: CITY_OPINION }).first();
  const href = (await link.getAttribute("href"))!;
  return new URL(href, "http://x").pathname;
}

async function bothRenders(request: APIRequestContext, path: string, marker: string) {
  const join = path.includes("?") ? "&" : "?";
  const own = await request.get(`${path}${join}render=${marker}-own`);
  const next = await request.get(`${path}${join}render=${marker}-next`, { headers: NEXT_RENDER });
  expect(own.status()).toBe(200);
  expect(next.status()).toBe(200);
  return { own: await own.text(), next: await next.text() };
}

test("the home page, an article and a search are the same page from the portal renderer as from Next.js", async ({
  page,
  request,
}) => {
  const path = await articlePath(page);
  expect(path).toMatch(/^\/content\/[0-9a-f-]{36}$/);
  for (const target of ["/", path, `/search?q=${encodeURIComponent("政务 公开")}`]) {
    const { own, next } = await bothRenders(request, target, "compare");
    // The renderer's page carries no RSC payload and loads the island script; Next's does.
    expect(own).not.toContain("self.__next_f");
    expect(own).toMatch(/<script type="module" src="\/_next\/static\/islands\/boot-[^"]+\.js"><\/script>/);
    expect(next).toContain("self.__next_f");
    expect(own.length).toBeLessThan(next.length);
    const mine = partsOf(own.replaceAll("render=compare-own", "render=X"));
    const theirs = partsOf(next.replaceAll("render=compare-next", "render=X"));
    expect(mine.text.length).toBeGreaterThan(20);
    expect(mine.text).toBe(theirs.text);
    expect(mine.title).toBe(theirs.title);
    expect(mine.metas).toEqual(theirs.metas);
  }
});

test("the islands of a page the portal renders work under the CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to|hydrat/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(error.message));
  const path = await articlePath(page);
  const response = await page.goto(`${path}?hl=${encodeURIComponent("政务新媒体")}`);
  expect(await response!.text()).not.toContain("self.__next_f");
  // Search highlighting (an island) marks the words.
  await expect(page.locator("article.article mark.search-hit").first()).toHaveText("政务新媒体");
  // The font-size switch (an island).
  await page.getByRole("group", { name: "字号" }).getByRole("button", { name: "大" }).click();
  await expect(page.locator("article.article")).toHaveAttribute("data-font", "large");
  // The accessibility toolbar (an island; on a desktop every tool is shown, 更多 only on a phone).
  await page.getByRole("button", { name: "高对比度" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-a11y-contrast", "");
  await page.getByRole("button", { name: "重置" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-a11y-contrast", "");
  expect(violations).toEqual([]);
});

test("addresses the renderer does not own or find are answered as before", async ({ request }) => {
  for (const path of ["/content/00000000-0000-4000-8000-000000000000", "/content/not-an-id", "/content/%zz"]) {
    const response = await request.get(path);
    expect([400, 404], path).toContain(response.status());
    if (response.status() === 404) {
      const html = await response.text();
      expect(html, path).toContain("<h1>您访问的页面不存在</h1>");
      expect(html, path).toContain('class="site-nav"');
    }
  }
});
