import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/json/canonical";
import { blocksToDoc, bodyText, computeContentHash } from "@/lib/library/content";
import { renderBodyHtml } from "@/lib/library/render-body";

describe("content hashing", () => {
  const body = blocksToDoc([
    { type: "heading", level: 2, text: "一、总体要求" },
    { type: "paragraph", text: "推动政府网站和政务新媒体健康有序发展。" },
  ]);

  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe(
      '{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}',
    );
    const a = computeContentHash({ title: "标题", body, metadata: { x: 1, y: 2 } });
    const b = computeContentHash({ title: "标题", body, metadata: { y: 2, x: 1 } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with any edit to title, body or metadata", () => {
    const base = computeContentHash({ title: "标题", body, metadata: {} });
    expect(computeContentHash({ title: "标题。", body, metadata: {} })).not.toBe(base);
    expect(
      computeContentHash({ title: "标题", body: blocksToDoc([{ type: "paragraph", text: "改" }]), metadata: {} }),
    ).not.toBe(base);
    expect(computeContentHash({ title: "标题", body, metadata: { docNumber: "渝府办发〔2019〕64号" } })).not.toBe(base);
  });

  it("renders HTML from the document with text escaped", () => {
    const html = renderBodyHtml(blocksToDoc([{ type: "paragraph", text: "<script>alert(1)</script> & 附件" }]));
    expect(html).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 附件</p>");
    expect(renderBodyHtml(body)).toBe("<h2>一、总体要求</h2><p>推动政府网站和政务新媒体健康有序发展。</p>");
  });

  it("extracts plain text by paragraph", () => {
    expect(bodyText(body)).toBe("一、总体要求\n推动政府网站和政务新媒体健康有序发展。\n");
  });
});
