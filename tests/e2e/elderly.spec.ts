import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./helpers";

// Issue #24 item 7: the portal for a visitor who is old, has low vision or reads with difficulty.
// 适老化 mode (larger type and targets, one column, AAA contrast) remembered and applied before
// first paint; 语音朗读 of the page or the selection and 指读 of what the pointer rests on, through
// the browser's own speech synthesis; 大鼠标; the toolbar on one row of a phone, keyboard operable
// and reset-able — all under the strict CSP, rendered and from the page cache.
//
// What is read aloud is observed by wrapping speechSynthesis.speak before the page loads: the
// wrapper records each utterance the page hands the browser (its text and language) and passes it
// on to the real engine, so it records what the page asked for without faking the feature.

type Spoken = { text: string; lang: string };

/** Records script errors and CSP violations on every page the test opens, and what is read aloud. */
async function watchPage(page: Page) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`error on ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    // A missing resource (e.g. a favicon) is the server's answer, not a script error.
    if (message.type() === "error" && !/Failed to load resource/.test(message.text()))
      problems.push(`console on ${page.url()}: ${message.text()}`);
  });
  await page.exposeBinding("__reportCspViolation", (_source, text: string) => void problems.push(text));
  await page.addInitScript(() => {
    const record = window as unknown as { __spoken: Spoken[]; __reportCspViolation: (text: string) => void };
    record.__spoken = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      void record.__reportCspViolation(
        `CSP on ${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`,
      );
    });
    const synthesis = window.speechSynthesis;
    if (!synthesis) return;
    const speak = synthesis.speak.bind(synthesis);
    synthesis.speak = (utterance: SpeechSynthesisUtterance) => {
      record.__spoken.push({ text: utterance.text, lang: utterance.lang });
      speak(utterance);
    };
  });
  return problems;
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);
const squash = (text: string) => text.replace(/\s+/g, "");

const toolbar = (page: Page) => page.getByRole("toolbar", { name: "无障碍工具条" });
const tool = (page: Page, name: string) => toolbar(page).getByRole("button", { name, exact: true });

async function heightOf(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return box!.height;
}

/** axe's WCAG AAA contrast rule (7:1 for text) in 适老化 mode. */
async function expectEnhancedContrast(page: Page) {
  const results = await new AxeBuilder({ page }).withRules(["color-contrast-enhanced"]).analyze();
  expect(
    results.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`),
    ),
  ).toEqual([]);
}

/** An article of the seeded district portal, reached from its home page. */
async function openArticle(page: Page) {
  await page.goto("/");
  const href = await page.locator("main a[href^='/content/']").first().getAttribute("href");
  await page.goto(href!);
  await expect(page.locator(".article-body p").first()).toBeVisible();
}

test.describe.configure({ timeout: 120_000 });

