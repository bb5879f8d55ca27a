import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { SiteFooter } from "@/components/portal/site-footer";
import type { PortalSite } from "@/lib/sites/portal";

// The portal footer as inspection reads it: the 党政机关 badge (ours when none was uploaded), the
// 找错 and 纠错 entries for this page, 主办/承办单位, contact and the two 备案 records — and
// nothing loaded from another site (no script, no image hot-linked).

const PAGE = "http://spb.localhost/columns/tzgg?page=2";

function site(overrides: Partial<PortalSite> = {}): PortalSite {
  return {
    name: "重庆市沙坪坝区人民政府",
    siteCode: "5001060001",
    icpNumber: "渝ICP备05003300号",
    psbNumber: "渝公网安备 50010602500123号",
    contact: "023-65368000",
    organizerName: null,
    operatorName: "区大数据发展局（示例）",
    contactAddress: "重庆市沙坪坝区示例路 1 号",
    contactEmail: "spbzf@example.gov.cn",
    badgeUrl: "http://bszs.conac.cn/sitename?method=show&id=ABC",
    badgeAssetId: null,
    errorReportUrl: null,
    org: { name: "沙坪坝区人民政府" },
    ...overrides,
  } as PortalSite;
}

function render(value: PortalSite) {
  const document = new Window().document;
  document.body.innerHTML = renderToStaticMarkup(createElement(SiteFooter, { site: value, pageUrl: PAGE, pages: [] }));
  const footer = document.querySelector("footer")!;
  const link = (name: string) =>
    [...footer.querySelectorAll("a")].find(
      (anchor) => anchor.getAttribute("aria-label") === name || anchor.textContent === name,
    );
  return { footer, link };
}

describe("portal footer", () => {
  it("shows the badge, 找错 and 纠错 entries for this page, and the site's identity lines", () => {
    const { footer, link } = render(site());
    expect(link("党政机关网站标识")?.getAttribute("href")).toBe("http://bszs.conac.cn/sitename?method=show&id=ABC");
    expect(footer.querySelector(".footer-badge svg text")?.textContent).toBe("党政机关");
    expect(link("我为政府网站找错")?.getAttribute("href")).toBe(
      "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=5001060001&url=" +
        encodeURIComponent(PAGE),
    );
    expect(link("网站纠错")?.getAttribute("href")).toBe(
      `/interaction/write?type=correction&page=${encodeURIComponent(PAGE)}`,
    );
    const text = footer.textContent!;
    for (const line of [
      "主办单位：沙坪坝区人民政府",
      "承办单位：区大数据发展局（示例）",
      "联系地址：重庆市沙坪坝区示例路 1 号",
      "联系电话：023-65368000",
      "电子邮箱：spbzf@example.gov.cn",
      "网站标识码：5001060001",
    ])
      expect(text).toContain(line);
    expect(link("渝ICP备05003300号")?.getAttribute("href")).toBe("https://beian.miit.gov.cn/");
    expect(link("渝公网安备 50010602500123号")?.getAttribute("href")).toBe(
      "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=50010602500123",
    );
    expect(link("spbzf@example.gov.cn")?.getAttribute("href")).toBe("mailto:spbzf@example.gov.cn");
  });

  it("loads nothing from elsewhere: no script, and only this platform's images", () => {
    const { footer } = render(site({ badgeAssetId: "6f1c1d2e-0000-4000-8000-000000000001" }));
    expect(footer.querySelectorAll("script")).toHaveLength(0);
    const sources = [...footer.querySelectorAll("img")].map((image) => image.getAttribute("src"));
    expect(sources).toEqual(["/api/assets/6f1c1d2e-0000-4000-8000-000000000001"]);
  });

  it("names the organizer it is given, uses a configured 找错 template, and leaves out empty lines", () => {
    const { footer, link } = render(
      site({
        organizerName: "沙坪坝区人民政府办公室",
        operatorName: null,
        contact: null,
        contactAddress: null,
        contactEmail: null,
        psbNumber: null,
        badgeUrl: null,
        errorReportUrl: "https://jc.example.gov.cn/zc?code={siteCode}&u={url}",
      }),
    );
    const text = footer.textContent!;
    expect(text).toContain("主办单位：沙坪坝区人民政府办公室");
    expect(text).not.toMatch(/承办单位|联系地址|联系电话|电子邮箱|公网安备/);
    expect(link("我为政府网站找错")?.getAttribute("href")).toBe(
      `https://jc.example.gov.cn/zc?code=5001060001&u=${encodeURIComponent(PAGE)}`,
    );
    // Without a configured link the badge still shows, as an image, not a dead link.
    expect(link("党政机关网站标识")).toBeUndefined();
    expect(footer.querySelector('[role="img"][aria-label="党政机关网站标识"]')).not.toBeNull();
  });
});
