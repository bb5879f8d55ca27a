import fs from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createDb } from "../../lib/db/client";
import { embeddedDatabaseUrl } from "../../lib/db/embedded-url";
import { zipEntry } from "../fixtures/zip-entry";
import { createSettledUser } from "./fixtures";
import { E2E } from "./env";
import { expectAccessible, signIn, signOut } from "./helpers";

// #23 §2: an editor bulk-selects three drafts, exports them, moves them to the 回收站 and restores
// one; an editor of another unit sees none of them, in the library or in the 回收站.

const SECTION = "区政府办公室政务公开科";
const CULTURE = "重庆市文化和旅游发展委员会";

/** Three drafts of the seeded editor, with titles of this run's own. */
async function threeDrafts(tag: string): Promise<string[]> {
  const db = createDb(embeddedDatabaseUrl(E2E.pgPort));
  try {
    const editor = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
    const section = await db.organization.findFirstOrThrow({ where: { name: SECTION } });
    const titles = ["甲", "乙", "丙"].map((name) => `批量操作草稿${name}${tag}`);
    for (const title of titles)
      await db.resource.create({ data: { kind: "ARTICLE", ownerOrgId: section.id, createdById: editor.id, title } });
    return titles;
  } finally {
    await db.$disconnect();
  }
}

async function filterByTitle(page: Page, text: string) {
  await page.goto(`/admin/library?q=${encodeURIComponent(text)}`);
}

test("an editor bulk-exports three drafts, moves them to the 回收站 and restores one; another unit sees none", async ({
  page,
}) => {
  const tag = randomUUID().slice(0, 6);
  const titles = await threeDrafts(tag);
  await signIn(page, "editor");
  await filterByTitle(page, tag);
  const table = page.getByRole("table", { name: "稿件列表" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(page.getByText("共 3 篇符合条件的稿件")).toBeVisible();
  await expect(table.getByText("草稿", { exact: true })).toHaveCount(3);
  await expectAccessible(page);

  await page.getByRole("checkbox", { name: "全选本页稿件" }).check();
  await expect(page.getByText("已选 3 篇")).toBeVisible();

  // 导出 XLSX: the workbook holds exactly the selected rows.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出 XLSX" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^资源库稿件-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = await fs.readFile((await file.path())!);
  const text = `${zipEntry(workbook, "xl/sharedStrings.xml") ?? ""}${zipEntry(workbook, "xl/worksheets/sheet1.xml") ?? ""}`;
  for (const title of titles) expect(text).toContain(title);
  expect(text.match(new RegExp(tag, "g"))).toHaveLength(3);

  await page.getByRole("button", { name: "移入回收站" }).click();
  await expect(page.getByText("移入回收站：已完成 3 篇。")).toBeVisible();
  await expect(page.getByText("共 0 篇符合条件的稿件")).toBeVisible();
  await expect(table.getByText("没有符合条件的稿件。")).toBeVisible();

  await page.getByRole("link", { name: "回收站" }).click();
  await expect(page).toHaveURL(/\/admin\/library\/trash$/);
  const trash = page.getByRole("table", { name: "回收站中的稿件" });
  for (const title of titles) await expect(trash.getByRole("row", { name: new RegExp(title) })).toContainText("张敏");
  await expectAccessible(page);
  await page.getByRole("checkbox", { name: `选择“${titles[0]}”` }).check();
  await page.getByRole("button", { name: "恢复" }).click();
  await expect(page.getByText("恢复：已完成 1 篇。")).toBeVisible();
  await expect(trash.getByText(titles[0]!)).toHaveCount(0);

  await filterByTitle(page, tag);
  await expect(page.getByText("共 1 篇符合条件的稿件")).toBeVisible();
  await expect(table.getByRole("link", { name: titles[0]! })).toBeVisible();

  // An editor of another unit: not in the library, not in the 回收站, nothing to restore.
  await signOut(page);
  await createSettledUser({
    username: `culture-${tag}`,
    displayName: `文旅采编${tag}`,
    orgName: CULTURE,
    role: "EDITOR",
    password: E2E.password,
  });
  await signIn(page, `culture-${tag}`);
  await filterByTitle(page, tag);
  await expect(page.getByText("共 0 篇符合条件的稿件")).toBeVisible();
  await page.goto("/admin/library/trash");
  await expect(page.getByRole("heading", { name: "回收站" })).toBeVisible();
  for (const title of titles) await expect(page.getByText(title)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "恢复" })).toHaveCount(0);
});
