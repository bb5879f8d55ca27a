import { describe, expect, it } from "vitest";
import { ZRevisionMetadata, ZStoredRevisionMetadata, sourceLabel } from "@/lib/library/metadata";
import { blocksToDoc, computeContentHash } from "@/lib/library/content";
import { focalCrop, focalObjectPosition, focalPointFromClick } from "@/lib/library/focal-point";
import { correctedAt, firstPublishedAt, publicationTimes } from "@/lib/publish/publication-times";
import { renderJson } from "@/lib/channels/renditions/json";
import { buildAtomFeed } from "@/lib/sites/feeds";
import { externalLinkHref, verifyLeaving } from "@/lib/sites/leaving";

// The article fields of a revision (引题, 副标题, 作者, 责任编辑, 来源名称, 外链, 标题图片 with its focal
// point): what is accepted, what is refused with which message, and that revisions saved before
// these fields existed keep their content hash.

const ASSET = "/api/assets/0b6f1c2e-5a4d-4e3f-9a1b-2c3d4e5f6a7b";
const base = { source: { type: "original" } };
const issues = (input: unknown) => {
  const parsed = ZRevisionMetadata.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("article fields", () => {
  it("stores the filled fields, trimmed, and drops blank ones", () => {
    const parsed = ZRevisionMetadata.parse({
      ...base,
      leadTitle: "  聚焦高质量发展 ",
      subtitle: "——市政府常务会议研究部署重点工作",
      author: "张明",
      editor: "",
      externalUrl: " https://www.cqrb.cn/content/2026-12/06/content_1.htm ",
      source: { type: "original", name: "重庆日报" },
    });
    expect(parsed.leadTitle).toBe("聚焦高质量发展");
    expect(parsed.subtitle).toBe("——市政府常务会议研究部署重点工作");
    expect(parsed.author).toBe("张明");
    expect(parsed.editor).toBeUndefined();
    expect(parsed.externalUrl).toBe("https://www.cqrb.cn/content/2026-12/06/content_1.htm");
    expect(sourceLabel(parsed, "市政府办公室信息科")).toBe("重庆日报");
    expect(sourceLabel(ZRevisionMetadata.parse(base), "市政府办公室")).toBe("市政府办公室");
  });

  it("refuses bad values with Chinese messages", () => {
    expect(issues({ ...base, externalUrl: "javascript:alert(1)" })).toEqual([
      "externalUrl: 外链须为 http:// 或 https:// 开头的完整网址",
    ]);
    expect(issues({ ...base, externalUrl: "ftp://example.com/a" })).toHaveLength(1);
    expect(issues({ ...base, externalUrl: "https://user:pw@example.com/" })).toHaveLength(1);
    expect(issues({ ...base, author: "张".repeat(51) })).toEqual(["author: 作者不超过 50 字"]);
    expect(issues({ ...base, leadTitle: "第一行\n第二行" })).toEqual(["leadTitle: 引题不能含有换行或控制字符"]);
    expect(issues({ ...base, source: { type: "original", name: "重".repeat(51) } })).toEqual([
      "source.name: 来源名称不超过 50 字",
    ]);
  });

  it("accepts a title image of the asset library with a focal point in 0–1", () => {
    const parsed = ZRevisionMetadata.parse({ ...base, titleImage: { src: ASSET, focalX: 0.25, focalY: 1 } });
    expect(parsed.titleImage).toEqual({ src: ASSET, focalX: 0.25, focalY: 1 });
    expect(ZRevisionMetadata.parse({ ...base, titleImage: { src: ASSET } }).titleImage).toMatchObject({
      focalX: 0.5,
      focalY: 0.5,
    });
    expect(issues({ ...base, titleImage: { src: ASSET, focalX: 1.2, focalY: 0.5 } })).toEqual([
      "titleImage.focalX: 焦点位置须在图片范围内（0 到 1 之间）",
    ]);
    expect(issues({ ...base, titleImage: { src: ASSET, focalX: -0.1, focalY: 0.5 } })).toHaveLength(1);
    expect(issues({ ...base, titleImage: { src: "https://evil.example/a.png" } })).toEqual([
      "titleImage.src: 标题图片须是素材库中的图片",
    ]);
    expect(issues({ ...base, titleImage: { src: `${ASSET}?x=1` } })).toHaveLength(1);
  });

  it("keeps the content hash of revisions saved before these fields existed", () => {
    const body = blocksToDoc([{ type: "paragraph", text: "推进政务公开标准化规范化。" }]);
    // Metadata as an earlier version stored it: no article fields at all.
    const stored = {
      source: { type: "original" },
      keywords: ["政务公开"],
      disclosure: { type: "proactive" },
      relations: [],
      summary: "摘要",
    };
    const before = computeContentHash({ title: "通知", body, metadata: stored });
    const reread = ZStoredRevisionMetadata.parse(stored);
    expect(computeContentHash({ title: "通知", body, metadata: reread })).toBe(before);
    // Blank fields sent by a form are absent, so they hash as before too.
    const blank = ZRevisionMetadata.parse({
      ...stored,
      author: "",
      externalUrl: "",
      source: { type: "original", name: "" },
    });
    expect(computeContentHash({ title: "通知", body, metadata: blank })).toBe(before);
    // Any filled field is part of what is signed.
    const withAuthor = ZRevisionMetadata.parse({ ...stored, author: "张明" });
    expect(computeContentHash({ title: "通知", body, metadata: withAuthor })).not.toBe(before);
    const moved = (focalX: number) =>
      computeContentHash({
        title: "通知",
        body,
        metadata: ZRevisionMetadata.parse({ ...stored, titleImage: { src: ASSET, focalX, focalY: 0.5 } }),
      });
    expect(moved(0.3)).not.toBe(moved(0.7));
  });
});

describe("focal point", () => {
  const box = { left: 100, top: 50, width: 400, height: 200 };

  it("is where the click landed, as fractions of the image, clamped and rounded", () => {
    expect(focalPointFromClick(box, 200, 100)).toEqual({ focalX: 0.25, focalY: 0.25 });
    expect(focalPointFromClick(box, 500, 250)).toEqual({ focalX: 1, focalY: 1 });
    expect(focalPointFromClick(box, 20, 10)).toEqual({ focalX: 0, focalY: 0 });
    expect(focalPointFromClick(box, 233.3333, 50)).toEqual({ focalX: 0.333, focalY: 0 });
    expect(focalPointFromClick({ ...box, width: 0 }, 200, 100)).toEqual({ focalX: 0.5, focalY: 0.5 });
  });

  it("becomes a CSS object-position", () => {
    expect(focalObjectPosition({ focalX: 0.25, focalY: 0.8 })).toBe("25% 80%");
    expect(focalObjectPosition({ focalX: 0.5, focalY: 0.5 })).toBe("50% 50%");
  });

  it("cuts the largest frame of the aspect ratio around it, inside the image", () => {
    // A 2000×1000 photo cut square: 1000×1000, centred on the focal point where the edges allow.
    expect(focalCrop({ width: 2000, height: 1000 }, { focalX: 0.5, focalY: 0.5 }, 1)).toEqual({
      left: 500,
      top: 0,
      width: 1000,
      height: 1000,
    });
    expect(focalCrop({ width: 2000, height: 1000 }, { focalX: 0.1, focalY: 0.5 }, 1).left).toBe(0);
    expect(focalCrop({ width: 2000, height: 1000 }, { focalX: 0.95, focalY: 0.5 }, 1).left).toBe(1000);
    expect(focalCrop({ width: 2000, height: 1000 }, { focalX: 0.6, focalY: 0.5 }, 1).left).toBe(700);
    // A portrait photo cut for a 1.91:1 share card keeps its full width and moves vertically.
    const card = focalCrop({ width: 1000, height: 1500 }, { focalX: 0.5, focalY: 0.2 }, 1.91);
    expect(card).toEqual({ left: 0, top: 38, width: 1000, height: 524 });
  });
});

describe("publication times", () => {
  const first = new Date("2026-03-01T02:00:00Z");
  const later = new Date("2026-03-05T08:30:00Z");

  it("keep the first 发布时间 across a correction, with the correction as 更新时间", () => {
    expect(publicationTimes({ publishedAt: first, firstPublishedAt: null })).toEqual({
      publishedAt: first,
      updatedAt: null,
    });
    expect(publicationTimes({ publishedAt: later, firstPublishedAt: first })).toEqual({
      publishedAt: first,
      updatedAt: later,
    });
    expect(firstPublishedAt({ publishedAt: later, firstPublishedAt: first })).toBe(first);
    expect(correctedAt({ publishedAt: first, firstPublishedAt: first })).toBeNull();
  });
});

describe("what channels and feeds carry", () => {
  const first = new Date("2026-03-01T02:00:00Z");
  const later = new Date("2026-03-05T08:30:00Z");
  const metadata = ZRevisionMetadata.parse({
    source: { type: "original", name: "重庆日报" },
    leadTitle: "聚焦民生",
    subtitle: "副题",
    author: "张明",
    editor: "李静",
    titleImage: { src: ASSET, focalX: 0.2, focalY: 0.8 },
  });
  const source = {
    resourceId: "11111111-1111-4111-8111-111111111111",
    kind: "ARTICLE" as const,
    title: "标题",
    bodyHtml: "<p>正文</p>",
    metadata,
    contentHash: "a".repeat(64),
    sourceName: "重庆日报",
    portalUrl: "https://www.example.gov.cn/content/11111111-1111-4111-8111-111111111111",
    correctionNote: null,
  };

  it("JSON renditions name each field in Chinese and keep the first 发布时间", () => {
    const document = renderJson({ ...source, publishedAt: first, updatedAt: later }).document;
    expect(document.metadata).toMatchObject({
      leadTitle: { label: "引题", value: "聚焦民生" },
      subtitle: { label: "副标题", value: "副题" },
      author: { label: "作者", value: "张明" },
      editor: { label: "责任编辑", value: "李静" },
      titleImage: { label: "标题图片", value: `https://www.example.gov.cn${ASSET}` },
    });
    expect(document).toMatchObject({
      source: "重庆日报",
      publishedAt: first.toISOString(),
      updatedAt: later.toISOString(),
    });
    // A first publication carries no 更新时间 at all (its document is as before).
    expect("updatedAt" in renderJson({ ...source, publishedAt: first, updatedAt: null }).document).toBe(false);
  });

  it("Atom entries are published at the first time and updated at the correction", () => {
    const xml = buildAtomFeed({
      title: "站点",
      siteUrl: "https://www.example.gov.cn",
      selfUrl: "https://www.example.gov.cn/feed.xml",
      author: "站点",
      entries: [
        {
          resourceId: source.resourceId,
          title: "标题",
          publishedAt: first,
          updatedAt: later,
          summary: null,
          source: "重庆日报",
        },
      ],
    });
    expect(xml).toContain(`<published>${first.toISOString()}</published>`);
    expect(xml).toContain(`<updated>${later.toISOString()}</updated>`);
  });
});

describe("外链", () => {
  it("goes straight to government sites and the platform's own, through the leaving notice elsewhere", () => {
    expect(externalLinkHref("https://www.gov.cn/zhengce/content/1.htm", [])).toBe(
      "https://www.gov.cn/zhengce/content/1.htm",
    );
    expect(externalLinkHref("https://www.cq.gov.cn/a.html", [])).toBe("https://www.cq.gov.cn/a.html");
    expect(externalLinkHref("http://spb.example/a", ["spb.example"])).toBe("http://spb.example/a");
    const url = "https://www.cqrb.cn/content/2026-12/06/content_1.htm";
    const href = externalLinkHref(url, ["spb.example"]);
    expect(href.startsWith("/leaving?to=")).toBe(true);
    const query = new URL(href, "http://localhost").searchParams;
    expect(verifyLeaving(query.get("to"), query.get("sig"))).toBe(url);
  });
});
