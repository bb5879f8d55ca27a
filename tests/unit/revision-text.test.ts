import { describe, expect, it } from "vitest";
import { missingAltFindings, revisionText } from "@/lib/review/revision-checks";
import { bodyText } from "@/lib/library/content";
import { runPrechecks } from "@/lib/review/prechecks";

describe("revisionText", () => {
  it("lists images without alt text as findings at their place, and only those", () => {
    const body = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "工作流程见下图。" }] },
        { type: "image", attrs: { src: "/api/assets/a", alt: "" } },
        { type: "image", attrs: { src: "/api/assets/b", alt: "会场照片" } },
        { type: "image", attrs: { src: "/api/assets/c", alt: "  " } },
      ],
    };
    const { text, images } = revisionText("标题", body);
    expect(images).toEqual([
      { start: "标题\n工作流程见下图。\n".length, alt: "" },
      { start: "标题\n工作流程见下图。\n\n".length, alt: "会场照片" },
      { start: "标题\n工作流程见下图。\n\n\n".length, alt: "  " },
    ]);
    expect(text).toBe("标题\n工作流程见下图。\n\n\n\n");
    expect(missingAltFindings(images)).toEqual([
      {
        kind: "missing_alt",
        level: "warn",
        start: images[0]!.start,
        end: images[0]!.start,
        text: "第 1 张图片",
        message: "图片缺少替代文本，请在编辑器中该图片下方的“替代文本”框填写，供读屏软件朗读",
      },
      expect.objectContaining({ kind: "missing_alt", text: "第 3 张图片", start: images[2]!.start }),
    ]);
  });

  it("reads a footnote reference as its number, inside its sentence", () => {
    const body = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "推进标准化建设" },
            { type: "footnoteReference", attrs: { number: 1 } },
            { type: "text", text: "。" },
          ],
        },
        {
          type: "footnotes",
          content: [{ type: "footnote", attrs: { number: 1 }, content: [{ type: "text", text: "见要点。" }] }],
        },
      ],
    };
    expect(revisionText("标题", body).text).toBe("标题\n推进标准化建设[1]。\n见要点。\n\n");
    expect(bodyText(body)).toBe("推进标准化建设[1]。\n见要点。\n\n");
  });

  it("gives the text reviewers see and link offsets into it", () => {
    const body = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "一、背景" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "详见" },
            {
              type: "text",
              text: "市政府网站",
              marks: [{ type: "link", attrs: { href: "https://www.cq.gov.cn/zwgk" } }],
            },
            { type: "text", text: "及" },
            { type: "text", text: "某商城", marks: [{ type: "link", attrs: { href: "https://shop.example.com/" } }] },
          ],
        },
      ],
    };
    const { text, links } = revisionText("标题", body);
    expect(text).toBe("标题\n一、背景\n详见市政府网站及某商城\n");
    expect(links.map((link) => text.slice(link.start, link.end))).toEqual(["市政府网站", "某商城"]);
    const findings = runPrechecks(text, links);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: "external_link", text: "某商城" });
  });
});
