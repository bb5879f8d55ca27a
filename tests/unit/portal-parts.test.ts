import { describe, expect, it } from "vitest";
import { Window } from "happy-dom";
import { buildAtomFeed, buildRobots, buildSitemap, escapeXml } from "@/lib/sites/feeds";
import { extractAttachments } from "@/lib/publish/portal-links";
import { governmentMetaTags, portalMetadata } from "@/lib/sites/meta";
import { ZSiteSettings, ZColumn } from "@/lib/sites/admin";
import { parsePurgeNotice, parsePurgePayload } from "@/lib/cache/portal-purge";

function parseXml(text: string) {
  const window = new Window();
  const document = new window.DOMParser().parseFromString(text, "application/xml");
  expect(document.getElementsByTagName("parsererror")).toHaveLength(0);
  return document;
}

describe("feeds", () => {
  const entries = [
    {
      resourceId: "6f1c1d2e-0000-4000-8000-000000000001",
      title: "关于<加强>“网站&新媒体”管理的通知",
      publishedAt: new Date("2026-11-20T02:30:00Z"),
      summary: "摘要\u0001",
      source: "区政府办公室",
    },
    {
      resourceId: "6f1c1d2e-0000-4000-8000-000000000002",
      title: "第二条",
      publishedAt: new Date("2026-11-19T02:30:00Z"),
      summary: null,
      source: "区政府办公室",
    },
  ];

  it("builds Atom that parses, escapes titles and drops characters XML forbids", () => {
    const xml = buildAtomFeed({
      title: "沙坪坝区 最新信息",
      siteUrl: "http://spb.localhost",
      selfUrl: "http://spb.localhost/feed.xml",
      author: "沙坪坝区人民政府",
      entries,
    });
    const document = parseXml(xml);
    const titles = [...document.getElementsByTagName("entry")].map(
      (entry) => entry.getElementsByTagName("title")[0]?.textContent,
    );
    expect(titles).toEqual(["关于<加强>“网站&新媒体”管理的通知", "第二条"]);
    expect(document.getElementsByTagName("updated")[0]?.textContent).toBe("2026-11-20T02:30:00.000Z");
    expect(xml).toContain('href="http://spb.localhost/content/6f1c1d2e-0000-4000-8000-000000000001"');
    expect(xml).not.toContain("\u0001");
  });

  it("builds a sitemap and robots.txt pointing at it", () => {
    const document = parseXml(
      buildSitemap([
        { loc: "http://a.gov.cn/?x=1&y=2" },
        { loc: "http://a.gov.cn/content/1", lastmod: new Date("2026-01-01T00:00:00Z") },
      ]),
    );
    expect([...document.getElementsByTagName("loc")].map((loc) => loc.textContent)).toEqual([
      "http://a.gov.cn/?x=1&y=2",
      "http://a.gov.cn/content/1",
    ]);
    expect(buildRobots("https://a.gov.cn")).toContain("Sitemap: https://a.gov.cn/sitemap.xml");
    expect(buildRobots("https://a.gov.cn")).toContain("Disallow: /admin");
    expect(escapeXml(`'"<>&`)).toBe("&apos;&quot;&lt;&gt;&amp;");
  });
});

describe("article parts", () => {
  it("takes the body's links to library files as attachments, once each, not images or other links", () => {
    const html =
      '<p>见<a href="/api/assets/0b7a4c1e-1111-4222-8333-444455556666">附件1：<strong>申报表</strong>.docx</a>和' +
      '<a href="/api/assets/0b7a4c1e-1111-4222-8333-444455556666">同一附件</a>，<a href="https://www.gov.cn/">中国政府网</a></p>' +
      '<img src="/api/assets/0b7a4c1e-1111-4222-8333-777777777777">';
    expect(extractAttachments(html)).toEqual([
      { href: "/api/assets/0b7a4c1e-1111-4222-8333-444455556666", name: "附件1：申报表.docx" },
    ]);
  });
});

