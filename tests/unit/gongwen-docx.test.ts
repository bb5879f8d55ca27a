import { describe, expect, it } from "vitest";
import mammoth from "mammoth";
import { gongwenDate, gongwenDocx, richTextToGongwenBlocks } from "@/lib/documents/gongwen-docx";

describe("公文 .docx (GB/T 9704)", () => {
  it("writes 成文日期 in arabic numerals without leading zeros and refuses another format", () => {
    expect(gongwenDate("2026-01-06")).toBe("2026年1月6日");
    expect(gongwenDate("2026-12-16")).toBe("2026年12月16日");
    expect(() => gongwenDate("2026/1/6")).toThrow("成文日期格式应为 YYYY-MM-DD");
  });

  it("reads a library body as headings, paragraphs and a table with its header row", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "一、总体情况" }] },
        { type: "paragraph", content: [{ type: "text", text: "正文" }] },
        { type: "paragraph", content: [] },
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "要点" }] }] }],
        },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: ["项目", "数量"].map((text) => ({
                type: "tableHeader",
                content: [{ type: "paragraph", content: [{ type: "text", text }] }],
              })),
            },
            {
              type: "tableRow",
              content: ["新收申请", "12"].map((text) => ({
                type: "tableCell",
                content: [{ type: "paragraph", content: [{ type: "text", text }] }],
              })),
            },
          ],
        },
      ],
    };
    expect(richTextToGongwenBlocks(doc)).toEqual([
      { type: "heading", level: 1, text: "一、总体情况" },
      { type: "paragraph", text: "正文" },
      { type: "paragraph", text: "要点" },
      { type: "table", header: ["项目", "数量"], rows: [["新收申请", "12"]] },
    ]);
  });

  it("produces a document whose text reads in 公文 order", async () => {
    const bytes = await gongwenDocx({
      issuer: "重庆市沙坪坝区人民政府办公室",
      docNumber: "沙府办函〔2026〕3号",
      title: "政府信息公开申请答复告知书",
      recipient: "张三：",
      blocks: [
        { type: "paragraph", text: "本机关于2026年10月9日收到您的申请。" },
        { type: "table", header: ["项目", "数量"], rows: [["予以公开", 3]] },
      ],
      signer: "重庆市沙坪坝区人民政府办公室",
      date: "2026-11-05",
      note: "（此件公开发布）",
    });
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    const order = [
      "重庆市沙坪坝区人民政府办公室",
      "沙府办函〔2026〕3号",
      "政府信息公开申请答复告知书",
      "张三：",
      "本机关于",
      "予以公开",
      "2026年11月5日",
      "（此件公开发布）",
    ];
    const positions = order.map((text) => value.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
