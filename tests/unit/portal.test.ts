import { describe, expect, it } from "vitest";
import { buildColumnTree, descendantIds, normalizeHost } from "@/lib/sites/portal";
import { governmentMetaTags } from "@/lib/sites/meta";
import { safeCallbackUrl } from "@/lib/auth/redirect";

describe("normalizeHost", () => {
  it.each([
    ["localhost:3000", "localhost"],
    ["WWW.Example.GOV.cn", "www.example.gov.cn"],
    ["[::1]:3000", "[::1]"],
    ["wlw.localhost", "wlw.localhost"],
    ["", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });
});

describe("buildColumnTree", () => {
  const column = (id: string, parentId: string | null) => ({
    id,
    parentId,
    name: id,
    slug: id,
    kind: "LIST" as const,
    linkUrl: null,
  });
  it("nests columns under their parents in the given order", () => {
    const tree = buildColumnTree([
      column("news", null),
      column("ywdt", "news"),
      column("gk", null),
      column("tzgg", "news"),
    ]);
    expect(tree.map((c) => c.id)).toEqual(["news", "gk"]);
    expect(tree[0]!.children.map((c) => c.id)).toEqual(["ywdt", "tzgg"]);
    expect(descendantIds(tree[0]!)).toEqual(["ywdt", "tzgg"]);
  });
});

describe("governmentMetaTags", () => {
  it("carries the tags national monitoring reads", () => {
    expect(
      governmentMetaTags({
        siteName: "重庆市沙坪坝区人民政府",
        siteCode: "5001060001",
        column: { name: "上级文件", kind: "POLICY_LIBRARY" },
        article: {
          title: "关于…的通知",
          publishedAt: new Date("2021-08-12T02:55:00Z"),
          source: "来宾市人民政府办公室",
        },
      }),
    ).toEqual({
      SiteName: "重庆市沙坪坝区人民政府",
      SiteIDCode: "5001060001",
      ColumnName: "上级文件",
      ColumnType: "政策文件库",
      ArticleTitle: "关于…的通知",
      PubDate: "2021-08-12 10:55",
      ContentSource: "来宾市人民政府办公室",
    });
  });
});

describe("safeCallbackUrl", () => {
  it.each([
    ["/admin", "/admin"],
    ["/admin/library?page=2", "/admin/library?page=2"],
    ["https://evil.example/admin", "/admin"],
    ["//evil.example/admin", "/admin"],
    ["/admin/../api/x", "/admin"],
    ["/", "/admin"],
    [undefined, "/admin"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
