import { parseDocument } from "htmlparser2";
import { isTag, type ChildNode, type Element } from "domhandler";
import { describe, expect, it } from "vitest";
import { renderForChannel, renditionHash } from "@/lib/channels/renditions/render";
import type { RenditionSource } from "@/lib/channels/renditions/types";
import { weiboLength, WEIBO_LIMIT } from "@/lib/channels/renditions/weibo";

const PORTAL = "https://www.example.gov.cn/content/11111111-1111-4111-8111-111111111111";

function source(overrides: Partial<RenditionSource> = {}): RenditionSource {
  return {
    resourceId: "11111111-1111-4111-8111-111111111111",
    kind: "POLICY",
    title: "关于印发《某市优化营商环境若干措施》的通知",
    bodyHtml: [
      '<h2 class="title" id="top">一、总则</h2>',
      '<p style="text-indent: 2em">详见<a href="https://example.com/guide" class="ext">办事指南</a>与<a href="/api/assets/22222222-2222-4222-8222-222222222222">附件一.pdf</a>。</p>',
      '<script>alert("x")</script><style>p{color:red}</style><iframe src="https://evil.example/"></iframe>',
      '<p class="lead" onclick="steal()" style="text-align: center">居中<img src="/api/assets/33333333-3333-4333-8333-333333333333" onerror="steal()" class="pic"></p>',
      '<p>再见<a href="https://mp.weixin.qq.com/s/abc">往期文章</a></p>',
      '<table style="min-width: 25px"><colgroup><col style="min-width: 25px"></colgroup><tbody><tr><th><p>项目</p></th><td colspan="2"><p>A &amp; B</p></td></tr></tbody></table>',
      "<ul><li><p>第一项</p></li></ul>",
    ].join(""),
    metadata: {
      summary: "为进一步优化营商环境，制定本措施。",
      source: { type: "original" },
      keywords: ["营商环境"],
      disclosure: { type: "proactive" },
      relations: [],
      policy: {
        docNumber: "某府发〔2026〕1号",
        issuer: "某市人民政府",
        writtenOn: "2026-03-01",
        effectiveOn: null,
        expiresOn: null,
        genre: "通知",
        addressee: null,
      },
    },
    contentHash: "a".repeat(64),
    publishedAt: new Date("2026-03-02T01:00:00Z"),
    sourceName: "某市人民政府办公室",
    portalUrl: PORTAL,
    correctionNote: null,
    ...overrides,
  };
}

function elements(html: string): Element[] {
  const found: Element[] = [];
  const walk = (nodes: ChildNode[]) =>
    nodes.forEach((node) => {
      if (isTag(node)) {
        found.push(node);
        walk(node.children);
      }
    });
  walk(parseDocument(html).children);
  return found;
}

const WECHAT_TAGS = new Set([
  "section",
  "p",
  "br",
  "strong",
  "em",
  "span",
  "sub",
  "sup",
  "h2",
  "h3",
  "h4",
  "ul",
  "ol",
  "li",
  "blockquote",
  "img",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
  "hr",
  "a",
]);