test("适老化 enlarges type and targets, shows one column at AAA contrast, and is remembered before first paint", async ({
  page,
  browser,
}) => {
  const problems = await watchPage(page);
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveCSS("font-size", "16px");
  const nav = page.getByRole("navigation", { name: "主导航" }).getByRole("link").first();
  const moreLink = page.locator(".home-block h2 a.more").first();
  const smallBefore = await heightOf(moreLink);

  // On a wide screen every tool is in the row: there is nothing to open under 更多.
  await expect(tool(page, "大鼠标")).toBeVisible();
  await expect(tool(page, "更多")).toBeHidden();
  const elderly = tool(page, "适老化");
  await expect(elderly).toHaveAttribute("aria-pressed", "false");
  await elderly.click();
  await expect(elderly).toHaveAttribute("aria-pressed", "true");
  await expect(html).toHaveAttribute("data-a11y-elderly", "");
  expect(parseFloat(await html.evaluate((element) => getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(20);
  expect(
    parseFloat(
      await page
        .locator("main p, main li")
        .first()
        .evaluate((e) => getComputedStyle(e).fontSize),
    ),
  ).toBeGreaterThanOrEqual(20);
  for (const button of await toolbar(page).getByRole("button").all())
    expect(await heightOf(button)).toBeGreaterThanOrEqual(44);
  expect(await heightOf(nav)).toBeGreaterThanOrEqual(44);
  expect(await heightOf(moreLink)).toBeGreaterThanOrEqual(44);
  expect(await heightOf(moreLink)).toBeGreaterThan(smallBefore);
  const search = page.getByRole("search").getByRole("button");
  expect(parseFloat(await search.evaluate((element) => getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(20);
  await expect(tool(page, "更多")).toBeHidden();
  // One column: the home page's blocks that share a row on a wide screen stack.
  const columns = await page
    .locator(".home-row")
    .first()
    .evaluate((element) => getComputedStyle(element).gridTemplateColumns);
  expect(columns.trim().split(/\s+/)).toHaveLength(1);
  await expectEnhancedContrast(page);
  await expectAccessible(page);

  // Remembered: after a reload and on the next page.
  await page.reload();
  await expect(html).toHaveAttribute("data-a11y-elderly", "");
  await expect(tool(page, "适老化")).toHaveAttribute("aria-pressed", "true");
  await page.goto("/columns/news");
  await expect(html).toHaveAttribute("data-a11y-elderly", "");
  await expectEnhancedContrast(page);
  await expectAccessible(page);
  await openArticle(page);
  await expect(html).toHaveAttribute("data-a11y-elderly", "");
  await expectEnhancedContrast(page);
  await expectAccessible(page);

  // Before first paint: with every script file refused, only the page's inline boot script runs —
  // and the mode is on, from the rendered page and again from the page cache.
  const context = page.context();
  const bare = await context.newPage();
  await bare.route("**/_next/static/**/*.js", (route) => route.abort());
  const cspViolations: string[] = [];
  bare.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  for (const path of ["/sitemap", "/sitemap"]) {
    const response = await bare.goto(path);
    await expect(bare.locator("html")).toHaveAttribute("data-a11y-elderly", "");
    await expect(bare.locator("html")).toHaveCSS("font-size", "20px");
    const scripts = /script-src [^;]*/.exec(response?.headers()["content-security-policy"] ?? "")?.[0];
    expect(scripts).toMatch(/^script-src 'self' /);
    expect(scripts).not.toContain("unsafe-inline");
  }
  expect(cspViolations).toEqual([]);
  await bare.close();

  // A visitor who never chose it sees the site's own layout.
  const stranger = await browser.newPage();
  await stranger.goto("/");
  await expect(stranger.locator("html")).not.toHaveAttribute("data-a11y-elderly", "");
  await expect(stranger.locator("html")).toHaveCSS("font-size", "16px");
  await stranger.close();

  expect(problems).toEqual([]);
});

test("语音朗读 reads the page or the selection in zh-CN; 指读 reads the paragraph the pointer rests on", async ({
  page,
}) => {
  const problems = await watchPage(page);
  await openArticle(page);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!;
  const paragraph = page.locator(".article-body p").first();
  const paragraphText = squash((await paragraph.innerText())!);

  // The page: its main content, from the title on, in Chinese, without the article's tool row.
  await tool(page, "语音朗读").click();
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(0);
  const page1 = await spoken(page);
  expect(page1.every((utterance) => utterance.lang === "zh-CN")).toBe(true);
  const pageText = squash(page1.map((utterance) => utterance.text).join(""));
  expect(pageText).toContain(squash(title));
  expect(pageText).toContain(paragraphText);
  expect(pageText.indexOf(squash(title))).toBeLessThan(pageText.indexOf(paragraphText));
  // Not the breadcrumb, not the article's own tool row.
  expect(pageText).not.toContain("当前位置");
  expect(pageText).not.toContain("打印本页");
  // The browser answers: reading, or (a machine without a Chinese voice) a clear message.
  await expect(
    page.getByRole("status").filter({ hasText: /正在朗读|没有可用的中文语音|先在页面上点击/ }),
  ).toBeVisible();

  // The selection: only the selected text is read.
  await paragraph.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  const before = (await spoken(page)).length;
  await tool(page, "语音朗读").click();
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(before);
  const selected = (await spoken(page)).slice(before);
  expect(squash(selected.map((utterance) => utterance.text).join(""))).toBe(paragraphText);
  expect(selected.every((utterance) => utterance.lang === "zh-CN")).toBe(true);

  // 指读: resting the pointer on a paragraph marks it and reads it.
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
  const pointRead = tool(page, "指读");
  await pointRead.click();
  await expect(pointRead).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveAttribute("data-a11y-point-read", "");
  const beforeHover = (await spoken(page)).length;
  await paragraph.hover();
  await expect(paragraph).toHaveAttribute("data-a11y-reading", "");
  await expect
    .poll(async () => (await spoken(page)).slice(beforeHover).map((u) => squash(u.text)))
    .toContain(paragraphText);
  await expect(page.locator("[data-a11y-reading]")).toHaveCount(1);
  // Remembered with the other settings.
  await page.reload();
  await expect(tool(page, "指读")).toHaveAttribute("aria-pressed", "true");
  await expectAccessible(page);

  expect(problems).toEqual([]);
});

test("a browser without speech synthesis is told so", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true });
    Reflect.deleteProperty(window, "SpeechSynthesisUtterance");
  });
  await page.goto("/columns/news");
  await tool(page, "语音朗读").click();
  await expect(page.getByRole("status").filter({ hasText: "您的浏览器不支持语音朗读" })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true });

  /** Every tool shown in the toolbar's row sits on one line inside the screen; nothing scrolls sideways. */
  async function expectOneRow(page: Page) {
    const boxes = [];
    for (const button of await toolbar(page).locator(".a11y-main button").all()) {
      if (await button.isVisible()) boxes.push((await button.boundingBox())!);
    }
    expect(boxes.length).toBeGreaterThanOrEqual(5);
    for (const box of boxes) {
      expect(Math.abs(box.y - boxes[0]!.y)).toBeLessThan(1);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
    }
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
  }

  test("the toolbar keeps one row, opens the rest under 更多, works from the keyboard and resets", async ({ page }) => {
    const problems = await watchPage(page);
    await page.goto("/");
    await expectOneRow(page);
    const more = tool(page, "更多");
    await expect(more).toHaveAttribute("aria-expanded", "false");
    await expect(tool(page, "大鼠标")).toBeHidden();

    // Keyboard: arrows move along the row, Enter opens 更多, Escape closes it and returns.
    await tool(page, "适老化").focus();
    await page.keyboard.press("ArrowRight");
    await expect(tool(page, "语音朗读")).toBeFocused();
    await page.keyboard.press("End");
    await expect(more).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(more).toHaveAttribute("aria-expanded", "true");
    const menu = page.getByRole("group", { name: "更多无障碍功能" });
    await expect(menu.getByRole("button", { name: "大鼠标" })).toBeVisible();
    await menu.getByRole("button", { name: "大鼠标" }).focus();
    await page.keyboard.press("Enter");
    await expect(menu.getByRole("button", { name: "大鼠标" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("html")).toHaveAttribute("data-a11y-cursor", "");
    expect(await page.locator("main").evaluate((element) => getComputedStyle(element).cursor)).toContain(
      "/a11y/cursor-arrow.svg",
    );
    const cursor = await page.request.get("/a11y/cursor-arrow.svg");
    expect(cursor.status()).toBe(200);
    expect(cursor.headers()["content-type"]).toContain("image/svg+xml");
    await page.keyboard.press("Escape");
    await expect(more).toHaveAttribute("aria-expanded", "false");
    await expect(more).toBeFocused();

    // 适老化 on a phone: still one row, still no sideways scrolling, and axe finds nothing serious
    // with every mode on.
    await tool(page, "适老化").click();
    await expect(page.locator("html")).toHaveAttribute("data-a11y-elderly", "");
    await expectOneRow(page);
    await more.click();
    await menu.getByRole("button", { name: "指读" }).click();
    await menu.getByRole("button", { name: "阅读辅助线" }).click();
    await menu.getByRole("button", { name: "高对比度" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-a11y-contrast", "");
    // A pressed tool stays recognisable in 高对比度 (yellow, not the black of the others).
    await expect(menu.getByRole("button", { name: "高对比度" })).toHaveCSS("background-color", "rgb(255, 255, 0)");
    await expect(menu.getByRole("button", { name: "重置" })).toHaveCSS("background-color", "rgb(0, 0, 0)");
    await expectAccessible(page);
    await page.goto("/columns/news");
    await expectOneRow(page);
    await expectEnhancedContrast(page);
    await expectAccessible(page);

    // 重置 clears every mode, now and after a reload.
    await tool(page, "更多").click();
    await menu.getByRole("button", { name: "重置" }).click();
    for (const mode of ["elderly", "cursor", "point-read", "guides", "contrast"])
      await expect(page.locator("html")).not.toHaveAttribute(`data-a11y-${mode}`, "");
    await page.reload();
    await expect(tool(page, "适老化")).toHaveAttribute("aria-pressed", "false");
    await expect(page.locator("html")).not.toHaveAttribute("data-a11y-elderly", "");
    await expect(page.locator("html")).toHaveCSS("font-size", "16px");

    expect(problems).toEqual([]);
  });
});

test("without JavaScript the portal still works and offers no toolbar it cannot run", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await expect(toolbar(page)).toBeHidden();
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "政府信息公开" }).click();
  await expect(page).toHaveURL(/\/columns\//);
  await context.close();
});
