import { fileTypeFromBuffer } from "file-type";
import { describe, expect, it } from "vitest";
import {
  buildErrorReportHref,
  correctionHref,
  DEFAULT_ERROR_REPORT_URL,
  errorReportTemplateProblem,
  pageAddress,
  psbRecordHref,
} from "@/lib/sites/identity-links";
import { icoSizes } from "@/lib/sites/site-images";
import { packIco, themeFavicon } from "@/lib/sites/favicon";
import { ZSiteSettings } from "@/lib/sites/admin";

// The footer's inspection links: the 我为政府网站找错 template filled and encoded, the 网站纠错 entry,
// the 公安备案 record, the page's own address as a cached page must name it; favicon packing.

describe("我为政府网站找错 link", () => {
  const page = "https://www.cqspb.gov.cn/columns/tzgg?page=2&sort=date";

  it("fills the national default with the site code and the URL-encoded page address", () => {
    expect(buildErrorReportHref(null, "5001060001", page)).toBe(
      "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=5001060001&url=" +
        "https%3A%2F%2Fwww.cqspb.gov.cn%2Fcolumns%2Ftzgg%3Fpage%3D2%26sort%3Ddate",
    );
    expect(buildErrorReportHref("", "5001060001", page)).toBe(
      buildErrorReportHref(DEFAULT_ERROR_REPORT_URL, "5001060001", page),
    );
  });

  it("encodes Chinese paths and characters that would end the query", () => {
    const href = buildErrorReportHref(null, "5001060001", "http://localhost/search?q=社保 卡&x=#y");
    const url = new URL(href);
    expect(url.searchParams.get("url")).toBe("http://localhost/search?q=社保 卡&x=#y");
    expect(url.searchParams.get("sitecode")).toBe("5001060001");
    expect(href).not.toMatch(/[ #社]/);
  });

  it("uses a configured template, placeholders in any order, each once or more", () => {
    expect(
      buildErrorReportHref("https://jc.example.gov.cn/report?u={url}&c={siteCode}&again={siteCode}", "A1", "http://x/"),
    ).toBe("https://jc.example.gov.cn/report?u=http%3A%2F%2Fx%2F&c=A1&again=A1");
  });

  it("accepts only http(s) templates naming the site code and no unknown placeholder", () => {
    expect(errorReportTemplateProblem(DEFAULT_ERROR_REPORT_URL)).toBeNull();
    expect(errorReportTemplateProblem("https://x.gov.cn/r?c={siteCode}")).toBeNull();
    expect(errorReportTemplateProblem("https://x.gov.cn/r?u={url}")).toMatch(/\{siteCode\}/);
    expect(errorReportTemplateProblem("https://x.gov.cn/r?c={siteCode}&t={title}")).toMatch(/\{title\} 无法识别/);
    expect(errorReportTemplateProblem("javascript:alert(1)//{siteCode}")).toMatch(/http/);
    expect(errorReportTemplateProblem("//x.gov.cn/{siteCode}")).toMatch(/http/);
  });
});

describe("网站纠错 entry, 备案 links and the page address", () => {
  it("links the site's own correction form with the encoded page address", () => {
    expect(correctionHref("http://localhost/content/abc?x=1&y=2")).toBe(
      "/interaction/write?type=correction&page=http%3A%2F%2Flocalhost%2Fcontent%2Fabc%3Fx%3D1%26y%3D2",
    );
  });

  it("links the 公安备案 record by the digits of its number", () => {
    expect(psbRecordHref("渝公网安备 50010602500123号")).toBe(
      "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=50010602500123",
    );
    expect(psbRecordHref("待备案")).toBeNull();
  });

  it("names the page by base URL, path and query, without the search highlight", () => {
    expect(pageAddress("http://spb.localhost", "/columns/tzgg?page=2")).toBe(
      "http://spb.localhost/columns/tzgg?page=2",
    );
    expect(pageAddress("https://www.cqspb.gov.cn", "/content/x?hl=%E7%A4%BE%E4%BF%9D")).toBe(
      "https://www.cqspb.gov.cn/content/x",
    );
    expect(pageAddress("https://www.cqspb.gov.cn", "/search?q=a&hl=b")).toBe("https://www.cqspb.gov.cn/search?q=a");
    expect(pageAddress("http://localhost:3000", "/")).toBe("http://localhost:3000/");
  });

  it("never names another host, and names the home page for the back office or no path", () => {
    expect(pageAddress("http://localhost", "//evil.example/x")).toBe("http://localhost/");
    expect(pageAddress("http://localhost", "/\\evil.example")).toBe("http://localhost/");
    expect(pageAddress("http://localhost", "/admin/preview/token")).toBe("http://localhost/");
    expect(pageAddress("http://localhost", null)).toBe("http://localhost/");
  });
});

describe("favicons", () => {
  it("reads the sizes of every image in an .ico and refuses what is not one", () => {
    const ico = packIco([
      { size: 16, png: new Uint8Array(4) },
      { size: 256, png: new Uint8Array(4) },
    ]);
    expect(icoSizes(ico)).toEqual([
      { width: 16, height: 16 },
      { width: 256, height: 256 },
    ]);
    expect(icoSizes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBeNull();
    expect(icoSizes(ico.subarray(0, 20))).toBeNull();
  });

  it("draws each theme's default as a real .ico of 16, 32 and 48 pixels", async () => {
    for (const theme of ["classic", "landscape", "azure"]) {
      const icon = await themeFavicon(theme);
      expect(await fileTypeFromBuffer(icon)).toMatchObject({ ext: "ico" });
      expect(icoSizes(icon)?.map((size) => size.width)).toEqual([16, 32, 48]);
    }
    expect(await themeFavicon("classic")).not.toEqual(await themeFavicon("azure"));
  });
});

describe("site identity settings input", () => {
  const valid = {
    siteId: "6f1c1d2e-0000-4000-8000-000000000001",
    name: "沙坪坝区人民政府",
    siteCode: "5001060001",
    icpNumber: "",
    psbNumber: "",
    contact: "",
    theme: "azure",
    hosts: "localhost",
  };

  it("keeps fields left out, and reads empty ones as none", () => {
    const parsed = ZSiteSettings.parse(valid);
    expect(parsed.operatorName).toBeUndefined();
    expect(parsed.removeLogo).toBeUndefined();
    expect(ZSiteSettings.parse({ ...valid, operatorName: " ", removeLogo: "on" })).toMatchObject({
      operatorName: null,
      removeLogo: true,
    });
  });

  it("refuses a bad e-mail, badge link or 找错 template with Chinese messages", () => {
    const messagesOf = (input: object) =>
      ZSiteSettings.safeParse({ ...valid, ...input }).error?.issues.map((issue) => issue.message) ?? [];
    expect(messagesOf({ contactEmail: "no-at-sign" })).toEqual(["电子邮箱格式不正确"]);
    expect(messagesOf({ badgeUrl: "javascript:alert(1)" })[0]).toMatch(/^党政机关网站标识链接有误/);
    expect(messagesOf({ errorReportUrl: "https://x.gov.cn/?u={url}" })[0]).toMatch(/\{siteCode\}/);
    expect(messagesOf({ theme: "neon" })).toEqual(["请选择网站主题"]);
  });
});
