import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./helpers";
import { approvedEducationItems, EDUCATION } from "./submission-fixtures";

// Issue #29 item 1: 沙坪坝区教育委员会's 信息员 submits two approved items to the district portal
// from the library; the portal's editor finds them under 来稿, adopts one into 部门动态 (the same
// library item, live on the portal at once) and returns the other with a reason; the 信息员 sees,
// under 我的报送, where the first was adopted and why the second came back, and the department's
// quota progress (报送任务) moves by the two submitted and the one adopted.

const PORTAL = "重庆市沙坪坝区人民政府";

test("a department submits to the district portal; the desk adopts one into a column and returns one", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const adoptedTitle = `区教委举办中小学生校园足球联赛 ${suffix}`;
  const returnedTitle = `区教委召开教育督导工作推进会 ${suffix}`;
  const reason = "会议信息时效性不强，请补充督导成效后重新报送。";
  const [adoptedId, returnedId] = await approvedEducationItems([adoptedTitle, returnedTitle]);

  // The department's 信息员 notes this month's progress, then submits each approved item from its
  // library page.
  await signIn(page, "jw-officer");
  const progress = async () => {
    await page.goto("/admin/statistics/quotas");
    const cells = page.getByRole("table").first().getByRole("row").filter({ hasText: EDUCATION }).getByRole("cell");
    const [submitted, adopted] = [await cells.nth(1).innerText(), await cells.nth(2).innerText()];
    return { submitted: Number(submitted), adopted: Number(adopted) };
  };
  const before = await progress();
  for (const id of [adoptedId!, returnedId!]) {
    await page.goto(`/admin/library/${id}`);
    const panel = page.getByRole("region", { name: "报送", exact: true });
    await panel.getByLabel("报送网站").selectOption({ label: PORTAL });
    await panel.getByRole("button", { name: "报送", exact: true }).click();
    // Submitted: the panel now names the site where it waits, and offers it no second time.
    await expect(panel).toContainText(`待采用：${PORTAL}`);
    await expect(panel.getByRole("button", { name: "报送", exact: true })).toHaveCount(0);
  }
  await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "我的报送" }).click();
  await expect(page.getByRole("row").filter({ hasText: adoptedTitle })).toContainText("待采用");
  await signOut(page);

  // The portal's editor adopts the first into 部门动态.
  await signIn(page, "editor");
  await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "来稿", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/submissions\/desk$/);
  const row = page.getByRole("row").filter({ hasText: adoptedTitle });
  await expect(row).toContainText(EDUCATION);
  await expect(row).toContainText("待采用");
  await row.getByRole("link", { name: adoptedTitle }).click();
  const adopt = page.getByRole("region", { name: "采用", exact: true });
  await adopt.getByLabel("部门动态").check();
  await adopt.getByRole("button", { name: "采用", exact: true }).click();
  await expect(page.locator("dl.facts")).toContainText("已采用");
  await expect(page.locator("dl.facts")).toContainText("部门动态");
  await expect(page.getByRole("row").filter({ hasText: "上线" })).toBeVisible();

  // …and returns the second with a reason (none given: refused, nothing changes).
  await page.goto("/admin/submissions/desk?state=SUBMITTED");
  await page.getByRole("row").filter({ hasText: returnedTitle }).getByRole("link", { name: returnedTitle }).click();
  const giveBack = page.getByRole("region", { name: "退回", exact: true });
  await giveBack.getByRole("button", { name: "退回", exact: true }).click();
  await expect(giveBack.getByRole("status")).toHaveText("请填写退回理由");
  await giveBack.getByLabel("退回理由").fill(reason);
  await giveBack.getByRole("button", { name: "退回", exact: true }).click();
  await expect(page.locator("dl.facts")).toContainText("已退回");
  await expect(page.locator("dl.facts")).toContainText(reason);
  await signOut(page);

  // Live on the district portal, in 部门动态: the department's own library item.
  await page.goto("/columns/bmdt");
  await page.getByRole("link", { name: adoptedTitle }).click();
  await expect(page).toHaveURL(new RegExp(`/content/${adoptedId}$`));
  await expect(page.getByRole("heading", { level: 1, name: adoptedTitle })).toBeVisible();

  // The 信息员 sees where it was adopted, and why the other came back.
  await signIn(page, "jw-officer");
  await page.goto("/admin/submissions");
  const adopted = page.getByRole("row").filter({ hasText: adoptedTitle });
  await expect(adopted).toContainText("已采用");
  await expect(adopted).toContainText("部门动态");
  await expect(adopted.getByRole("link", { name: "查看页面" })).toHaveAttribute("href", `/content/${adoptedId}`);
  const returned = page.getByRole("row").filter({ hasText: returnedTitle });
  await expect(returned).toContainText("已退回");
  await expect(returned).toContainText(reason);
  expect(await progress()).toEqual({ submitted: before.submitted + 2, adopted: before.adopted + 1 });
});
