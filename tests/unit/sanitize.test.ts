import { describe, expect, it } from "vitest";
import { renderBodyHtml } from "@/lib/library/render-body";
import { sanitizeBodyHtml } from "@/lib/library/sanitize";

const text = (value: string) => ({ type: "text", text: value });
const linked = (value: string, attrs: Record<string, unknown>) => ({
  type: "text",
  text: value,
  marks: [{ type: "link", attrs }],
});

describe("body sanitizer (second line behind the Tiptap schema)", () => {
  it("drops scripts, event handlers, foreign elements and unsafe URLs", () => {
    const html = sanitizeBodyHtml(
      '<p onclick="x()">a<script>alert(1)</script><iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">j</a><a href="//evil.example">p</a><a href="data:text/html,x">d</a></p><img src="javascript:x" onerror="x()"><style>p{}</style><svg><use href="#x"/></svg>',
    );
    expect(html).not.toMatch(/script|onclick|onerror|iframe|javascript|evil|data:|style>|svg/);
    expect(html).toContain("<p>a<a");
  });

  it("forces rel=noopener noreferrer on every link, new-window ones included", () => {
    const html = sanitizeBodyHtml(
      '<a href="https://www.gov.cn/" target="_blank" rel="opener">x</a><a href="/content/1" target="_top">y</a>',
    );
    expect(html).toBe(
      '<a href="https://www.gov.cn/" target="_blank" rel="noopener noreferrer">x</a><a href="/content/1" rel="noopener noreferrer">y</a>',
    );
  });

  it("keeps tables with merged cells, images, alignment, indent and attachment links", () => {
    const html = renderBodyHtml({
      type: "doc",
      content: [
        { type: "paragraph", attrs: { textAlign: "center", indent: true }, content: [text("居中缩进")] },
        {
          type: "image",
          attrs: { src: "/api/assets/7f8e1a2b-0000-4000-8000-000000000001", alt: "示意图", width: 320 },
        },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                {
                  type: "tableHeader",
                  attrs: { colspan: 2, rowspan: 1 },
                  content: [{ type: "paragraph", content: [text("表头")] }],
                },
              ],
            },
            {
              type: "tableRow",
              content: [
                {
                  type: "tableCell",
                  attrs: { colspan: 1, rowspan: 2 },
                  content: [{ type: "paragraph", content: [text("合并")] }],
                },
              ],
            },
          ],
        },
        {
          type: "paragraph",
          content: [linked("附件：实施方案.pdf", { href: "/api/assets/7f8e1a2b-0000-4000-8000-000000000002" })],
        },
        { type: "heading", attrs: { level: 3, textAlign: "right" }, content: [text("右对齐")] },
      ],
    } as never);
    expect(html).toContain('<p style="text-align:center;text-indent:2em">居中缩进</p>');
    expect(html).toContain('<img alt="示意图" width="320" src="/api/assets/7f8e1a2b-0000-4000-8000-000000000001" />');
    expect(html).toContain('<th colspan="2"');
    expect(html).toContain('<td rowspan="2"');
    expect(html).toContain(
      '<a href="/api/assets/7f8e1a2b-0000-4000-8000-000000000002" target="_blank" rel="noopener noreferrer">附件：实施方案.pdf</a>',
    );
    expect(html).toContain('<h3 style="text-align:right">右对齐</h3>');
  });

  it("a link mark with a forbidden href or rel renders without them", () => {
    const html = renderBodyHtml({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            linked("j", { href: "javascript:alert(1)", target: "_blank" }),
            linked("d", { href: "data:text/html,<script>alert(1)</script>" }),
            linked("p", { href: "//evil.example" }),
            linked("ok", { href: "https://www.gov.cn/", target: "_blank", rel: "opener" }),
            linked("m", { href: "mailto:xxgk@cq.gov.cn" }),
            linked("t", { href: "tel:023-63899114" }),
          ],
        },
      ],
    } as never);
    expect(html).not.toMatch(/javascript|data:|evil|opener"/);
    expect(html).toContain('<a target="_blank" rel="noopener noreferrer">j</a>');
    expect(html).toContain('<a href="https://www.gov.cn/" target="_blank" rel="noopener noreferrer">ok</a>');
    expect(html).toContain('href="mailto:xxgk@cq.gov.cn"');
    expect(html).toContain('href="tel:023-63899114"');
  });

  it("keeps footnote anchors both ways and centred images, and nothing that imitates them", () => {
    const html = renderBodyHtml({
      type: "doc",
      content: [
        { type: "paragraph", content: [text("正文"), { type: "footnoteReference", attrs: { number: 3 } }] },
        { type: "image", attrs: { src: "/api/assets/7f8e1a2b-0000-4000-8000-000000000001", alt: "", align: "right" } },
        { type: "footnotes", content: [{ type: "footnote", attrs: { number: 3 }, content: [text("注释")] }] },
      ],
    } as never);
    expect(html).toContain('<sup class="footnote-ref"><a href="#fn-3" id="fnref-3">[3]</a></sup>');
    expect(html).toContain(
      '<ol class="footnotes"><li id="fn-3" value="3"><span class="footnote-text">注释</span> <a href="#fnref-3" class="footnote-back" aria-label="返回正文">↩</a></li></ol>',
    );
    expect(html).toContain('<img alt="" style="display:block;margin-left:auto;margin-right:0px" data-align="right"');
    const forged = sanitizeBodyHtml(
      '<a href="#login" id="fnref-1">a</a><a href="#fn-1" id="main" class="x" onclick="x()">b</a><li id="header" value="x">c</li>' +
        '<span class="evil" style="position:fixed">d</span><sup class="x">e</sup><img src="/a.png" data-align="left" style="position:fixed;margin-left:-999px">',
    );
    expect(forged).toBe(
      '<a rel="noopener noreferrer">a</a><a href="#fn-1">b</a><li>c</li><span>d</span><sup>e</sup><img src="/a.png" />',
    );
  });
});
