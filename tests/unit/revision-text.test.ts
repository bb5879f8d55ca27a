import { describe, expect, it } from "vitest";
import { revisionText } from "@/lib/review/revision-checks";
import { bodyText } from "@/lib/library/content";
import { runPrechecks } from "@/lib/review/prechecks";

describe("revisionText", () => {
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
