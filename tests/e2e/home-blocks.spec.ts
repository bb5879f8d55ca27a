import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn, signOut, submitSignIn } from "./helpers";
import { HOME_FIXTURE, prepareHomeBlocksContent } from "./home-blocks-fixtures";

// #24 §1: the site administrator composes the home page from blocks — focus images, a 专题 banner
// and a leaders block — puts them in order by drag and by keyboard, previews the draft in the
// site's template, publishes it, and the portal shows it. An editor cannot open the composer.

const PNG = readFileSync("public/channels/wechat-cover.png");

async function addBlock(page: Page, kind: string) {
  await page.getByLabel("区块类型").selectOption(kind);
  await page.getByRole("button", { name: "添加", exact: true }).click();
}

const blockTitles = (page: Page) =>
  page
    .locator(".home-composer-item .home-composer-head strong")
    .evaluateAll((nodes) => nodes.map((node) => node.textContent?.replace(/^\d+\.\s*/, "") ?? ""));

test("the site administrator composes, previews and publishes the home page", async ({ page }) => {
  // One long journey: content through review, the composer, the preview, the portal, axe twice.
  test.slow();
  // Content the blocks will show, made by the editor and passed by review. The first sign-in of a
  // freshly started server also warms it up, which takes longer on a busy machine.
  await submitSignIn(page, "editor");
  await expect(page).toHaveURL(/\/admin(\/account)?$/, { timeout: 30_000 });
  // Uploaded from the page, as the editor's image picker does (same origin).
  const { status, url } = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const form = new FormData();
    form.append("file", new File([bytes], "示例图片.png", { type: "image/png" }));
    const response = await fetch("/api/assets", { method: "POST", body: form });
    return { status: response.status, url: ((await response.json()) as { url: string }).url };
  }, PNG.toString("base64"));
  expect(status).toBe(201);
  await prepareHomeBlocksContent(url);

  await page.goto("/admin");
  await signOut(page);

  await signIn(page, "siteadmin");
  await page.goto("/admin/sites");
  await page.getByRole("link", { name: "重庆市沙坪坝区人民政府" }).first().click();
  await page.getByRole("link", { name: "首页区块" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("首页区块 — 重庆市沙坪坝区人民政府");
  const composerUrl = page.url();
  await expectAccessible(page);

  // Add the three blocks; each lands at the end of the list.
  await addBlock(page, "FOCUS");
  await addBlock(page, "TOPICS");
  await addBlock(page, "LEADERS");
  const items = page.locator(".home-composer-item");
  const focus = items.filter({ hasText: "焦点图「焦点图」" });
  const newFocus = items.filter({ hasText: "焦点图「要闻图片」" });
  await focus.getByText("设置：焦点图").click();
  await focus.getByLabel("沙坪坝要闻").check();
  await focus.getByLabel("区块标题").fill("要闻图片");
  // The seeded layout's own focus block goes.
  await page.getByRole("button", { name: "删除：图片新闻" }).click();
  await expect(page.getByText("已删除“图片新闻”。")).toBeAttached();
  // The seeded layout has a 领导之窗 block too: the one just added is the last.
  const leaders = items.filter({ hasText: "领导之窗「领导之窗」" }).last();
  await leaders.getByText("设置：领导之窗").click();
  await leaders.getByLabel("栏目", { exact: true }).selectOption({ label: HOME_FIXTURE.leadersColumn.name });
  await leaders.getByLabel("区块标题").fill("区政府领导");

  // Drag the focus images to the top, then move the leaders up by keyboard.
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await newFocus.dispatchEvent("dragstart", { dataTransfer });
  await items.first().dispatchEvent("dragover", { dataTransfer });
  await items.first().dispatchEvent("drop", { dataTransfer });
  await expect.poll(async () => (await blockTitles(page))[0]).toBe("焦点图「要闻图片」");
  const up = page.getByRole("button", { name: "上移：区政府领导" });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/“区政府领导”已移到第 \d+ 位/)).toBeAttached();
  const titles = await blockTitles(page);
  // The seeded layout has its own 专题专栏 block: the one added above is the last of that title.
  expect(titles.indexOf("领导之窗「区政府领导」")).toBe(titles.lastIndexOf("专题专栏「专题专栏」") - 1);
  await expect(page.getByRole("button", { name: "上移：区政府领导" })).toBeFocused();

  // A refused save shows the problem beside its block and changes nothing.
  await addBlock(page, "IMAGE_BANNER");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status").filter({ hasText: "横幅图片须是素材库中的图片" })).toBeVisible();
  await page.getByRole("button", { name: "删除：图片横幅" }).click();

  // Save the draft and preview it in the site's template.
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status").filter({ hasText: /草稿已保存（第 \d+ 版）/ })).toBeVisible();
  const [preview] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: "预览" }).click()]);
  await expect(preview.getByRole("note", { name: "首页预览" })).toContainText("首页布局草稿，尚未发布");
  await expect(preview.locator(".portal")).toHaveAttribute("data-theme", "classic");
  await expect(preview.getByRole("region", { name: "要闻图片" })).toBeVisible();
  await expect(preview.getByRole("link", { name: HOME_FIXTURE.topic.name })).toHaveAttribute(
    "href",
    `/columns/${HOME_FIXTURE.topic.slug}`,
  );
  await preview.close();
  // The public does not see the draft yet.
  const before = await page.request.get("/");
  expect(await before.text()).not.toContain(HOME_FIXTURE.topic.name);

  await page.getByRole("button", { name: "发布到首页" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已发布，门户首页已更新。" })).toBeVisible();

  // The portal shows the published layout, in its order.
  await page.goto("/");
  const sections = await page
    .locator(".home-block")
    .evaluateAll((nodes) => nodes.map((node) => node.querySelector("h2")?.firstChild?.textContent ?? ""));
  expect(sections[0]).toBe("要闻图片");
  expect(sections.indexOf("区政府领导")).toBe(sections.lastIndexOf("专题专栏") - 1);
  const carousel = page.getByRole("region", { name: "要闻图片" }).getByRole("group", { name: "焦点图" });
  await expect(carousel.getByRole("button", { name: "暂停轮播" })).toBeVisible();
  await carousel.getByRole("button", { name: "暂停轮播" }).click();
  await expect(carousel.getByRole("button", { name: "继续轮播" })).toHaveAttribute("aria-pressed", "true");
  await carousel.getByRole("button", { name: "下一张" }).click();
  await expect(carousel.getByRole("group", { name: /^第 2 张，共 \d+ 张$/ })).toBeVisible();
  const leaderNames = await page
    .getByRole("region", { name: "区政府领导" })
    .locator(".home-leaders strong")
    .allTextContents();
  expect(leaderNames).toEqual(HOME_FIXTURE.leaders.map((leader) => leader.name));
  await expect(page.getByRole("region", { name: "区政府领导" })).toContainText("区长（示例）");
  await expect(
    page.getByRole("region", { name: "专题专栏" }).last().getByRole("link", { name: HOME_FIXTURE.topic.name }),
  ).toBeVisible();
  await expectAccessible(page);

  // Without motion: no autoplay, so no pause button; without script: every slide as a list.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.reload();
  await expect(carousel.getByRole("button", { name: "下一张" })).toBeVisible();
  await expect(carousel.getByRole("button", { name: "暂停轮播" })).toHaveCount(0);
  const html = await (await page.request.get("/")).text();
  for (const title of HOME_FIXTURE.focusTitles) expect(html).toContain(title);
  expect(html).toContain('class="carousel-list"');

  // The composer says what the portal shows.
  await page.goto(composerUrl);
  await expect(page.getByText(/状态：已发布（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/)).toBeVisible();
});

test("an editor cannot open the home-page composer", async ({ page }) => {
  await signIn(page, "siteadmin");
  await page.goto("/admin/sites");
  await page.getByRole("link", { name: "重庆市沙坪坝区人民政府" }).first().click();
  await page.getByRole("link", { name: "首页区块" }).click();
  const composerUrl = page.url();
  await signOut(page);
  await signIn(page, "editor");
  const response = await page.goto(composerUrl);
  expect(response?.status()).toBe(403);
});
