import { expect, test, type Page } from "@playwright/test";
import { createDb } from "../../lib/db/client";
import { embeddedDatabaseUrl } from "../../lib/db/embedded-url";
import { expectAccessible, signOut, submitSignIn } from "./helpers";
import { E2E } from "./env";

// Issue #23 §4: each role's start page shows its own lists, with counts equal to the database
// (and to the library list their links open); an editor cancels a scheduled publication there.
// And the policy metadata table on a phone: label/value pairs stack, nothing scrolls sideways.

const SECTION = "区政府办公室政务公开科";
const RETURNED = "工作台E2E：退回修改的稿件";
const SCHEDULED = "工作台E2E：定时发布的稿件";
const REASON = "请核实文中引用的统计数据";
const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";

const db = createDb(embeddedDatabaseUrl(E2E.pgPort));
test.afterAll(async () => db.$disconnect());

/** Signs in and waits for the dashboard, which this spec is about (the first render of a busy server may be slow). */
async function signIn(page: Page, username: string) {
  await submitSignIn(page, username);
  await expect(page).toHaveURL(/\/admin$/, { timeout: 30_000 });
}

async function count(page: Page, key: string) {
  return Number(await page.locator(`[data-count="${key}"]`).textContent());
}

/** A new article of the editor's unit, saved once and submitted to 沙坪坝要闻. */
async function writeAndSubmit(page: Page, title: string, mode: "ON_APPROVAL" | "SCHEDULED") {
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "政务动态" });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  await page.getByLabel("标题", { exact: true }).fill(title);
  await page.getByRole("textbox", { name: "正文" }).click();
  await page.keyboard.type("沙坪坝区召开政府网站和政务新媒体工作推进会，部署下一阶段重点任务。");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  await page.reload();
  const panel = page.getByRole("region", { name: "审核与发布" });
  await panel.getByLabel("沙坪坝区人民政府 · 沙坪坝要闻").check();
  await panel.getByLabel("发布方式").selectOption(mode);
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
}

async function openReview(page: Page, title: string) {
  await page.goto("/admin/review");
  await page.getByRole("link", { name: title }).first().click();
  await expect(page).toHaveURL(/\/admin\/review\/[0-9a-f-]{36}$/);
}

