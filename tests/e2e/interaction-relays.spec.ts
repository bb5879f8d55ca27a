import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

// #25 item 6's journey (互动同源同步同反馈): the site administrator points a Webhook channel at the
// 融媒体中心's back end (a local stand-in) and registers it as the relay of 微信 messages, seeing its
// secret once; the relay posts a signed message and is told the 查询码; the letter waits in the same
// queue marked 微信; once its reply is approved the relay receives it, signed, with the hash of the
// text, and the letter's page shows the delivery confirmed.

const CHANNEL_SECRET = "rmt-webhook-secret-2026-e2e";
const TITLE = "小区垃圾清运不及时";

type Received = { body: { event: string; contentHash: string; reply: { queryCode: string; text: string } } };
const received: Received[] = [];
let backEnd: http.Server;
let backEndUrl = "";

test.beforeAll(async () => {
  backEnd = http.createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => (text += chunk));
    request.on("end", () => {
      const timestamp = String(request.headers["x-tongyuan-timestamp"]);
      const expected = `sha256=${createHmac("sha256", CHANNEL_SECRET).update(`${timestamp}.${text}`).digest("hex")}`;
      if (request.headers["x-tongyuan-signature"] !== expected) {
        response.writeHead(401).end();
        return;
      }
      received.push({ body: JSON.parse(text) as Received["body"] });
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ id: `rmt-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => backEnd.listen(0, "127.0.0.1", resolve));
  backEndUrl = `http://127.0.0.1:${(backEnd.address() as AddressInfo).port}/tongyuan/replies`;
});

test.afterAll(async () => {
  backEnd.closeAllConnections();
  await new Promise((resolve) => backEnd.close(resolve));
});

test("a relay is registered, its signed message is handled in the queue, and the reply goes back", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);

  // 1. The site administrator: a Webhook channel to the back end, then the relay with its secret shown once.
  await signIn(page, "siteadmin");
  await page.goto("/admin/channels/new?kind=WEBHOOK");
  await page.getByLabel("渠道名称", { exact: true }).fill("区融媒体中心互动回传");
  await page.getByLabel("所属单位", { exact: true }).selectOption({ label: "重庆市沙坪坝区人民政府" });
  await page
    .getByLabel(/^关联的政务新媒体账号/)
    .selectOption({ label: "重庆市沙坪坝区人民政府 · 微信公众号 · 重庆沙坪坝发布" });
  await page.getByLabel(/^接收地址/).fill(backEndUrl);
  await page.getByLabel("签名密钥", { exact: true }).fill(CHANNEL_SECRET);
  await page.getByRole("button", { name: "创建渠道" }).click();
  await expect(page.getByText("已新建渠道。")).toBeVisible();

  await page.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "互动接入" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "互动接入" })).toBeVisible();
  await page.getByLabel("接入名称", { exact: true }).fill("沙坪坝区融媒体中心微信后台");
  await page.getByLabel("网站", { exact: true }).selectOption({ label: "重庆市沙坪坝区人民政府" });
  await page.getByLabel("来源渠道", { exact: true }).selectOption({ label: "微信" });
  await page.getByLabel(/^答复回传渠道/).selectOption({ label: "重庆市沙坪坝区人民政府 · 区融媒体中心互动回传" });
  await page.getByRole("button", { name: "登记接入" }).click();
  const shown = page.getByRole("status").filter({ hasText: "已登记互动接入" });
  await expect(shown).toContainText("仅显示这一次");
  const message = (await shown.textContent())!;
  const relayId = /X-Tongyuan-Relay）：([0-9a-f-]{36})/.exec(message)![1]!;
  const secret = /签名密钥：([\w-]{43})/.exec(message)![1]!;
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: "沙坪坝区融媒体中心微信后台" });
  await expect(row).toContainText(relayId);
  await expect(page.getByText(secret)).toHaveCount(0);
  await expectAccessible(page);

  // 2. The relay posts a message signed with that secret and is told the 查询码.
  const relay = await playwright.request.newContext({ baseURL });
  const body = JSON.stringify({
    type: "complaint",
    title: TITLE,
    content: "土湾街道某小区的生活垃圾已经三天没有清运，气味很大，请尽快安排清运。",
    writerName: "钱七",
    writerPhone: "13512345678",
    consentToPublish: false,
    messageId: "wx-e2e-000001",
    receivedAt: new Date().toISOString(),
  });
  const sign = (timestamp: string) =>
    `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const unsigned = await relay.post("/api/interaction/inbound", {
    headers: { "content-type": "application/json", "X-Tongyuan-Relay": relayId, "Idempotency-Key": "e2e-1" },
    data: body,
  });
  expect(unsigned.status()).toBe(401);
  const posted = await relay.post("/api/interaction/inbound", {
    headers: {
      "content-type": "application/json",
      "X-Tongyuan-Relay": relayId,
      "X-Tongyuan-Timestamp": timestamp,
      "X-Tongyuan-Signature": sign(timestamp),
      "Idempotency-Key": "e2e-1",
    },
    data: body,
  });
  expect(posted.status()).toBe(201);
  const { queryCode } = (await posted.json()) as { queryCode: string };
  expect(queryCode).toMatch(/^\d{8}[A-Z2-9]{6}$/);

  // 3. The handler finds it in the same queue, marked 微信, and has it answered.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, "handler");
  await staff.getByRole("navigation", { name: "后台导航" }).getByRole("link", { name: "政民互动" }).click();
  await staff.getByRole("link", { name: queryCode }).click();
  await expect(staff.getByText(/微信（经互动接入“沙坪坝区融媒体中心微信后台”，消息编号 wx-e2e-000001）/)).toBeVisible();
  await staff.getByRole("button", { name: "受理", exact: true }).click();
  await expect(staff.getByRole("button", { name: "转办" })).toBeVisible();
  await staff.getByRole("checkbox", { name: "区政府办公室综合科" }).check();
  await staff.getByLabel("主办单位").selectOption({ label: "区政府办公室综合科" });
  await staff.getByRole("button", { name: "转办" }).click();
  await expect(staff.getByText("已转办。")).toBeVisible();
  const reply = "经土湾街道核查，已于当日完成该小区垃圾清运，并已督促物业每日按时清运。";
  await staff.getByLabel("答复内容").fill(reply);
  await staff.getByRole("button", { name: "保存答复" }).click();
  await expect(staff.getByText("答复已保存。")).toBeVisible();
  await staff.getByRole("button", { name: "提交审核" }).click();
  await expect(staff.getByText("答复审核中", { exact: true })).toBeVisible();

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "deputy");
  await reviewer.goto("/admin/interaction?state=REVIEWING");
  await reviewer.getByRole("link", { name: queryCode }).click();
  await reviewer.getByRole("button", { name: "提交审核意见" }).click();
  await expect(reviewer.getByText("已答复", { exact: true })).toBeVisible();

  // 4. The relay's back end receives the reply, signed, hashed as the text; the letter shows it confirmed.
  await expect.poll(() => received.filter((entry) => entry.body.reply?.queryCode === queryCode).length).toBe(1);
  const [delivered] = received.filter((entry) => entry.body.reply?.queryCode === queryCode);
  expect(delivered!.body).toMatchObject({ event: "interaction.replied", reply: { text: reply } });
  const section = reviewer.getByRole("region", { name: "答复回传" });
  await expect(async () => {
    await reviewer.reload();
    await expect(section.getByRole("row").filter({ hasText: "第 1 次答复" })).toContainText("已确认", {
      timeout: 1_000,
    });
  }).toPass();
  await expectAccessible(reviewer);
});
