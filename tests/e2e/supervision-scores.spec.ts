import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E } from "./env";
import { expectAccessible, signIn } from "./helpers";

// 监管 scores, the journey of #28 items 4 and 5: the supervisor opens 监管总览 (lights, the quarterly
// trend as a chart and a table), runs the quarter's inspection and sees the scores, enters an
// inspector's finding with a screenshot, drafts the quarterly 通报; the 电子政务处's head signs it
// and it is published in 监管通报 on the supervising unit's site; its .docx downloads. The site
// administrator sees only their own site.

const DISTRICT = "重庆市沙坪坝区人民政府";
// A 1×1 PNG: the screenshot an inspector attaches.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  return page;
}

test("the supervisor runs the quarter's inspection, its bulletin is reviewed, published and downloaded", async ({
  browser,
}) => {
  const supervisor = await staffPage(browser, "supervisor");
  await supervisor.getByRole("link", { name: "监管总览" }).click();
  await expect(supervisor.getByRole("heading", { level: 1, name: "监管总览" })).toBeVisible();
  const sites = supervisor.getByRole("table", { name: "政府网站" });
  await expect(sites.getByRole("row")).toHaveCount(4);
  await expect(sites.getByRole("link", { name: "重庆市人民政府办公厅" })).toBeVisible();
  // The seeded quarters' trend: a chart drawn on the server and the same figures as a table.
  const chart = supervisor.getByRole("img", { name: "各季度平均得分与不合格数" });
  await expect(chart).toBeVisible();
  const svg = await supervisor.request.get((await chart.getAttribute("src"))!);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  await expect(supervisor.getByRole("table", { name: "各季度平均得分与不合格数" }).getByRole("row")).not.toHaveCount(1);
  await expectAccessible(supervisor);

  // The quarter's inspection.
  await supervisor.getByRole("link", { name: "季度检查" }).click();
  const period = await supervisor.getByLabel("季度（如 2026Q4，留空为本季度）").inputValue();
  await runInspection(supervisor, period);
  const scores = supervisor.getByRole("table", { name: `${period} 检查得分` });
  await expect(scores.getByRole("row").filter({ hasText: DISTRICT })).toBeVisible();
  await expect(supervisor.getByTestId("checked-政府网站")).toHaveText("3");

  // An inspector's finding with its screenshot, then the inspection again with it.
  await supervisor.getByLabel("检查对象").selectOption({ label: DISTRICT });
  await supervisor
    .getByLabel("指标", { exact: true })
    .selectOption({ label: "政府网站 W-B1 集约化与信息同源（加分指标 5 分）" });
  await supervisor.getByLabel("扣分或加分（单项否决填 0）").fill("5");
  await supervisor.getByLabel("问题描述与依据").fill("抽查 10 条信息，均统一入库、一次审核多端分发。");
  await supervisor
    .getByLabel("截图（可选，图片）")
    .setInputFiles({ name: "evidence.png", mimeType: "image/png", buffer: PNG });
  await supervisor.getByRole("button", { name: "录入", exact: true }).click();
  await expect(supervisor.getByText("已录入。")).toBeVisible();
  await supervisor.reload();
  await expect(supervisor.getByRole("link", { name: "截图" })).toBeVisible();
  await runInspection(supervisor, period);

  // The quarterly bulletin, drafted for review; its .docx in 公文 layout.
  await expect(supervisor.getByTestId("bulletin-state")).toHaveText("未生成");
  await supervisor.getByLabel(/^工作要求/).fill("请各单位于 10 个工作日内报送整改情况。");
  await supervisor.getByRole("button", { name: "生成通报并送审" }).click();
  // Drafted, the page shows the bulletin in review (the form is gone with its message).
  await expect(supervisor.getByTestId("bulletin-state")).toHaveText("审核中");
  const downloading = supervisor.waitForEvent("download");
  await supervisor.getByRole("link", { name: "下载 .docx（公文格式）" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");

  // The 电子政务处's head signs it; it is published.
  const title = /^关于\d{4}年第.季度全市政府网站和政务新媒体检查情况的通报$/;
  const deputy = await staffPage(browser, "egov-deputy");
  await deputy.goto("/admin/review");
  await deputy.getByRole("link", { name: title }).first().click();
  await deputy.getByRole("button", { name: "签署处室负责人签发" }).click();
  await expect(deputy.getByText(/^状态：/)).toContainText(/审核通过|已发布/);
  await supervisor.reload();
  await expect(supervisor.getByTestId("bulletin-state")).toHaveText("已发布");

  // The public reads it in 监管通报 on the supervising unit's site.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`http://bgt.localhost:${E2E.port}/`);
  await visitor.getByRole("link", { name: "监管通报" }).first().click();
  await visitor.getByRole("link", { name: title }).first().click();
  await expect(visitor.getByText(/共检查全市政府网站3个/)).toBeVisible();
  await expect(visitor.getByText("请各单位于 10 个工作日内报送整改情况。", { exact: false })).toBeVisible();
});

test("a site administrator sees only their own site in 监管总览", async ({ browser }) => {
  const admin = await staffPage(browser, "siteadmin");
  await admin.getByRole("link", { name: "监管总览" }).click();
  const sites = admin.getByRole("table", { name: "政府网站" });
  await expect(sites.getByRole("row")).toHaveCount(2);
  await sites.getByRole("link", { name: DISTRICT }).click();
  await expect(admin.getByRole("heading", { level: 1, name: DISTRICT })).toBeVisible();
  await expect(admin.getByRole("table", { name: "监测结果" })).toBeVisible();
  // Another unit's site and the supervising unit's pages are not theirs.
  const other = admin.url().replace(/[0-9a-f-]{36}$/, "00000000-0000-4000-8000-000000000000");
  expect((await admin.goto(other))!.status()).toBe(404);
  expect((await admin.goto("/admin/oversight/inspections"))!.status()).toBe(403);
});

/** 开展检查 is queued for the jobs worker: wait until this request (not an earlier one) is done. */
async function runInspection(page: Page, period: string) {
  const status = page.getByTestId("request-inspection");
  const before = (await status.count()) ? await status.getAttribute("data-request") : null;
  await page.getByRole("button", { name: "开展检查" }).click();
  await expect(page.getByText(`已提交 ${period} 检查`)).toBeVisible({ timeout: 30_000 });
  await expect(async () => {
    await page.reload();
    expect(await status.getAttribute("data-request")).not.toBe(before);
    await expect(status).toHaveAttribute("data-state", "DONE");
  }).toPass({ timeout: 150_000, intervals: [2_000] });
  await expect(status).toContainText(`${period} 检查已完成。`);
}
