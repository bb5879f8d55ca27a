import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// An editor imports a .docx made by LibreOffice (tests/fixtures/docx/README.md): the import page
// lists what needs checking, the draft keeps the headings, notes, the centred image and the 落款,
// and the image without alt text stays marked until the editor types one.

test("an editor imports a LibreOffice .docx, reads the warnings and supplies the missing alt text", async ({
  page,
}) => {
  await signIn(page, "editor");
  await page.goto("/admin/library/import");
  await page.getByLabel("Word 文档").setInputFiles({
    name: "政务公开重点工作.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: await readFile(new URL("../fixtures/docx/libreoffice-notice.docx", import.meta.url)),
  });
  await page.getByLabel("类型").selectOption({ label: "通知公告" });
  await page.getByRole("button", { name: "导入" }).click();

  const remarks = page.getByRole("region", { name: "导入提示（2 条）" });
  await expect(remarks.getByRole("listitem")).toHaveText([
    "段落样式“主送机关”无法识别，这些段落已按正文导入，请核对格式。",
    "第 1 张图片没有替代文本，已在编辑器中标为“缺少替代文本”，请补写后再提交审核。",
  ]);
  await expect(page.getByRole("status").filter({ hasText: "已导入，有 2 条提示需要核对。" })).toBeVisible();
  await remarks.getByRole("link", { name: "打开导入的稿件" }).click();

  await expect(page).toHaveURL(/\/admin\/library\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue("关于做好2026年政务公开重点工作的通知");
  const body = page.getByRole("textbox", { name: "正文" });
  await expect(body.getByRole("heading", { level: 2, name: "一、总体要求" })).toBeVisible();
  await expect(body.getByRole("heading", { level: 3, name: "（一）工作目标" })).toBeVisible();
  await expect(body.locator("sup.footnote-ref")).toHaveText(["[1]", "[2]"]);
  await expect(body.locator("ol.footnotes li")).toHaveCount(2);
  await expect(body.getByText("网站集约化迁移")).toHaveCSS("text-indent", "0px");
  await expect(body.getByText("各镇人民政府、街道办事处，县政府各部门：")).not.toHaveCSS("text-indent", "0px");
  await expect(body.getByText("某某县人民政府办公室")).toHaveCSS("text-align", "right");
  await expect(body.getByText("某某县人民政府办公室")).toHaveCSS("text-indent", "0px");

  // The image is marked until its alt text is typed; the mark is the editor's, not the content's.
  const image = body.locator("img");
  await expect(image).toHaveCount(1);
  await expect(image).toHaveAttribute("alt", "");
  await expect(body.getByText("缺少替代文本", { exact: true })).toBeVisible();
  await body.getByRole("textbox", { name: "替代文本" }).fill("政务公开工作流程图");
  await expect(body.getByText("缺少替代文本", { exact: true })).toHaveCount(0);
  await expect(image).toHaveAttribute("alt", "政务公开工作流程图");

  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 2 版修订" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "正文" }).locator("img")).toHaveAttribute("alt", "政务公开工作流程图");
});

test("a file that is not a Word document is refused on the import page, in Chinese", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/admin/library/import");
  await page.getByLabel("Word 文档").setInputFiles({
    name: "通知.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: Buffer.from("这不是 Word 文档"),
  });
  await page.getByLabel("类型").selectOption({ label: "通知公告" });
  await page.getByRole("button", { name: "导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "文件内容与扩展名 .docx 不符" })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/library\/import$/);
  await expect(page.getByRole("region", { name: /导入提示/ })).toHaveCount(0);
});
