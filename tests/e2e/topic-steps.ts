import sharp from "sharp";
import { expect, type Page } from "@playwright/test";
import { saveNewDistrictItem, signIn, signOut } from "./helpers";

// Steps shared by the 专题 journey (topics.spec.ts) and the manual's screenshots (manual.spec.ts):
// the site administrator builds a topic with its banner and sub-columns in the district site's
// column tree; the editor writes an item for its sub-columns and it passes review.

const CHECKS = ["政治关", "法律关", "政策关", "保密关", "文字关"];

export type TopicPlan = {
  name: string;
  slug: string;
  intro: string;
  subColumns: { name: string; slug: string }[];
};

export async function bannerPng(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 280, channels: 3, background: "#b31d1d" } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="1200" height="280"><rect x="80" y="90" width="1040" height="100" fill="#f6d77a"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
}

/** Opens the district site's settings as the signed-in site administrator. */
export async function openDistrictSite(page: Page) {
  await page.goto("/admin/sites");
  await page
    .getByRole("main")
    .getByRole("link", { name: /沙坪坝/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "网站信息" })).toBeVisible();
}

/** The 新建栏目 form (each column's own form sits in its closed 修改 row). */
export function newColumnForm(page: Page) {
  return page.locator("form").filter({ has: page.locator("#new-name") });
}

/** As the site administrator (signed in): the topic with an uploaded banner, then its sub-columns. */
export async function createTopic(page: Page, plan: TopicPlan) {
  await openDistrictSite(page);
  let form = newColumnForm(page);
  await form.getByLabel("栏目名称").fill(plan.name);
  await form.getByLabel(/^路径/).fill(plan.slug);
  await form.getByLabel("类型").selectOption({ label: "专题" });
  await form.getByLabel(/^专题简介/).fill(plan.intro);
  await form
    .getByLabel(/上传新题图/)
    .setInputFiles({ name: "专题题图.png", mimeType: "image/png", buffer: await bannerPng() });
  await form.getByRole("button", { name: "新建栏目" }).click();
  await expect(form.getByRole("status")).toHaveText(`已保存栏目“${plan.name}”。`);
  for (const sub of plan.subColumns) {
    await page.reload();
    form = newColumnForm(page);
    await form.getByLabel("栏目名称").fill(sub.name);
    await form.getByLabel(/^路径/).fill(sub.slug);
    await form.getByLabel("类型").selectOption({ label: "信息列表" });
    await form.getByLabel(/^上级栏目/).selectOption({ label: plan.name });
    await form.getByRole("button", { name: "新建栏目" }).click();
    await expect(form.getByRole("status")).toHaveText(`已保存栏目“${sub.name}”。`);
  }
}

/** The editor writes an item, places it in the given columns of the district site and submits it. */
export async function submitItem(page: Page, title: string, text: string, columnNames: string[]) {
  await signIn(page, "editor");
  // After site-portal.spec (same database) the editor also edits for the culture site's unit.
  await saveNewDistrictItem(page, title, text);
  const panel = page.getByRole("region", { name: "审核与发布" });
  for (const name of columnNames) await panel.getByLabel(`重庆市沙坪坝区人民政府 · ${name}`, { exact: true }).check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
  await signOut(page);
}

/** The reviewer signs the five checks and the 直接责任人 approves: the item is published. */
export async function approveThroughReview(page: Page, title: string) {
  await signIn(page, "reviewer");
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  await expect(page).toHaveURL(/\/admin\/review\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "签署所选关口" }).click();
  for (const check of CHECKS)
    await expect(page.getByRole("listitem").filter({ hasText: new RegExp(`^${check}：王磊 通过`) })).toBeVisible();
  await signOut(page);
  await signIn(page, "deputy");
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  await page.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(page.getByText(/^状态：审核通过/)).toBeVisible();
  await signOut(page);
}
