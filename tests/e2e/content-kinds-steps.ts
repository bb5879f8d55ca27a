import sharp from "sharp";
import { expect, type Page } from "@playwright/test";
import { signIn, signOut } from "./helpers";

// Steps shared by the content-kinds journey and the manual's screenshots: the site administrator
// adds a column, the editor writes a 领导之窗 item or a 单页 and submits it, the reviewer and the
// 直接责任人 approve it.

const CHECKS = ["政治关", "法律关", "政策关", "保密关", "文字关"];
export const DISTRICT = "重庆市沙坪坝区人民政府";

/** The site administrator adds a top-level column to the district site, unless it is there. */
export async function addDistrictColumn(page: Page, column: { name: string; slug: string; kind: "信息列表" | "单页" }) {
  await signIn(page, "siteadmin");
  await page.goto("/admin/sites");
  await page
    .getByRole("main")
    .getByRole("link", { name: /沙坪坝/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/admin\/sites\/[0-9a-f-]{36}$/);
  const listed = page
    .getByRole("table", { name: "栏目列表" })
    .getByRole("row")
    .filter({ hasText: `/columns/${column.slug}` });
  if ((await listed.count()) === 0) {
    await page.locator("#new-name").fill(column.name);
    await page.locator("#new-slug").fill(column.slug);
    await page.locator("#new-kind").selectOption({ label: column.kind });
    await page.getByRole("button", { name: "新建栏目" }).click();
    await expect(listed).toHaveCount(1);
  }
  await signOut(page);
}

/** A portrait the size of an ID photo, darker where the face would be, as an uploaded PNG. */
export async function portrait(): Promise<Buffer> {
  const face = await sharp({ create: { width: 120, height: 150, channels: 3, background: "#3b4a5c" } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 300, height: 400, channels: 3, background: "#c9d3de" } })
    .composite([{ input: face, left: 90, top: 60 }])
    .png()
    .toBuffer();
}

/** The editor opens a new item of `kind` (its label in the 类型 select). */
export async function newItem(page: Page, kind: string) {
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: kind });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
}

/** Saves the item as its first revision and submits it to one column of the district site. */
export async function saveAndSubmit(page: Page, columnName: string) {
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  const panel = page.getByRole("region", { name: "审核与发布" });
  await panel.getByLabel(`沙坪坝区人民政府 · ${columnName}`).check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
}

/** The five checks by the reviewer (after `inspect` looks at the review page), then the 直接责任人. */
export async function approveThroughReview(page: Page, title: string, inspect?: (page: Page) => Promise<void>) {
  await signIn(page, "reviewer");
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  await expect(page).toHaveURL(/\/admin\/review\/[0-9a-f-]{36}$/);
  await inspect?.(page);
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

export type LeaderInput = { name: string; post: string; duties: string; rank: number; resume: string };

/** The editor writes a 领导之窗 item with an uploaded photo and submits it to `columnName`. */
export async function submitLeader(page: Page, leader: LeaderInput, columnName: string) {
  await signIn(page, "editor");
  await newItem(page, "领导之窗");
  await page.getByLabel("姓名").fill(leader.name);
  // The title follows the name until the editor writes one.
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue(leader.name);
  await page.getByLabel("职务").fill(leader.post);
  await page.getByLabel("分工").fill(leader.duties);
  await page.getByLabel("排序").fill(String(leader.rank));
  await page
    .getByLabel("上传图片")
    .setInputFiles({ name: "标准照.png", mimeType: "image/png", buffer: await portrait() });
  const picker = page.getByRole("img", { name: "照片" });
  await expect(picker).toBeVisible();
  const box = (await picker.boundingBox())!;
  await picker.click({ position: { x: box.width * 0.5, y: box.height * 0.3 } });
  await expect(page.getByLabel("焦点位置")).toHaveText("横 50%，纵 30%");
  await page.getByLabel("图片说明（替代文本）").fill(`${leader.name}标准照`);
  await page.getByRole("textbox", { name: "简历" }).click();
  await page.keyboard.type(leader.resume);
  await saveAndSubmit(page, columnName);
  await signOut(page);
}
