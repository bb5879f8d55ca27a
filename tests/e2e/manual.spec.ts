import { expect, test, type Locator, type Page } from "@playwright/test";
import { makeDocx } from "../fixtures/make-docx";
import { signIn, signOut } from "./helpers";
import { addDistrictColumn, approveThroughReview, submitLeader } from "./content-kinds-steps";
import { createTopic } from "./topic-steps";

// The 用户手册 (docs/manual/) walks these screens; this spec walks them too, as each demo role, and
// saves the screenshots the manual shows, so the manual changes when the product does. One piece of
// content goes the whole way: the editor writes and submits it (flagged major, so the 第一责任人 signs
// too), the reviewer, 直接责任人 and 第一责任人 sign, the site administrator manages its placement,
// and the supervising unit and the audit administrator see the record.

const IMAGES = "docs/manual/images";
const TITLE = "关于开展2026年度政务公开专项检查的通知";
const CHECKS = ["政治关", "法律关", "政策关", "保密关", "文字关"];

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1280, height: 800 } });

let resourceUrl = "";

/** Saves a PNG for the manual: the viewport (1280×800), the whole page, or one region of it. */
async function shot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}) {
  const path = `${IMAGES}/${name}.png`;
  if ("goto" in target) await target.screenshot({ path, animations: "disabled", fullPage: options.fullPage });
  else await target.screenshot({ path, animations: "disabled" });
}

async function openReview(page: Page) {
  await page.goto("/admin/review");
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page).toHaveURL(/\/admin\/review\/[0-9a-f-]{36}$/);
}

test("采编: 新建、编辑、导入 Word、送审", async ({ page }) => {
  await signIn(page, "editor");
  await shot(page, "editor-home");

  await page.goto("/admin/library");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await shot(page, "editor-library");

  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "通知公告" });
  await shot(page, "editor-new");
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  resourceUrl = page.url();
  await page.getByLabel("标题", { exact: true }).fill(TITLE);
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type(
    "各科室：为做好2026年度政务公开工作，区政府办公室将于12月对各单位政府信息公开专栏开展专项检查。请各单位对照检查要点做好自查。",
  );
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  await shot(page, "editor-edit");

  await page.reload();
  const panel = page.getByRole("region", { name: "审核与发布" });
  await expect(panel.getByText("自动预检未发现问题。")).toBeVisible();
  await panel.getByLabel("沙坪坝区人民政府 · 通知公告").check();
  await panel.getByLabel("涉及敏感事件或全局性的重大信息").check();
  await panel.getByLabel("敏感或重大的说明").fill("涉及全区各单位的专项检查安排");
  await shot(panel, "editor-submit");
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中，当前环节：五关审核/)).toBeVisible();
  await expect(panel.getByRole("button", { name: "撤回审核" })).toBeVisible();
  await shot(panel, "editor-submitted");

  await page.goto("/admin/library/import");
  await page.getByLabel("Word 文档").setInputFiles({
    name: "检查通知.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: await makeDocx(),
  });
  await page.getByLabel("类型").selectOption({ label: "通知公告" });
  await shot(page, "editor-import");
  await page.getByRole("button", { name: "导入" }).click();
  await expect(page).toHaveURL(/\/admin\/library\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue("关于开展2026年政府网站内容检查的通知");
  await shot(page, "editor-imported");
  await signOut(page);
});

test("审核: 五关、直接责任人、第一责任人、责任记录", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/admin/review");
  await expect(page.getByRole("row").filter({ hasText: TITLE })).toContainText("5 个关口");
  await shot(page, "review-inbox");
  await openReview(page);
  await shot(page, "review-checks", { fullPage: true });
  // One action signs every check the reviewer holds (each ticked by default), each recorded apart.
  await page.getByRole("button", { name: "签署所选关口" }).click();
  for (const check of CHECKS)
    await expect(page.getByRole("listitem").filter({ hasText: new RegExp(`^${check}：王磊 通过`) })).toBeVisible();
  await expect(page.getByText(/直接责任人审批（进行中）/)).toBeVisible();
  await signOut(page);

  await signIn(page, "deputy");
  await openReview(page);
  await shot(page, "review-deputy", { fullPage: true });
  await page.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(page.getByText("直接责任人审批（已完成）")).toBeVisible();
  await signOut(page);

  await signIn(page, "principal");
  await openReview(page);
  await page.getByRole("button", { name: "签署第一责任人审批" }).click();
  await expect(page.getByText(/^状态：审核通过/)).toBeVisible();
  await page.getByRole("link", { name: "责任记录" }).click();
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "第一责任人审批" })).toContainText("刘卫东");
  await shot(page, "review-record");
  await signOut(page);
});