test("each role's dashboard lists its work with counts equal to the database; a schedule is cancelled there", async ({
  page,
}) => {
  test.setTimeout(240_000);
  page.on("dialog", (dialog) => void dialog.accept());

  await signIn(page, "editor");
  await writeAndSubmit(page, RETURNED, "ON_APPROVAL");
  await writeAndSubmit(page, SCHEDULED, "SCHEDULED");
  await signOut(page);

  // The reviewer: 待我处理 holds both, as many as the review inbox.
  await signIn(page, "reviewer");
  const todo = page.getByRole("table", { name: "待我处理" });
  await expect(todo.getByRole("row").filter({ hasText: RETURNED })).toContainText("稿件审核");
  await expect(todo.getByRole("row").filter({ hasText: SCHEDULED })).toBeVisible();
  const todoCount = Number((await page.getByRole("heading", { name: /^待我处理/ }).textContent())!.match(/\d+/)![0]);
  await expectAccessible(page);
  await page.goto("/admin/review");
  await expect(page.getByRole("heading", { name: `待我审核（${todoCount}）` })).toBeVisible();
  // Return one with a reason; sign every check of the other.
  await openReview(page, RETURNED);
  for (const check of ["法律关", "政策关", "保密关", "文字关"])
    await page.getByRole("checkbox", { name: check }).uncheck();
  await page.getByLabel("审核意见").selectOption({ label: "退回修改" });
  await page.getByLabel("理由（退回或不予发布时必填）").fill(REASON);
  await page.getByRole("button", { name: "签署所选关口" }).click();
  await expect(
    page.getByRole("listitem").filter({ hasText: new RegExp(`^政治关：王磊 退回修改（${REASON}）`) }),
  ).toBeVisible();
  await openReview(page, SCHEDULED);
  await page.getByRole("button", { name: "签署所选关口" }).click();
  for (const check of ["政治关", "法律关", "政策关", "保密关", "文字关"])
    await expect(page.getByRole("listitem").filter({ hasText: new RegExp(`^${check}：王磊 通过`) })).toBeVisible();
  await signOut(page);
  await signIn(page, "deputy");
  await openReview(page, SCHEDULED);
  await page.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(page.getByText("直接责任人审批（已完成）")).toBeVisible();
  await signOut(page);

  // The editor: counts as in the database; the returned item with its reason; the schedule.
  await signIn(page, "editor");
  const editor = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
  expect(await count(page, "drafts")).toBe(
    await db.resource.count({ where: { state: "DRAFT", createdById: editor.id } }),
  );
  const returnedInDb = await db.resource.findMany({
    where: { createdById: editor.id, state: "DRAFT", reviewInstances: { some: { status: "RETURNED" } } },
  });
  expect(await count(page, "returned")).toBe(returnedInDb.length);
  expect(await count(page, "published")).toBe(
    await db.resource.count({ where: { state: "PUBLISHED", ownerOrg: { name: SECTION } } }),
  );
  const pendingInDb = () =>
    db.publicationSchedule.count({
      where: { status: "PENDING", instance: { resource: { ownerOrg: { name: SECTION } } } },
    });
  expect(await count(page, "scheduled")).toBe(await pendingInDb());
  await expect(
    page.getByRole("table", { name: "被退回的稿件" }).getByRole("row").filter({ hasText: RETURNED }),
  ).toContainText(REASON);
  await expectAccessible(page);

  // The count opens the library with the same filter, listing as many.
  await page.getByRole("link", { name: /^被退回的稿件 \d+ 篇$/ }).click();
  await expect(page).toHaveURL(/review=RETURNED/);
  await expect(page.getByRole("table", { name: "稿件列表" }).getByRole("link", { name: RETURNED })).toBeVisible();
  await page.goto("/admin");

  // Cancel the schedule from the dashboard.
  const scheduled = page.getByRole("table", { name: "定时发布" }).getByRole("row").filter({ hasText: SCHEDULED });
  await expect(scheduled).toBeVisible();
  const before = await pendingInDb();
  await scheduled.getByRole("button", { name: "取消定时发布" }).click();
  // The list is drawn again without it (the form and its message go with the row).
  await expect(scheduled).toHaveCount(0);
  await expect.poll(pendingInDb).toBe(before - 1);
  await page.reload();
  expect(await count(page, "scheduled")).toBe(before - 1);
  await signOut(page);

  // The site administrator: each site's live items as in the database.
  await signIn(page, "siteadmin");
  const sites = page.getByRole("table", { name: "各站点发布情况" });
  for (const site of await db.site.findMany({ where: { org: { name: "重庆市沙坪坝区人民政府" } } })) {
    const live = await db.resource.count({
      where: {
        publications: { some: { withdrawnAt: null, supersededAt: null } },
        placements: { some: { column: { siteId: site.id } } },
      },
    });
    await expect(sites.getByRole("row").filter({ hasText: site.name }).getByRole("cell").nth(1)).toHaveText(
      String(live),
    );
  }
  await expect(page.getByRole("heading", { name: "我的稿件" })).toHaveCount(0);
  await signOut(page);

  // The supervising unit: a unit's drafts as in the database, and the same number in the library.
  await signIn(page, "supervisor");
  const drafts = await db.resource.count({ where: { state: "DRAFT", ownerOrg: { name: SECTION } } });
  const link = page.getByRole("link", { name: `${SECTION} 草稿 ${drafts} 篇` });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/state=DRAFT/);
  await expect(page.getByRole("table", { name: "稿件列表" }).locator("tbody tr")).toHaveCount(drafts);
});

test("the policy metadata table stacks its label/value pairs on a phone, with no sideways scrolling", async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/columns/sjwj");
  await page.getByRole("link", { name: CITY_OPINION }).click();
  // Located by markup: what is checked here is the layout, not the table's semantics.
  const table = page.locator("table.policy-meta");
  await expect(table).toBeVisible();
  const box = async (cell: string, text: string) =>
    (await table
      .locator(cell)
      .filter({ hasText: new RegExp(`^${text}$`) })
      .boundingBox())!;
  const index = await box("th", "索引号");
  const issuer = await box("th", "发文机关");
  const issuerValue = await box("td", "重庆市人民政府办公厅");
  // Each pair on a line of its own: 发文机关 below 索引号, its value beside it.
  expect(issuer.y).toBeGreaterThan(index.y);
  expect(Math.abs(issuerValue.y - issuer.y)).toBeLessThan(2);
  expect(issuerValue.x).toBeGreaterThan(issuer.x);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const tableBox = (await table.boundingBox())!;
  expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(375);
});