describe("monitoring meta tags", () => {
  it("gives list pages the column tags and articles the article tags", () => {
    expect(
      governmentMetaTags({
        siteName: "沙坪坝区人民政府",
        siteCode: "5001060001",
        column: { name: "通知公告", kind: "LIST" },
      }),
    ).toEqual({
      SiteName: "沙坪坝区人民政府",
      SiteIDCode: "5001060001",
      ColumnName: "通知公告",
      ColumnType: "信息列表",
    });
    const metadata = portalMetadata({
      site: { name: "沙坪坝区人民政府", siteCode: "5001060001" },
      baseUrl: "http://spb.localhost",
      path: "/content/x",
      title: "关于做好冬季供暖的通知",
      column: { name: "通知公告", kind: "LIST" },
      article: {
        title: "关于做好冬季供暖的通知",
        publishedAt: new Date("2026-11-20T02:30:00Z"),
        source: "区住房城乡建委",
      },
    });
    expect(metadata.title).toBe("关于做好冬季供暖的通知 - 沙坪坝区人民政府");
    expect(metadata.alternates?.canonical).toBe("http://spb.localhost/content/x");
    expect(metadata.other).toMatchObject({
      ArticleTitle: "关于做好冬季供暖的通知",
      PubDate: "2026-11-20 10:30",
      ContentSource: "区住房城乡建委",
      ColumnType: "信息列表",
    });
    expect(metadata.openGraph).toMatchObject({
      type: "article",
      siteName: "沙坪坝区人民政府",
      url: "http://spb.localhost/content/x",
    });
  });
});

describe("site settings input", () => {
  const valid = {
    siteId: "6f1c1d2e-0000-4000-8000-000000000001",
    name: "沙坪坝区人民政府",
    siteCode: "5001060001",
    icpNumber: "",
    psbNumber: "",
    contact: "",
    theme: "landscape",
    hosts: "www.cqspb.gov.cn, spb.localhost  localhost",
  };

  it("splits host names and accepts empty optional fields as none", () => {
    expect(ZSiteSettings.parse(valid)).toMatchObject({
      hosts: ["www.cqspb.gov.cn", "spb.localhost", "localhost"],
      icpNumber: null,
    });
  });

  it("refuses bad host names, site codes, themes and link columns without an address", () => {
    expect(ZSiteSettings.safeParse({ ...valid, hosts: "http://www.cqspb.gov.cn/" }).success).toBe(false);
    expect(ZSiteSettings.safeParse({ ...valid, hosts: "  " }).success).toBe(false);
    expect(ZSiteSettings.safeParse({ ...valid, siteCode: "12345" }).success).toBe(false);
    expect(ZSiteSettings.safeParse({ ...valid, theme: "neon" }).success).toBe(false);
    const column = {
      siteId: valid.siteId,
      parentId: "",
      name: "办事服务",
      slug: "bsfw",
      kind: "LINK",
      linkUrl: "",
      position: "3",
    };
    expect(ZColumn.safeParse(column).success).toBe(false);
    expect(ZColumn.safeParse({ ...column, linkUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(ZColumn.parse({ ...column, linkUrl: "https://zwykb.cq.gov.cn/" })).toMatchObject({
      parentId: null,
      position: 3,
    });
    expect(ZColumn.safeParse({ ...column, kind: "LIST", slug: "Bad Slug" }).success).toBe(false);
  });
});

describe("purge notifications", () => {
  it("read tag lists and treat anything unexpected as purge-all", () => {
    expect(parsePurgePayload('{"id":"17","tags":["resource:1","site:2"]}')).toEqual(["resource:1", "site:2"]);
    expect(parsePurgeNotice('{"id":"17","tags":["resource:1"]}')).toEqual({ id: 17n, tags: ["resource:1"] });
    expect(parsePurgeNotice('{"id":"x","tags":["resource:1"]}')).toEqual({ id: null, tags: ["*"] });
    expect(parsePurgePayload('["resource:1","site:2"]')).toEqual(["*"]);
    expect(parsePurgePayload("not json")).toEqual(["*"]);
    expect(parsePurgePayload('{"a":1}')).toEqual(["*"]);
    expect(parsePurgePayload(undefined)).toEqual(["*"]);
  });
});
