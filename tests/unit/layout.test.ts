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
    // A space before punctuation goes.
    ["各单位要高度重视 ，认真落实 。", "各单位要高度重视，认真落实。"],
    ["请于3月底前报送 ；逾期不再受理", "请于3月底前报送；逾期不再受理"],
    ["详见《通知》 （附件1）", "详见《通知》（附件1）"],
    // Half-width marks before Chinese text, after Latin letters or digits.
    ["项目名称为Smart City, 详见附件", "项目名称为Smart City，详见附件"],
    ["截至2026,全市共有网站12个", "截至2026，全市共有网站12个"],
    ["Note:请勿转发", "Note：请勿转发"],
    ["第(1)项", "第（1）项"],
    ["Windows系统(x64)", "Windows系统（x64）"],
    // Full-width digits and letters become half-width, with the marks inside numbers.
    ["２０２６年ＧＤＰ增长５．２％", "2026年GDP增长5.2％"],
    ["会议于１０：３０召开", "会议于10:30召开"],
    ["ｗｗｗ政务公开", "www政务公开"],
    // Left alone: numbers, URLs, e-mail addresses, English sentences and code.
    ["增长3.5个百分点，合计1,000万元", "增长3.5个百分点，合计1,000万元"],
    [
      "详见https://www.gov.cn/zhengce/content/2026-01/05/content_1.htm?a=1,b=2。",
      "详见https://www.gov.cn/zhengce/content/2026-01/05/content_1.htm?a=1,b=2。",
    ],
    ["网址为www.cq.gov.cn,请访问", "网址为www.cq.gov.cn，请访问"],
    ["来信请寄xxgk@cq.gov.cn或致电12345", "来信请寄xxgk@cq.gov.cn或致电12345"],
    ["Hello, world! (see below)", "Hello, world! (see below)"],
    ["if (a > 0) { b = a; }", "if (a > 0) { b = a; }"],
    ["ratio 3.5; total 1,000", "ratio 3.5; total 1,000"],
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

  it("never indents inside table cells, list items or notes, even paragraphs indented before", () => {
    const cell = (text: string) => ({
      type: "tableCell",
      content: [{ type: "paragraph", attrs: { indent: true }, content: [{ type: "text", text }] }],
    });
    const doc = {
      type: "doc",
      content: [
        { type: "table", content: [{ type: "tableRow", content: [cell("序号"), cell("\u3000\u3000事项 ,说明")] }] },
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [{ type: "paragraph", attrs: { indent: true }, content: [{ type: "text", text: "第一项" }] }],
            },
          ],
        },
        {
          type: "footnotes",
          content: [{ type: "footnote", attrs: { number: 1 }, content: [{ type: "text", text: "见《条例》 ." }] }],
        },
      ],
    };
    const result = applyGovernmentLayout(doc);
    const paragraphs = (node: { type?: string; content?: unknown[] }): { attrs?: { indent?: boolean } }[] => [
      ...(node.type === "paragraph" ? [node as { attrs?: { indent?: boolean } }] : []),
      ...((node.content ?? []) as { type?: string }[]).flatMap(paragraphs),
    ];
    expect(paragraphs(result).map((paragraph) => paragraph.attrs?.indent)).toEqual([false, false, false]);
    expect(result.content![0]!.content![0]!.content![1]!.content![0]!.content).toEqual([
      { type: "text", text: "事项，说明" },
    ]);
    expect(result.content![2]!.content![0]).toEqual({
      type: "footnote",
      attrs: { number: 1 },
      content: [{ type: "text", text: "见《条例》。" }],
    });
  });

  it("keeps a paragraph that holds only a footnote reference", () => {
    const result = applyGovernmentLayout({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "footnoteReference", attrs: { number: 1 } }] }],
    });
    expect(result.content).toEqual([
      { type: "paragraph", attrs: { indent: true }, content: [{ type: "footnoteReference", attrs: { number: 1 } }] },
    ]);
  });

  it("keeps a valid document when everything was empty", () => {
    expect(applyGovernmentLayout({ type: "doc", content: [{ type: "paragraph" }] })).toEqual({
      type: "doc",
      content: [{ type: "paragraph" }],
    });
  });
});