describe("renditions", () => {
  it("are deterministic: the same revision gives the same rendition and hash on every channel", () => {
    for (const kind of ["WECHAT", "WEIBO", "APP", "WEBHOOK", "TOUTIAO", "FEED"] as const) {
      const first = renderForChannel(kind, source());
      const second = renderForChannel(kind, source());
      expect(second).toEqual(first);
      expect(renditionHash(second)).toBe(renditionHash(first));
      expect(first.contentHash).toBe("a".repeat(64));
      // Any change of the content changes the rendition's hash.
      expect(renditionHash(renderForChannel(kind, source({ title: "另一个标题" })))).not.toBe(renditionHash(first));
    }
  });

  it("keeps WeChat HTML within the platform's subset, styles inline", () => {
    const rendition = renderForChannel("WECHAT", source());
    if (rendition.format !== "wechat-article") throw new Error("wrong format");
    const { html } = rendition;
    for (const element of elements(html)) {
      expect(WECHAT_TAGS, element.name).toContain(element.name);
      for (const attribute of Object.keys(element.attribs)) {
        expect(["style", "src", "alt", "href", "colspan", "rowspan"], `${element.name}[${attribute}]`).toContain(
          attribute,
        );
      }
      if (element.name === "a") expect(element.attribs.href).toMatch(/^https:\/\/mp\.weixin\.qq\.com\//);
    }
    expect(html).not.toMatch(/<script|<style|<iframe|alert|steal|class=|id=|colgroup|<col/);
    // Links out become text with the address in brackets (WeChat drops them otherwise).
    expect(html).toContain("办事指南（https://example.com/guide）");
    expect(html).toContain("附件一.pdf（https://www.example.gov.cn/api/assets/22222222-2222-4222-8222-222222222222）");
    expect(html).toContain('<a href="https://mp.weixin.qq.com/s/abc">往期文章</a>');
    // Images absolute and listed for re-hosting.
    expect(rendition.images).toEqual(["https://www.example.gov.cn/api/assets/33333333-3333-4333-8333-333333333333"]);
    expect(html).toContain('<img src="https://www.example.gov.cn/api/assets/33333333-3333-4333-8333-333333333333"');
    // Inline styles: 公文 paragraphs indented, alignment kept, table borders, cells compact.
    expect(html).toMatch(/<p style="[^"]*text-indent:2em[^"]*">详见/);
    expect(html).toMatch(/<p style="[^"]*text-align:center[^"]*">居中/);
    expect(html).toMatch(/<th style="[^"]*border:1px solid[^"]*"><p style="margin:0">项目<\/p><\/th>/);
    expect(html).toContain('colspan="2"');
    expect(html).toContain("A &amp; B");
    // The policy metadata table first, the link back last.
    expect(html.indexOf("文号")).toBeLessThan(html.indexOf("一、总则"));
    expect(html).toContain("某府发〔2026〕1号");
    expect(html).toContain("2026年03月01日");
    expect(html).toContain(`原文链接：${PORTAL}`);
    expect(rendition.contentSourceUrl).toBe(PORTAL);
    expect(rendition.problems).toEqual([]);
  });

  it("indents only marked paragraphs outside policy documents, and limits WeChat's title fields", () => {
    const rendition = renderForChannel(
      "WECHAT",
      source({
        kind: "ARTICLE",
        metadata: { ...source().metadata, policy: undefined },
        title: "题".repeat(40),
        sourceName: "单".repeat(20),
      }),
    );
    if (rendition.format !== "wechat-article") throw new Error("wrong format");
    expect(rendition.html).not.toContain("发文机关");
    expect(rendition.html).toMatch(/<p style="margin:0 0 1em;text-align:justify">再见/);
    expect(Array.from(rendition.title)).toHaveLength(32);
    expect(rendition.title.endsWith("…")).toBe(true);
    expect(Array.from(rendition.author).length).toBeLessThanOrEqual(16);
  });

  it("reports what keeps a WeChat article from going out", () => {
    const rendition = renderForChannel(
      "WECHAT",
      source({ portalUrl: null, bodyHtml: `<p>${"字".repeat(21_000)}</p>` }),
    );
    if (rendition.format !== "wechat-article") throw new Error("wrong format");
    expect(rendition.problems.join("")).toMatch(/2万|20000/);
    expect(rendition.problems.join("")).toContain("尚未放入");
  });

  it("keeps WeChat images before the item is placed, addressed from the platform", () => {
    // Under review an item has no portal page yet: its images must still show (and be re-hosted).
    const image = "/api/assets/33333333-3333-4333-8333-333333333333";
    const unplaced = renderForChannel("WECHAT", source({ portalUrl: null, assetBase: "https://www.example.gov.cn/" }));
    if (unplaced.format !== "wechat-article") throw new Error("wrong format");
    expect(unplaced.images).toEqual([`https://www.example.gov.cn${image}`]);
    expect(unplaced.html).toContain(`<img src="https://www.example.gov.cn${image}"`);
    expect(unplaced.problems.join("")).toContain("尚未放入");
    expect(unplaced.problems.join("")).not.toContain("图片");
    // The placed item's rendition is unchanged: images from its own page's site.
    const placed = renderForChannel("WECHAT", source({ assetBase: "https://other.example.gov.cn/" }));
    if (placed.format !== "wechat-article") throw new Error("wrong format");
    expect(placed.images).toEqual([`https://www.example.gov.cn${image}`]);
    // With no address for the platform at all, the image cannot be shown and the preview says so.
    const nowhere = renderForChannel("WECHAT", source({ portalUrl: null, assetBase: null }));
    if (nowhere.format !== "wechat-article") throw new Error("wrong format");
    expect(nowhere.images).toEqual([]);
    expect(nowhere.problems.join("")).toContain("图片也无法转存");
  });

  it("counts Weibo characters as the platform does", () => {
    expect(weiboLength("中文")).toBe(2);
    expect(weiboLength("ab")).toBe(1);
    expect(weiboLength("abc")).toBe(2);
    expect(weiboLength("【通知】")).toBe(4);
  });

  it("fits Weibo text within 140 characters with the link back, even for very long Chinese titles", () => {
    const longTitle =
      "关于进一步加强和改进新时代城乡基层治理体系和治理能力现代化建设若干重点任务分工方案的实施意见".repeat(4);
    const rendition = renderForChannel(
      "WEIBO",
      source({ title: longTitle, metadata: { ...source().metadata, summary: "摘要".repeat(200) } }),
    );
    if (rendition.format !== "weibo-status") throw new Error("wrong format");
    expect(rendition.length).toBeLessThanOrEqual(WEIBO_LIMIT);
    expect(weiboLength(rendition.text)).toBe(rendition.length);
    expect(rendition.text.startsWith("【关于进一步加强")).toBe(true);
    expect(rendition.text).toContain("…】");
    expect(rendition.text.endsWith(` ${PORTAL}`)).toBe(true);

    const short = renderForChannel(
      "WEIBO",
      source({ metadata: { ...source().metadata, summary: "很长的摘要".repeat(60) } }),
    );
    if (short.format !== "weibo-status") throw new Error("wrong format");
    expect(short.text.startsWith("【关于印发《某市优化营商环境若干措施》的通知】很长的摘要")).toBe(true);
    expect(short.text).toContain("…");
    expect(short.length).toBeLessThanOrEqual(WEIBO_LIMIT);
    expect(short.length).toBeGreaterThan(WEIBO_LIMIT - 2);

    const correction = renderForChannel("WEIBO", source({ correctionNote: "更正了第三条的日期" }));
    if (correction.format !== "weibo-status") throw new Error("wrong format");
    expect(correction.text).toBe(`【更正】【关于印发《某市优化营商环境若干措施》的通知】更正了第三条的日期 ${PORTAL}`);

    const unplaced = renderForChannel("WEIBO", source({ portalUrl: null }));
    if (unplaced.format !== "weibo-status") throw new Error("wrong format");
    expect(unplaced.problems).toHaveLength(1);
  });

  it("gives apps and webhooks structured JSON", () => {
    const rendition = renderForChannel("WEBHOOK", source({ correctionNote: "更正日期" }));
    if (rendition.format !== "json") throw new Error("wrong format");
    const document = JSON.parse(JSON.stringify(rendition.document));
    expect(document).toMatchObject({
      schema: "tongyuan.rendition/v1",
      resourceId: "11111111-1111-4111-8111-111111111111",
      kind: "POLICY",
      kindLabel: "政策文件",
      title: "关于印发《某市优化营商环境若干措施》的通知",
      summary: "为进一步优化营商环境，制定本措施。",
      source: "某市人民政府办公室",
      publishedAt: "2026-03-02T01:00:00.000Z",
      portalUrl: PORTAL,
      contentHash: "a".repeat(64),
      correctionNote: "更正日期",
      attachments: [
        { name: "附件一.pdf", url: "https://www.example.gov.cn/api/assets/22222222-2222-4222-8222-222222222222" },
      ],
    });
    expect(document.metadata.docNumber).toEqual({ label: "文号", value: "某府发〔2026〕1号" });
    expect(document.metadata.issuer).toEqual({ label: "发文机关", value: "某市人民政府" });
    expect(document.metadata.writtenOn).toEqual({ label: "成文日期", value: "2026-03-01" });
    expect(document.metadata.keywords).toEqual({ label: "关键词", value: ["营商环境"] });
    expect(document.metadata).not.toHaveProperty("effectiveOn");
    expect(document.bodyHtml).toBe(source().bodyHtml);
  });

  it("names each kind as the product does (a media item is 媒体资源, not a wording of its own)", () => {
    const media = renderForChannel("APP", source({ kind: "MEDIA" }));
    if (media.format !== "json") throw new Error("wrong format");
    expect(media.document.kindLabel).toBe("媒体资源");
  });
});
