import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, signOut } from "./helpers";
import { addDistrictColumn, approveThroughReview, newItem, saveAndSubmit, submitLeader } from "./content-kinds-steps";

// Issue #24 item 4: an editor writes a 领导之窗 item with a photo; it passes review, where the
// reviewer reads the card the portal will show; the portal's leaders column shows it as a card
// and the leader's page shows 分工 and 简历. A 关于本站 single page is published to a single-page
// column without the list's clutter. axe finds no serious or critical violation on either page.

const LEADERS = { name: "区政府领导", slug: "e2e-leaders", kind: "信息列表" } as const;
const ABOUT = { name: "网站介绍", slug: "e2e-about", kind: "单页" } as const;
const LEADER = {
  name: "示例明",
  post: "区委副书记、区政府区长",
  duties: "主持区政府全面工作。\n负责审计、财政方面工作。",
  rank: 1,
  resume: "示例明，男，汉族，1972年生，研究生学历（示例简历）。",
};

test("a 领导之窗 item goes through review to the leaders column and its own page", async ({ page }) => {
  test.setTimeout(240_000);
  await addDistrictColumn(page, LEADERS);
  await submitLeader(page, LEADER, LEADERS.name);

  await approveThroughReview(page, LEADER.name, async (review) => {
    // The review page renders the portal's own card: photo, name, post and 分工 above the 简历.
    const card = review.locator("article.article .leader-profile");
    await expect(card.getByRole("heading", { name: LEADER.name })).toBeVisible();
    await expect(card.locator(".leader-post")).toHaveText(LEADER.post);
    await expect(card.getByRole("img", { name: `${LEADER.name}标准照` })).toBeVisible();
    await expect(card.getByRole("listitem")).toHaveText(["主持区政府全面工作。", "负责审计、财政方面工作。"]);
  });

  await page.goto(`/columns/${LEADERS.slug}`);
  const grid = page.locator(".leader-grid");
  const cardLink = grid.getByRole("link", { name: new RegExp(`${LEADER.name}.*${LEADER.post}`) });
  await expect(cardLink).toBeVisible();
  await expect(cardLink.locator("img.leader-photo")).toHaveCSS(
    "object-position",
    /^(49|50)(\.\d+)?% (29|30)(\.\d+)?%$/,
  );
  // No list clutter: neither dates nor pagination around the cards.
  await expect(page.locator(".column-body time")).toHaveCount(0);
  await expectAccessible(page);

  await cardLink.click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  const article = page.locator("article.article");
  await expect(article.getByRole("heading", { level: 1, name: LEADER.name })).toBeVisible();
  await expect(article.locator(".leader-post")).toHaveText(LEADER.post);
  await expect(article.getByText("负责审计、财政方面工作。")).toBeVisible();
  await expect(article.getByRole("heading", { level: 2, name: "简历" })).toBeVisible();
  await expect(article.locator(".article-body")).toContainText(LEADER.resume);
  await expect(article).not.toContainText("来源：");
  await expect(page.locator('meta[name="ArticleTitle"]')).toHaveAttribute("content", LEADER.name);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", `${LEADER.name}（${LEADER.post}）`);
  await expectAccessible(page);

  // Search finds the leader by the post.
  await page.goto(`/search?q=${encodeURIComponent("区政府区长")}`);
  await expect(page.getByRole("link", { name: LEADER.name }).first()).toBeVisible();
});

test("关于本站 is published to a single-page column as a plain page", async ({ page }) => {
  test.setTimeout(180_000);
  await addDistrictColumn(page, ABOUT);
  await signIn(page, "editor");
  await newItem(page, "单页");
  await page.getByLabel("标题", { exact: true }).fill("关于本站");
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type("本网站是重庆市沙坪坝区人民政府门户网站（示例），由区政府办公室主办。");
  await saveAndSubmit(page, ABOUT.name);
  await signOut(page);
  await approveThroughReview(page, "关于本站");

  await page.goto(`/columns/${ABOUT.slug}`);
  const article = page.locator("article.article");
  await expect(page.getByRole("heading", { level: 1, name: ABOUT.name })).toBeVisible();
  await expect(article.getByRole("heading", { level: 2, name: "关于本站" })).toBeVisible();
  await expect(article.locator(".article-body")).toContainText("由区政府办公室主办");
  await expect(article.locator(".info")).toContainText("更新时间");
  await expect(article.locator(".info")).not.toContainText("来源");
  await expect(page.locator('meta[name="ArticleTitle"]')).toHaveAttribute("content", "关于本站");
  await expect(page.locator('meta[name="ColumnType"]')).toHaveAttribute("content", "单页");
  await expectAccessible(page);
});
