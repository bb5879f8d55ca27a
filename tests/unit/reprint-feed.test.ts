import { describe, expect, it } from "vitest";
import { FeedParseError, parseFeed } from "@/lib/reports/reprint/parse-feed";

// 转载源 formats: RSS 2.0, Atom and JSON Feed, detected from the content, with Chinese titles.

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>中国政府网 - 最新政策</title>
    <link>https://www.gov.cn/zhengce/</link>
    <item>
      <title>国务院办公厅关于进一步优化政务服务提升行政效能的意见</title>
      <link>https://www.gov.cn/zhengce/content/202612/content_0001.htm</link>
      <guid isPermaLink="false">gov-0001</guid>
      <pubDate>Sun, 06 Dec 2026 02:00:00 GMT</pubDate>
      <description><![CDATA[<p>为深入贯彻落实党中央、国务院决策部署，&nbsp;经国务院同意，现提出如下意见。</p>]]></description>
    </item>
    <item>
      <title>国务院关于印发《“十五五”数字政府建设规划》的通知 &amp; 解读</title>
      <link>https://www.gov.cn/zhengce/content/202612/content_0002.htm</link>
    </item>
    <item>
      <title>javascript 链接被丢弃</title>
      <link>javascript:alert(1)</link>
      <guid>gov-0003</guid>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>重庆市人民政府网</title>
  <entry>
    <title type="html">重庆市人民政府关于做好2027年元旦春节期间有关工作的通知</title>
    <link rel="alternate" href="https://www.cq.gov.cn/zwgk/zfxxgkml/szfwj/202612/t20261206_1.html"/>
    <id>tag:cq.gov.cn,2026:1</id>
    <updated>2026-12-06T10:30:00+08:00</updated>
    <summary>各区县（自治县）人民政府，市政府各部门……</summary>
  </entry>
  <entry>
    <title>无链接条目</title>
    <id>tag:cq.gov.cn,2026:2</id>
    <published>2026-12-06 09:15</published>
  </entry>
</feed>`;

const JSON_FEED = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "四川省人民政府",
  items: [
    {
      id: "sc-88",
      url: "https://www.sc.gov.cn/10462/c102914/2026/12/6/abc.shtml",
      title: "四川省人民政府办公厅关于加强政务新媒体管理的通知",
      summary: "各市（州）人民政府，省政府各部门、各直属机构：",
      date_published: "2026-12-06T08:00:00+08:00",
    },
    { id: 7, title: "数字编号条目", content_text: "正文", date_published: "not a date" },
    { title: "既无编号也无链接：丢弃" },
  ],
});

describe("parseFeed", () => {
  it("reads RSS 2.0: guid else link as the key, HTML and entities out of the text, only http(s) links", () => {
    const feed = parseFeed(RSS);
    expect(feed.format).toBe("RSS");
    expect(feed.title).toBe("中国政府网 - 最新政策");
    expect(feed.items).toHaveLength(3);
    const [first, second, third] = feed.items;
    expect(first).toEqual({
      key: "gov-0001",
      title: "国务院办公厅关于进一步优化政务服务提升行政效能的意见",
      link: "https://www.gov.cn/zhengce/content/202612/content_0001.htm",
      summary: "为深入贯彻落实党中央、国务院决策部署， 经国务院同意，现提出如下意见。",
      publishedAt: new Date("2026-12-06T02:00:00Z"),
    });
    expect(second!.key).toBe("https://www.gov.cn/zhengce/content/202612/content_0002.htm");
    expect(second!.title).toBe("国务院关于印发《“十五五”数字政府建设规划》的通知 & 解读");
    expect(second!.publishedAt).toBeNull();
    expect(third!.link).toBeNull();
  });

  it("reads Atom: the alternate link, updated or published, a zone-less time as China time", () => {
    const feed = parseFeed(ATOM);
    expect(feed.format).toBe("ATOM");
    expect(feed.items.map((item) => item.title)).toEqual([
      "重庆市人民政府关于做好2027年元旦春节期间有关工作的通知",
      "无链接条目",
    ]);
    expect(feed.items[0]!.link).toBe("https://www.cq.gov.cn/zwgk/zfxxgkml/szfwj/202612/t20261206_1.html");
    expect(feed.items[0]!.publishedAt).toEqual(new Date("2026-12-06T02:30:00Z"));
    expect(feed.items[1]!.publishedAt).toEqual(new Date("2026-12-06T01:15:00Z"));
    expect(feed.items[1]!.key).toBe("tag:cq.gov.cn,2026:2");
  });

  it("reads JSON Feed: numeric ids, unreadable dates as none, items with no key dropped", () => {
    const feed = parseFeed(JSON_FEED);
    expect(feed.format).toBe("JSON");
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      key: "sc-88",
      title: "四川省人民政府办公厅关于加强政务新媒体管理的通知",
      publishedAt: new Date("2026-12-06T00:00:00Z"),
    });
    expect(feed.items[1]).toMatchObject({ key: "7", summary: "正文", publishedAt: null, link: null });
  });

  it("drops a repeated key within one feed", () => {
    const twice = RSS.replace('<guid isPermaLink="false">gov-0001</guid>', "<guid>gov-0003</guid>");
    expect(parseFeed(twice).items.map((item) => item.key)).toEqual([
      "gov-0003",
      "https://www.gov.cn/zhengce/content/202612/content_0002.htm",
    ]);
  });

  it("refuses what is not a feed, with a reason in Chinese", () => {
    expect(() => parseFeed("<html><body>首页</body></html>")).toThrow(FeedParseError);
    expect(() => parseFeed('{"title":"x"}')).toThrow(/JSON Feed/);
    expect(() => parseFeed("{broken")).toThrow(/JSON/);
    expect(() => parseFeed("纯文本")).toThrow(FeedParseError);
  });
});