test("网站管理: 网站、栏目、主题、发布位置、分发渠道", async ({ page }) => {
  await signIn(page, "siteadmin");
  await page.goto("/admin/sites");
  await shot(page, "site-sites");
  await page
    .getByRole("main")
    .getByRole("link", { name: /沙坪坝/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "网站信息" })).toBeVisible();
  await shot(page, "site-settings");
  await shot(page.locator("section", { has: page.locator("#columns-title") }), "site-columns");

  await page.goto("/admin/channels");
  await shot(page, "site-channels");
  await page.getByRole("link", { name: "重庆沙坪坝发布 微信公众号" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "重庆沙坪坝发布 微信公众号" })).toBeVisible();
  await shot(page, "site-channel");
  await signOut(page);

  // Placements (置顶、排序、增加栏目) are kept on the item's page, which only those who may read
  // drafts open (resource.view, which the site administrator does not hold): the editor here.
  await signIn(page, "editor");
  await page.goto(resourceUrl);
  const panel = page.getByRole("region", { name: "审核与发布" });
  await expect(panel.getByText(/已发布第 1 版/)).toBeVisible();
  await panel.getByText("发布栏目、置顶与排序").click();
  await expect(panel.getByRole("checkbox", { name: /置顶/ }).first()).toBeVisible();
  await shot(panel, "site-placements");
  await signOut(page);

  await page.goto("/");
  await expect(page.getByRole("link", { name: TITLE }).first()).toBeVisible();
  await shot(page, "site-portal");
});

