import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

// #26 智能问答: a visitor asks on the district portal (the header's 智能问答 link, on a phone too),
// sees the 答复口径 with its source, says 否; the site's staff find the question in the curation
// list and turn it into a Q&A draft in the library. GET /api/qa answers the same question as JSON,
// a question with no match cleanly, and refuses bad input (400) and floods (429) in Chinese.

const CHINESE = /[\u4e00-\u9fff]/;

test("a visitor asks, sees the answer with its source and says 否; staff turn it into a Q&A draft", async ({
  page,
  browser,
}) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.21" });
  await page.goto("/");
  await page.getByRole("link", { name: "智能问答" }).first().click();
  await expect(page).toHaveURL(/\/qa$/);
  await page.getByRole("searchbox", { name: "智能问答" }).fill("社保卡丢了怎么补办？");
  await page.getByRole("button", { name: "提问" }).click();
  await expect(page).toHaveURL(/\/qa\?q=/);
  // The service entry answers, beside the 答问库's entry on the same question.
  const answer = page.locator(".ask-answer").filter({ hasText: "社会保障卡补办（挂失补换）" });
  await expect(answer.getByRole("heading")).toContainText("社会保障卡补办（挂失补换）");
  await expect(answer.getByRole("link", { name: "社会保障卡补办（挂失补换）" })).toHaveAttribute(
    "href",
    "https://zwykb.cq.gov.cn/grbs/sbk/",
  );
  await expectAccessible(page);
  const feedback = page.getByRole("group", { name: "是否解决了您的问题？" });
  await feedback.getByRole("button", { name: "否" }).click();
  await expect(page.getByText("感谢您的反馈，您的问题已转给工作人员补充答复。")).toBeVisible();

  // On a phone the page fits the screen and answers the same.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
  const mobile = await phone.newPage();
  await mobile.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.22" });
  await mobile.goto(`/qa?q=${encodeURIComponent("公积金怎么提取")}`);
  await expect(mobile.locator(".ask-answer").filter({ hasText: "住房公积金提取" })).toHaveCount(1);
  expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await phone.close();

  // The site's information officer curates it.
  await signIn(page, "officer");
  await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "智能问答" }).click();
  await expect(page).toHaveURL(/\/admin\/ask$/);
  await expect(page.getByRole("heading", { name: "智能问答待办" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "社保卡丢了怎么补办" });
  await expect(row).toContainText("重庆市沙坪坝区人民政府");
  await expect(row.getByRole("cell", { name: "1 次" })).toHaveCount(1);
  await row.getByRole("button", { name: "转为答问草稿" }).click();
  // The question is stored as NFKC text: the full-width ？ became ?.
  await expect(page.getByText(/^已生成答问草稿“社保卡丢了怎么补办\?”/)).toBeVisible();
  await page.goto("/admin/ask?state=DRAFTED");
  const drafted = page.getByRole("row").filter({ hasText: "社保卡丢了怎么补办" });
  await drafted.getByRole("link", { name: "已转答问" }).click();
  await expect(page).toHaveURL(/\/admin\/library\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("textbox", { name: "标题", exact: true })).toHaveValue("社保卡丢了怎么补办?");
});

test("GET /api/qa answers as JSON, answers nothing cleanly, and refuses bad input and floods in Chinese", async ({
  request,
}) => {
  const as = (address: string) => ({ headers: { "x-forwarded-for": address } });
  const answered = await request.get(`/api/qa?q=${encodeURIComponent("社保卡丢了怎么补办")}`, as("198.51.100.31"));
  expect(answered.status()).toBe(200);
  const body = (await answered.json()) as { answers: { kind: string; sourceUrl: string; score: number }[] };
  const service = body.answers.find((entry) => entry.kind === "SERVICE");
  expect(service).toMatchObject({ sourceUrl: "https://zwykb.cq.gov.cn/grbs/sbk/" });
  expect(service!.score).toBeGreaterThan(0);

  const nothing = await request.get(`/api/qa?q=${encodeURIComponent("火星上怎么种土豆")}`, as("198.51.100.31"));
  expect(nothing.status()).toBe(200);
  expect(await nothing.json()).toMatchObject({ answers: [], phrased: null });

  for (const q of ["", "问".repeat(101), "社保卡%00补办"]) {
    const refused = await request.get(`/api/qa?q=${q.includes("%") ? q : encodeURIComponent(q)}`, as("198.51.100.32"));
    expect(refused.status(), q).toBe(400);
    // The NUL is refused by the request guard before the route, as plain text.
    expect(await refused.text()).toMatch(CHINESE);
  }
  expect((await request.get("/api/qa", as("198.51.100.32"))).status()).toBe(400);
  const badKey = await request.get(`/api/qa?q=${encodeURIComponent("社保卡")}`, {
    headers: { "x-forwarded-for": "198.51.100.33", "x-api-key": "tyqa_not-a-key" },
  });
  expect(badKey.status()).toBe(401);
  expect(await badKey.json()).toEqual({ error: "接口密钥无效或已停用。" });

  // The default limit is 30 questions a minute per address.
  let last = await request.get("/api/qa?q=", as("198.51.100.34"));
  for (let i = 0; i < 30 && last.status() !== 429; i += 1) last = await request.get("/api/qa?q=", as("198.51.100.34"));
  expect(last.status()).toBe(429);
  expect(((await last.json()) as { error: string }).error).toMatch(/^提问过于频繁，请 \d+ 秒后再试。$/);
  expect(Number(last.headers()["retry-after"])).toBeGreaterThan(0);
});
