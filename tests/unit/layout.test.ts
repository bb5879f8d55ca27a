import { describe, expect, it } from "vitest";
import { applyGovernmentLayout, normalizeChineseText } from "@/lib/library/layout";

describe("normalizeChineseText", () => {
  it.each([
    ["各区县人民政府,市政府各部门:", "各区县人民政府，市政府各部门："],
    ["现提出如下意见.", "现提出如下意见。"],
    ["推进政府 网站 建设", "推进政府网站建设"],
    ["(一)指导思想", "（一）指导思想"],
    ["请于3.15日前报送; 联系电话023-12345678", "请于3.15日前报送；联系电话023-12345678"],
    ["会议于10:30召开", "会议于10:30召开"],
    ["见《条例》第三条.", "见《条例》第三条。"],
    ["English text, stays.", "English text, stays."],
  ])("%s → %s", (input, expected) => {
    expect(normalizeChineseText(input)).toBe(expected);
  });
});

describe("applyGovernmentLayout", () => {
  it("indents body paragraphs, drops empty ones and Office marks, leaves tables and centred lines alone", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "一、总体要求" }] },
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "\u3000\u3000各单位要高度重视,认真落实.",
              marks: [{ type: "textStyle", attrs: { color: "#333" } }, { type: "bold" }],
            },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "   " }] },
        { type: "paragraph" },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                { type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "单位 名称" }] }] },
              ],
            },
          ],
        },
        { type: "paragraph", attrs: { textAlign: "right" }, content: [{ type: "text", text: "重庆市人民政府办公厅" }] },
      ],
    };
    const result = applyGovernmentLayout(doc);
    expect(result.content).toHaveLength(4);
    expect(result.content![1]).toEqual({
      type: "paragraph",
      attrs: { indent: true },
      content: [{ type: "text", text: "各单位要高度重视，认真落实。", marks: [{ type: "bold" }] }],
    });
    const cellParagraph = result.content![2]!.content![0]!.content![0]!.content![0]!;
    expect(cellParagraph).toMatchObject({ attrs: { indent: false }, content: [{ text: "单位名称" }] });
    expect(result.content![3]).toMatchObject({ attrs: { textAlign: "right", indent: false } });
  });

  it("keeps a valid document when everything was empty", () => {
    expect(applyGovernmentLayout({ type: "doc", content: [{ type: "paragraph" }] })).toEqual({
      type: "doc",
      content: [{ type: "paragraph" }],
    });
  });
});