test("网站管理: 主题、标志与页脚标识（电脑与手机）", async ({ page }) => {
  await signIn(page, "siteadmin");
  await page.goto("/admin/sites");
  await page
    .getByRole("main")
    .getByRole("link", { name: /沙坪坝/ })
    .first()
    .click();
  const form = page.locator("form", { has: page.getByLabel("网站主题") });
  await expect(form.getByLabel(/^上传网站标志/)).toBeVisible();
  await shot(form.locator("fieldset", { hasText: "外观" }), "site-identity-settings");
  await shot(form.locator("fieldset", { hasText: "党政机关网站标识与找错入口" }), "site-identity-inspection");
  await signOut(page);

  // Each seeded theme (政务红, 山水青): the header with the theme's mark, the footer with the
  // 党政机关 badge and the 找错/纠错 entries, at desktop and phone widths.
  for (const [name, url] of [
    ["district", "/"],
    ["culture", `http://wlw.localhost:${new URL(page.url()).port}/`],
  ] as const) {
    for (const [width, height, device] of [
      [1280, 800, "desktop"],
      [390, 844, "phone"],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(url);
      await expect(page.getByRole("link", { name: "我为政府网站找错" })).toBeVisible();
      await shot(page.locator(".site-header"), `theme-${name}-header-${device}`);
      await shot(page.getByRole("contentinfo"), `theme-${name}-footer-${device}`);
    }
  }
});

test("网站管理: 首页区块（电脑与手机）", async ({ page }) => {
  await signIn(page, "siteadmin");
  await page.goto("/admin/sites");
  await page
    .getByRole("main")
    .getByRole("link", { name: /沙坪坝/ })
    .first()
    .click();
  await page.getByRole("link", { name: "首页区块" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^首页区块/ })).toBeVisible();
  await page.locator(".home-composer-item details").first().locator("summary").click();
  await shot(page, "site-home-composer", { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "site-home-composer-phone");
  await signOut(page);

  await page.goto("/");
  await expect(page.locator(".home-blocks")).toBeVisible();
  await shot(page, "site-home-phone", { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, "site-home", { fullPage: true });
});

test("网站管理: 专题专栏", async ({ page }) => {
  const topic = {
    name: "示例专题：乡村振兴",
    slug: "manual-xczx",
    intro: "示例：汇集本区推进乡村振兴的政策文件、工作动态和典型经验。",
    subColumns: [
      { name: "乡村振兴政策", slug: "manual-xczx-zc" },
      { name: "乡村振兴动态", slug: "manual-xczx-dt" },
    ],
  };
  await signIn(page, "siteadmin");
  await createTopic(page, topic);
  // Every row's parent menu names the topic, and its sub-columns' parent cell too: the topic's own
  // row comes first (it was created first).
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: topic.name, exact: true }) })
    .first();
  await row.getByText("修改").click();
  await expect(row.getByLabel("专题简介（不超过 500 字）")).toHaveValue(topic.intro);
  await shot(page.locator("section", { has: page.locator("#columns-title") }), "site-topic");
  await signOut(page);

  // The notice published above joins a sub-column, as an editor adds a column to a published item.
  await signIn(page, "editor");
  await page.goto(resourceUrl);
  const panel = page.getByRole("region", { name: "审核与发布" });
  await panel.getByText("发布栏目、置顶与排序").click();
  await panel.getByLabel(`重庆市沙坪坝区人民政府 · ${topic.subColumns[1]!.name}`, { exact: true }).check();
  await panel.getByRole("button", { name: "增加栏目" }).click();
  await expect(panel.getByRole("cell", { name: topic.subColumns[1]!.name })).toBeVisible();
  await signOut(page);

  await page.goto(`/columns/${topic.slug}`);
  await expect(page.getByRole("link", { name: TITLE }).first()).toBeVisible();
  await shot(page, "portal-topic", { fullPage: true });
  await page.goto("/topics");
  await shot(page, "portal-topics", { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/columns/${topic.slug}`);
  await shot(page, "portal-topic-phone", { fullPage: true });
  await page.goto("/topics");
  await shot(page, "portal-topics-phone", { fullPage: true });
});

test("主管单位: 政务新媒体台账、审批、同源核验、审计", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/admin/registry");
  await expect(page.getByRole("link", { name: "导出 XLSX" })).toBeVisible();
  await shot(page, "supervisor-registry");
  await page.goto("/admin/registry/applications");
  await shot(page, "supervisor-applications");
  await page.goto("/admin/channels/verify");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await shot(page, "supervisor-verify");
  await signOut(page);

  await signIn(page, "auditor");
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await shot(page, "supervisor-audit");
  await signOut(page);

  await page.goto("/matrix");
  await expect(page.getByRole("heading", { name: "政务新媒体矩阵", level: 1 })).toBeVisible();
  await shot(page, "supervisor-matrix");
});

test("公众访问: 无障碍工具条与适老化模式（电脑与手机）", async ({ page }) => {
  await page.goto("/");
  const toolbar = page.getByRole("toolbar", { name: "无障碍工具条" });
  await toolbar.getByRole("button", { name: "适老化", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("data-a11y-elderly", "");
  await shot(page, "portal-elderly-desktop");

  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(toolbar.getByRole("button", { name: "适老化", exact: true })).toHaveAttribute("aria-pressed", "true");
  await shot(page, "portal-elderly-phone");
  await toolbar.getByRole("button", { name: "更多", exact: true }).click();
  await expect(page.getByRole("group", { name: "更多无障碍功能" })).toBeVisible();
  await shot(page, "portal-a11y-menu");
});

test("领导之窗: 编辑、领导列表与领导页（电脑、手机）", async ({ page }) => {
  test.setTimeout(240_000);
  const column = { name: "政府领导", slug: "manual-leaders", kind: "信息列表" } as const;
  const leader = {
    name: "示例华",
    post: "区委副书记、区政府区长",
    duties: "主持区政府全面工作。\n负责审计方面工作。",
    rank: 1,
    resume: "示例华，女，汉族，1975年生，大学学历（示例简历）。",
  };
  await addDistrictColumn(page, column);
  await submitLeader(page, leader, column.name);
  await approveThroughReview(page, leader.name, async (review) => {
    await expect(review.locator("article.article .leader-profile")).toBeVisible();
    await shot(review.locator("article.article"), "leader-review");
  });
  await page.goto(`/columns/${column.slug}`);
  await expect(page.locator(".leader-grid").getByRole("link", { name: new RegExp(leader.name) })).toBeVisible();
  await shot(page, "leader-grid");
  await page
    .locator(".leader-grid")
    .getByRole("link", { name: new RegExp(leader.name) })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: leader.name })).toBeVisible();
  await shot(page, "leader-page", { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "leader-page-phone", { fullPage: true });
  await page.goto(`/columns/${column.slug}`);
  await shot(page, "leader-grid-phone", { fullPage: true });
});
