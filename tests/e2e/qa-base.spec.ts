import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, signOut } from "./helpers";
import { createPublishedLetterReply } from "./qa-fixtures";

// 答问库: the handler adopts a published letter reply as a draft 答问 (采纳为答问); the editor files it
// under a theme and sends it to review; once signed it appears in the district portal's 咨询答问
// column under its theme, with its page. A second adoption of the same reply is not offered.

const TITLE = "社保卡在外地丢了能在沙坪坝补办吗";
const REPLY = "可以。社会保障卡全市通办，请先拨打 12333 挂失，再持身份证到区内任一社保卡服务网点补办。";

test("a handler adopts a published reply; it passes review and appears in 咨询答问", async ({ page }) => {
  test.setTimeout(180_000);
  const { letterId } = await createPublishedLetterReply({
    title: TITLE,
    question: "我的社保卡在外地出差时丢了，回来后能在沙坪坝补办吗？",
    reply: REPLY,
  });

  // The handler adopts the reply: a draft entry, linked from the letter.
  await signIn(page, "handler");
  await page.goto(`/admin/interaction/${letterId}`);
  const adopt = page.getByRole("region", { name: "采纳为答问" });
  await adopt.getByRole("button", { name: "采纳为答问" }).click();
  // The page re-renders with the draft linked and no second adoption offered.
  await expect(adopt.getByText("该答复已采纳为答问")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "采纳为答问" })).toHaveCount(0);
  await expect(page.getByText("该答复已采纳为答问")).toBeVisible();
  const draftHref = await page.getByRole("link", { name: "打开答问草稿" }).getAttribute("href");
  expect(draftHref).toMatch(/^\/admin\/library\/[0-9a-f-]{36}$/);
  await signOut(page);

  // The editor files it under 社会保障 and submits it for the 咨询答问 column.
  await signIn(page, "editor");
  await page.goto(draftHref!);
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue(TITLE);
  await page.getByLabel("答问主题").selectOption(["social-security"]);
  await page.getByLabel("有效期自").fill("2026-01-01");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 2 版修订" })).toBeVisible();
  await page.reload();
  const panel = page.getByRole("region", { name: "审核与发布" });
  await panel.getByLabel("沙坪坝区人民政府 · 咨询答问").check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 2 版审核中/)).toBeVisible();
  await signOut(page);

  // Not served before review.
  await page.goto("/interaction/qa");
  await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);

  // The unit's review: the five checks, then the 直接责任人.
  await signIn(page, "reviewer");
  await page.goto("/admin/review");
  await page.getByRole("link", { name: TITLE }).first().click();
  await page.getByRole("button", { name: "签署所选关口" }).click();
  await expect(page.getByText(/直接责任人审批（进行中）/)).toBeVisible();
  await signOut(page);
  await signIn(page, "deputy");
  await page.goto("/admin/review");
  await page.getByRole("link", { name: TITLE }).first().click();
  await page.getByRole("button", { name: "签署直接责任人审批" }).click();
  await expect(page.getByText(/^状态：/)).toContainText(/审核通过|已发布/);
  await signOut(page);

  // The portal's 咨询答问 column lists it under 社会保障; its page shows the 答复口径 and validity.
  await page.goto("/columns/zxdw?theme=social-security");
  await expect(page.getByRole("link", { name: "社会保障", exact: true })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page).toHaveURL(/\/interaction\/qa\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText(REPLY)).toBeVisible();
  await expect(page.getByText("有效期：2026-01-01 至 长期有效")).toBeVisible();
  await expect(page.getByText("测试来信人")).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/columns/zxdw?theme=education");
  await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);
});
