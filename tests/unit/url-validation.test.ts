import { describe, expect, it } from "vitest";
import {
  isBodyHref,
  isGovernmentTarget,
  isHttpUrl,
  isLinkTarget,
  isLocalPath,
  zHttpUrl,
  zLinkTarget,
} from "@/lib/validation/url";

describe("link targets (one validator for every link the platform accepts)", () => {
  it.each([
    "https://zwykb.cq.gov.cn/grbs/sbk/",
    "http://example.com/a?b=1#c",
    "/columns/zwgk",
    "/content/1?x=2#y",
    "/",
  ])("accepts %s", (value) => {
    expect(isLinkTarget(value)).toBe(true);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:x",
    "ftp://example.com/",
    "https://user:pass@evil.example/",
    "https:evil.example",
    "http:/evil.example",
    "https://",
    "columns/x",
    "",
    "/a\u0000b",
  ])("refuses %j", (value) => {
    expect(isLinkTarget(value)).toBe(false);
  });

  it("local paths are one slash and nothing a browser reads as another host", () => {
    expect(isLocalPath("/a/b")).toBe(true);
    expect(isLocalPath("//a")).toBe(false);
    expect(isLocalPath("/\\a")).toBe(false);
    expect(isLocalPath("/a\\b")).toBe(false);
  });

  it("the 转载 source is only an absolute http(s) URL", () => {
    expect(isHttpUrl("https://www.gov.cn/zhengce/")).toBe(true);
    for (const value of ["javascript:alert(1)", "data:,x", "/local", "//evil.example", "mailto:a@b.cn"])
      expect(isHttpUrl(value)).toBe(false);
    expect(zHttpUrl().safeParse("javascript:alert(1)").error?.issues[0]?.message).toMatch(/http/);
    expect(zLinkTarget().safeParse("//evil.example").error?.issues[0]?.message).toMatch(/单个 \//);
    expect(zLinkTarget().safeParse(" https://www.gov.cn/ ").data).toBe("https://www.gov.cn/");
  });

  it("links in rich text: http(s), mailto, tel and local only", () => {
    for (const value of [
      "https://www.gov.cn/",
      "/api/assets/1",
      "mailto:xxgk@cq.gov.cn",
      "tel:023-12345",
      "tel:+8623123456",
    ])
      expect(isBodyHref(value)).toBe(true);
    for (const value of [
      "javascript:alert(1)",
      "data:text/html,x",
      "//evil.example",
      "mailto:",
      "tel:abc",
      "file:///etc/passwd",
      "java\nscript:alert(1)",
    ])
      expect(isBodyHref(value)).toBe(false);
  });

  it("government targets: *.gov.cn, the platform's own hosts and local paths", () => {
    const own = ["localhost", "wlw.localhost"];
    expect(isGovernmentTarget("https://zwykb.cq.gov.cn/x", own)).toBe(true);
    expect(isGovernmentTarget("https://www.gov.cn/", own)).toBe(true);
    expect(isGovernmentTarget("http://wlw.localhost:3000/", own)).toBe(true);
    expect(isGovernmentTarget("/columns/a", own)).toBe(true);
    expect(isGovernmentTarget("https://gov.cn.evil.example/", own)).toBe(false);
    expect(isGovernmentTarget("https://evilgov.cn/", own)).toBe(false);
    expect(isGovernmentTarget("https://www.example.com/", own)).toBe(false);
    expect(isGovernmentTarget("//evil.gov.cn", own)).toBe(false);
  });
});

describe("metadata saved before these rules", () => {
  it("still reads, without a non-http(s) 转载 source URL or control characters", async () => {
    const { ZRevisionMetadata, ZStoredRevisionMetadata } = await import("@/lib/library/metadata");
    const stored = {
      source: { type: "reprint", originName: "某网\u001b站", originUrl: "javascript:alert(1)" },
      summary: "摘要\u0007",
    };
    expect(ZRevisionMetadata.safeParse(stored).success).toBe(false);
    expect(ZStoredRevisionMetadata.parse(stored)).toMatchObject({
      source: { type: "reprint", originName: "某网站" },
      summary: "摘要",
    });
    expect(ZStoredRevisionMetadata.parse(stored).source).not.toHaveProperty("originUrl");
    expect(
      ZStoredRevisionMetadata.parse({
        source: { type: "reprint", originName: "新华网", originUrl: "https://www.news.cn/" },
      }).source,
    ).toMatchObject({ originUrl: "https://www.news.cn/" });
  });
});
