import { describe, expect, it } from "vitest";
import { diffHtml, tokenizeHtml } from "@/lib/library/html-diff";

// The rendered diff a reviewer reads: the new article body with what changed marked in place.

const TABLE = (cell: string) =>
  `<table style="min-width:50px"><colgroup><col style="min-width:25px" /><col style="min-width:25px" /></colgroup>` +
  `<tbody><tr><th colspan="2"><p>合并表头</p></th></tr><tr><td><p>甲</p></td><td><p>${cell}</p></td></tr></tbody></table>`;
const IMAGE = (id: string) => `<p style="text-align:center"><img alt="区位图" src="/api/assets/${id}" /></p>`;

/** The text a reader sees of the new version: everything but what is marked deleted. */
const newText = (html: string) =>
  html
    .replace(/<del\b[^>]*>.*?<\/del>/gs, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&");
const oldText = (html: string) =>
  html
    .replace(/<ins\b[^>]*>.*?<\/ins>/gs, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&");

describe("diffHtml", () => {
  it("gives an unchanged body back exactly, images and merged cells included", () => {
    const body = `<p>第一段。</p>${TABLE("乙")}${IMAGE("1")}`;
    expect(diffHtml(body, body)).toBe(body);
  });

  it("marks a changed word inside its paragraph, not the whole paragraph", () => {
    const out = diffHtml(
      "<p>各区县人民政府要在每年1月31日前发布报告。</p>",
      "<p>各区县人民政府要在每年1月15日前发布报告。</p>",
    );
    expect(out).toMatch(/^<p>各区县人民政府要在每年1月.*<\/p>$/);
    expect(out).toContain("<del>31</del>");
    expect(out).toContain("<ins>15</ins>");
    expect(newText(out)).toBe("各区县人民政府要在每年1月15日前发布报告。");
    expect(oldText(out)).toBe("各区县人民政府要在每年1月31日前发布报告。");
  });

  it("marks a changed table cell inside that cell, keeping the merged header", () => {
    const out = diffHtml(TABLE("乙"), TABLE("丙"));
    expect(out).toContain('<th colspan="2"><p>合并表头</p></th>');
    expect(out).toContain("<td><p><del>乙</del><ins>丙</ins></p></td>");
  });

  it("marks a replaced image as removed and inserted, each with its picture", () => {
    const out = diffHtml(IMAGE("1"), IMAGE("2"));
    expect(out).toContain('<del class="diff-img"><img alt="区位图" src="/api/assets/1" /></del>');
    expect(out).toContain('<ins class="diff-img"><img alt="区位图" src="/api/assets/2" /></ins>');
  });

  it("marks whole blocks added and removed, tables included", () => {
    const out = diffHtml(`<p>保留。</p><p>删去的段落。</p>`, `<p>保留。</p>${TABLE("乙")}`);
    expect(out).toContain('<del class="diff-block"><p>删去的段落。</p></del>');
    expect(out).toContain(`<ins class="diff-block">${TABLE("乙")}</ins>`);
    expect(out.startsWith("<p>保留。</p>")).toBe(true);
  });

  it("replaces a table whose rows changed as a whole, never putting text between rows", () => {
    const wider = TABLE("乙").replace("</tbody>", "<tr><td><p>丁</p></td><td><p>戊</p></td></tr></tbody>");
    const out = diffHtml(TABLE("乙"), wider);
    expect(out).toContain(`<del class="diff-block">${TABLE("乙")}</del>`);
    expect(out).toContain(`<ins class="diff-block">${wider}</ins>`);
  });

  it("flags a block whose alignment changed, with its text unchanged", () => {
    const out = diffHtml("<p>此致</p>", '<p style="text-align:right">此致</p>');
    expect(out).toBe('<p style="text-align:right" data-diff="changed">此致</p>');
  });

  it("marks a new link and keeps the new version's markup well nested", () => {
    const out = diffHtml(
      "<p>附件：实施方案</p>",
      '<p>附件：<a href="/api/assets/4" target="_blank" rel="noopener noreferrer">实施方案</a></p>',
    );
    expect(out).toBe(
      '<p>附件：<a href="/api/assets/4" target="_blank" rel="noopener noreferrer" data-diff="changed">实施方案</a></p>',
    );
  });

  it("escapes text it re-emits", () => {
    expect(
      tokenizeHtml("<p>A &amp; B &lt;C&gt;</p>")
        .map((token) => token.raw)
        .join(""),
    ).toBe("<p>A &amp; B &lt;C&gt;</p>");
    expect(diffHtml("<p>A &amp; B</p>", "<p>A &amp; C</p>")).toBe("<p>A &amp; <del>B</del><ins>C</ins></p>");
  });
});
