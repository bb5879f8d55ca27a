import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Window } from "happy-dom";
import { ImportWarnings } from "@/components/admin/import-form";
import { FindingList } from "@/components/review/findings";
import { missingAltFindings } from "@/lib/review/revision-checks";
import { translateDocxMessage, translateDocxMessages } from "@/lib/library/docx-warnings";

// What an editor reads after importing a .docx: each remark in Chinese, one per line.

describe("mammoth's messages in Chinese", () => {
  it.each([
    [
      "Unrecognised paragraph style: '主送机关' (Style ID: Style12)",
      "段落样式“主送机关”无法识别，这些段落已按正文导入，请核对格式。",
    ],
    ["Unrecognised run style: '' (Style ID: Emphasis9)", "文字样式“Emphasis9”无法识别，这些文字已按普通文字导入。"],
    ["An unrecognised element was ignored: w:pict", "文档中有无法识别的内容（w:pict）已略去，请对照原文核对。"],
    [
      "Image of type image/x-emf is unlikely to display in web browsers",
      "有图片为 image/x-emf 格式，浏览器无法显示，请在原文中另存为 PNG 或 JPG 后重新插入。",
    ],
    [
      "A v:imagedata element without a relationship ID was ignored",
      "有一张图片在文档中找不到图片数据，未能导入，请对照原文补插。",
    ],
    [
      "unexpected non-cell element in table row, cell merging may be incorrect",
      "有表格结构不规整，合并单元格可能与原文不同，请核对表格。",
    ],
  ])("%s", (message, expected) => {
    expect(translateDocxMessage({ type: "warning", message })).toBe(expected);
  });

  it("says something in Chinese about messages it does not know, and never shows an error's text", () => {
    expect(translateDocxMessage({ type: "warning", message: "Something new" })).toBe(
      "导入时有一处内容未能完整转换，请对照原文核对（Something new）。",
    );
    expect(translateDocxMessage({ type: "error", message: "TypeError: x is undefined", error: new Error() })).toBe(
      "导入时有一处内容出错，已略去，请对照原文核对。",
    );
  });

  it("lists each distinct remark once, in order, with its count", () => {
    const style = "Unrecognised run style: 'Strong Emphasis' (Style ID: StrongEmphasis)";
    expect(
      translateDocxMessages([
        { type: "warning", message: style },
        { type: "warning", message: "An unrecognised element was ignored: w:pict" },
        { type: "warning", message: style },
      ]),
    ).toEqual([
      "文字样式“Strong Emphasis”无法识别，这些文字已按普通文字导入。（共 2 处）",
      "文档中有无法识别的内容（w:pict）已略去，请对照原文核对。",
    ]);
  });
});

describe("the import page's remarks", () => {
  it("lists every warning on its own line, under a heading, with a link to the draft", () => {
    const warnings = [
      "段落样式“主送机关”无法识别，这些段落已按正文导入，请核对格式。",
      "第 1 张图片没有替代文本，已在编辑器中标为“缺少替代文本”，请补写后再提交审核。",
    ];
    const html = renderToStaticMarkup(
      createElement(ImportWarnings, {
        outcome: { resourceId: "7f8e1a2b-0000-4000-8000-000000000001", title: "关于做好政务公开工作的通知", warnings },
      }),
    );
    const document = new Window().document;
    document.body.innerHTML = html;
    const section = document.querySelector("section")!;
    const heading = document.getElementById(section.getAttribute("aria-labelledby")!)!;
    expect(heading.textContent).toBe("导入提示（2 条）");
    expect(section.textContent).toContain("《关于做好政务公开工作的通知》已导入为草稿");
    expect([...section.querySelectorAll("li")].map((item) => item.textContent)).toEqual(warnings);
    expect(section.querySelector("a")!.getAttribute("href")).toBe(
      "/admin/library/7f8e1a2b-0000-4000-8000-000000000001",
    );
    expect(section.querySelector("a")!.textContent).toBe("打开导入的稿件");
  });
});

describe("the pre-check finding of an image without alt text", () => {
  it("names the image in the findings list, where the passage of a text finding would be", () => {
    const text = "标题\n工作流程见下图。\n\n";
    const findings = missingAltFindings([{ start: text.length - 1, alt: "" }]);
    const html = renderToStaticMarkup(createElement(FindingList, { findings, text }));
    const document = new Window().document;
    document.body.innerHTML = html;
    expect(document.querySelector("li")!.textContent).toBe(
      "提示　“第 1 张图片”：图片缺少替代文本，请在编辑器中该图片下方的“替代文本”框填写，供读屏软件朗读",
    );
  });
});
