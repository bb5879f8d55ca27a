import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn, signOut } from "./helpers";
import { startFakeNewMedia, type FakeNewMedia } from "./fake-new-media";

// Issue #8's journey (分发同时): the district's site administrator points the seeded WeChat and
// Weibo channels at the platforms (here a local stand-in that answers like the real APIs); the
// editor drafts a notice, chooses both channels, previews each channel's rendition and submits;
// after the five checks and 直接责任人 it is published, and every delivery reaches 已确认.

const TITLE = "沙坪坝区老旧小区供暖设施冬季检修安排";
const TEXT = "区住房城乡建委将于12月1日至12月15日对全区老旧小区供暖设施进行检修，检修期间请居民配合入户检查。";
const WECHAT = "重庆沙坪坝发布 微信公众号";
const WEIBO = "重庆沙坪坝发布 微博";
const CHECKS = ["政治关", "法律关", "政策关", "保密关", "文字关"];
const CREDENTIALS = {
  appId: "wx5f3c2a1b0e9d8c7b",
  appSecret: "9e107d9d372bb6826bd81d3542a419d6",
  weiboToken: "2.00spbFaBu_e2e_9f8a7b6c5d4e3f2a1b",
};

let platform: FakeNewMedia;

test.beforeAll(async () => {
  platform = await startFakeNewMedia(CREDENTIALS);
});

test.afterAll(async () => {
  await platform?.close();
});

async function openChannel(page: Page, name: string) {
  await page.goto("/admin/channels");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function openReview(page: Page, title: string) {
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  await expect(page).toHaveURL(/\/admin\/review\/[0-9a-f-]{36}$/);
}

test("the editor previews the WeChat and Weibo renditions, publishes, and sees each delivery confirmed", async ({
  page,
}) => {
  test.setTimeout(180_000);

  // 1. The site administrator configures the seeded channels: API base and credentials.
  await signIn(page, "siteadmin");
  await page.goto("/admin/channels");
  for (const name of [WECHAT, WEIBO]) {
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("未配置");
  }
  await openChannel(page, WECHAT);
  await expect(page.getByText("AppSecret：未设置")).toBeVisible();
  await page.getByLabel("AppID").fill(CREDENTIALS.appId);
  await page.getByLabel(/^接口地址/).fill(platform.baseUrl);
  // A short secret is refused with a field message, and nothing is stored.
  await page.getByLabel("设置AppSecret").fill("too-short");
  await page.getByRole("button", { name: "保存渠道" }).click();
  await expect(page.getByRole("status").filter({ hasText: "AppSecret至少 16 位" })).toBeVisible();
  await page.getByLabel("设置AppSecret").fill(CREDENTIALS.appSecret);
  await page.getByRole("button", { name: "保存渠道" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已保存渠道“${WECHAT}”` })).toBeVisible();
  await page.reload();
  await expect(page.getByText("AppSecret：已设置")).toBeVisible();
  await expect(page.getByLabel("更换AppSecret（留空则不更改）")).toHaveValue("");
  expect(await page.content()).not.toContain(CREDENTIALS.appSecret);
  await expectAccessible(page);

  await openChannel(page, WEIBO);
  await page.getByLabel(/^接口地址/).fill(platform.baseUrl);
  await page.getByLabel("设置Access Token").fill(CREDENTIALS.weiboToken);
  await page.getByRole("button", { name: "保存渠道" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已保存渠道“${WEIBO}”` })).toBeVisible();
  await page.goto("/admin/channels");
  for (const name of [WECHAT, WEIBO]) {
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("已配置");
  }
  expect(await page.content()).not.toContain(CREDENTIALS.weiboToken);
  await signOut(page);

  // 2. The editor drafts a notice and chooses the column and both channels.
  await signIn(page, "editor");
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "通知公告" });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  const resourceUrl = page.url();
  await page.getByLabel("标题", { exact: true }).fill(TITLE);
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type(TEXT);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  await page.reload();
  const panel = page.getByRole("region", { name: "审核与发布" });
  await panel.getByLabel("沙坪坝区人民政府 · 通知公告").check();
  await panel.getByLabel(`${WECHAT}（微信公众号）`).check();
  await panel.getByLabel(`${WEIBO}（微博）`).check();

  // 3. The multi-channel preview (a new tab, so the choices on the form stay as they are).
  const popup = page.waitForEvent("popup");
  await panel.getByRole("link", { name: "多渠道预览" }).click();
  const preview = await popup;
  const wechatPreview = preview.getByRole("region", { name: "微信公众号预览" });
  const weiboPreview = preview.getByRole("region", { name: "微博预览" });
  await expect(wechatPreview).toBeVisible();
  await expect(wechatPreview).toContainText(TITLE);
  await expect(wechatPreview).toContainText("入户检查");
  await expect(weiboPreview).toBeVisible();
  await expect(weiboPreview).toContainText(TITLE);
  await preview.close();

  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中，当前环节：五关审核/)).toBeVisible();
  await signOut(page);

  // 4. Review: the reviewer sees the chosen channels and signs the five checks; the deputy approves.
  await signIn(page, "reviewer");
  await openReview(page, TITLE);
  await expect(page.getByText(/^分发渠道：/)).toContainText(WECHAT);
  await expect(page.getByText(/^分发渠道：/)).toContainText(WEIBO);
  // One action signs every check the reviewer holds (each ticked by default), each recorded apart.
  await page.getByRole("button", { name: "签署所选关口" }).click();
  for (const check of CHECKS)
    await expect(page.getByRole("listitem").filter({ hasText: new RegExp(`^${check}：王磊 通过`) })).toBeVisible();
  await signOut(page);
  await signIn(page, "deputy");
  await openReview(page, TITLE);
  await page.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(page.getByText(/^状态：审核通过/)).toBeVisible();
  await signOut(page);

  // 5. The editor watches each delivery reach 已确认 on the resource page.
  await signIn(page, "editor");
  await page.goto(resourceUrl);
  await expect(page.getByRole("region", { name: "审核与发布" }).getByText(/已发布第 1 版/)).toBeVisible();
  await expect(async () => {
    await page.reload();
    const deliveries = page.getByRole("region", { name: "分发状态" });
    await expect(deliveries.getByRole("row").filter({ hasText: WECHAT })).toContainText("已确认", { timeout: 1_000 });
    await expect(deliveries.getByRole("row").filter({ hasText: WEIBO })).toContainText("已确认", { timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 3_000] });

  // What reached the platforms: one article through the documented WeChat calls, one Weibo post
  // linking back to the portal.
  const paths = platform.calls.map((call) => call.path);
  expect(paths).toContain("/cgi-bin/stable_token");
  expect(paths.filter((path) => path === "/cgi-bin/draft/add")).toHaveLength(1);
  expect(paths.filter((path) => path === "/cgi-bin/freepublish/submit")).toHaveLength(1);
  const draft = JSON.parse(platform.calls.find((call) => call.path === "/cgi-bin/draft/add")!.body) as {
    articles: { title: string; content: string }[];
  };
  expect(draft.articles[0]!.title).toBe(TITLE);
  expect(draft.articles[0]!.content).toContain("入户检查");
  const shares = platform.calls.filter((call) => call.path === "/2/statuses/share.json");
  expect(shares).toHaveLength(1);
  expect(shares[0]!.body).not.toBe("");
});
