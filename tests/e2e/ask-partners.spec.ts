import { expect, test } from "@playwright/test";
import { signIn, submitSignIn } from "./helpers";

// #26 智能问答, the partner side and the curation list's letters: the district site's administrator
// creates a partner key at /admin/ask/keys, the partner asks GET /api/qa with it past the public
// limit, the key is stopped and refused in Chinese; an unanswered question in the curation list is
// turned into a letter (转为留言) that the site's 留言办理员 finds in the letters queue.

test("a partner key lifts the limit on /api/qa until it is stopped, then is refused in Chinese", async ({
  page,
  request,
}) => {
  // The first sign-in of a fresh server may take longer than the helper waits on a busy host.
  await submitSignIn(page, "siteadmin");
  await expect(page).toHaveURL(/\/admin(\/account)?$/, { timeout: 30_000 });
  await page.goto("/admin/ask/keys");
  await expect(page.getByRole("heading", { name: "智能问答接口密钥" })).toBeVisible();
  await page.getByLabel("合作方").fill("区 12345 热线");
  await page.getByLabel("网站").selectOption({ label: "重庆市沙坪坝区人民政府" });
  await page.getByLabel("每分钟请求上限").fill("100");
  await page.getByRole("button", { name: "新建密钥" }).click();
  const created = page.getByText(/^已为“区 12345 热线”创建接口密钥：/);
  await expect(created).toBeVisible();
  const key = /接口密钥：(\S+?)（/.exec((await created.textContent())!)![1]!;
  const row = page.getByRole("row").filter({ hasText: "区 12345 热线" });
  await expect(row).toContainText("正常");
  await expect(row).toContainText(key.slice(0, 6));

  // 40 questions in a minute from one address: past the public 30, within the key's 100.
  const withKey = { headers: { "x-forwarded-for": "198.51.100.61", "x-api-key": key } };
  for (let i = 0; i < 40; i += 1) {
    const answered = await request.get(`/api/qa?q=${encodeURIComponent("公积金怎么提取")}`, withKey);
    expect(answered.status(), `request ${i + 1}`).toBe(200);
  }
  // The same address without the key is held to the public limit.
  const anonymous = { headers: { "x-forwarded-for": "198.51.100.62" } };
  let last = await request.get("/api/qa?q=", anonymous);
  for (let i = 0; i < 30 && last.status() !== 429; i += 1) last = await request.get("/api/qa?q=", anonymous);
  expect(last.status()).toBe(429);

  await page.reload();
  await expect(row).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "停用" }).click();
  // The row re-renders stopped (its form, and the form's message, are gone).
  await expect(page.getByRole("row").filter({ hasText: "区 12345 热线" })).toContainText("已停用");
  await expect(row.getByRole("button", { name: "停用" })).toHaveCount(0);

  const refused = await request.get(`/api/qa?q=${encodeURIComponent("公积金怎么提取")}`, withKey);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/json");
  expect(await refused.json()).toEqual({ error: "接口密钥无效或已停用。" });
});

test("an unanswered question becomes a letter (转为留言) in the site's letters queue; 是 shows in the rate", async ({
  page,
  request,
}) => {
  // A visitor says 是 to the answers on 公积金: counted for the site and for each source, not listed.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.64" });
  await page.goto(`/qa?q=${encodeURIComponent("公积金怎么提取")}`);
  await expect(page.locator(".ask-answer").filter({ hasText: "住房公积金提取" })).toHaveCount(1);
  await page.getByRole("group", { name: "是否解决了您的问题？" }).getByRole("button", { name: "是" }).click();
  await expect(page.getByText("感谢您的反馈。")).toBeVisible();

  const question = "区图书馆的古籍修复体验课怎么预约";
  const asked = await request.get(`/api/qa?q=${encodeURIComponent(question)}`, {
    headers: { "x-forwarded-for": "198.51.100.63" },
  });
  expect(asked.status()).toBe(200);
  expect(await asked.json()).toMatchObject({ answers: [] });

  await signIn(page, "handler");
  await page.goto("/admin/ask");
  const row = page.getByRole("row").filter({ hasText: question });
  await expect(row).toContainText("重庆市沙坪坝区人民政府");
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "转为留言" }).click();
  const done = page.getByText(/^已转为留言（查询码 \S+），进入办理队列。$/);
  await expect(done).toBeVisible();
  const queryCode = /查询码 (\S+)）/.exec((await done.textContent())!)![1]!;
  await page.goto("/admin/ask?state=LETTER");
  await expect(page.getByRole("row").filter({ hasText: question })).toContainText("已转留言");
  // 答复解决情况: the site's rate, and the service entry that answered with its 是.
  await expect(page.getByRole("heading", { name: "答复解决情况" })).toBeVisible();
  const sites = page.getByRole("table", { name: "各网站解决率" });
  await expect(sites.getByRole("row").filter({ hasText: "重庆市沙坪坝区人民政府" })).toContainText(/\d+(\.\d)?%/);
  const source = page.getByRole("table", { name: "各答复来源" }).getByRole("row").filter({ hasText: "住房公积金提取" });
  await expect(source).toContainText("办事服务");
  await expect(source).toContainText("100%");

  // The letters queue: the question is a letter on the site's 咨询 type, waiting to be accepted.
  await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "政民互动" }).click();
  await page.getByRole("link", { name: queryCode }).click();
  await expect(page.getByText(question).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "受理", exact: true })).toBeVisible();
});
