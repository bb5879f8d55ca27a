import { describe, expect, it } from "vitest";
import { leavingHref, routeExternalLinks, verifyLeaving } from "@/lib/sites/leaving";

describe("leaving notice for body links", () => {
  const own = ["localhost", "wlw.localhost"];

  it("points links to non-government sites at the signed notice, leaves the rest", () => {
    const html =
      '<p><a href="https://www.example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">外</a><a href="https://www.gov.cn/" rel="noopener noreferrer">政</a><a href="/content/1" rel="noopener noreferrer">本</a><a href="http://wlw.localhost/x" rel="noopener noreferrer">站</a><a href="mailto:a@b.cn" rel="noopener noreferrer">邮</a></p>';
    const routed = routeExternalLinks(html, own);
    const href = /<a href="([^"]*)" target="_blank"/.exec(routed)![1]!.replace(/&amp;/g, "&");
    expect(href).toBe(leavingHref("https://www.example.com/a?b=1&c=2"));
    expect(routed).toContain('<a href="https://www.gov.cn/"');
    expect(routed).toContain('<a href="/content/1"');
    expect(routed).toContain('<a href="http://wlw.localhost/x"');
    expect(routed).toContain('<a href="mailto:a@b.cn"');
  });

  it("shows only destinations the platform signed: not an open redirect", () => {
    const url = "https://www.example.com/service";
    const query = new URLSearchParams(leavingHref(url).split("?")[1]);
    expect(verifyLeaving(query.get("to"), query.get("sig"))).toBe(url);
    expect(verifyLeaving("https://evil.example/", query.get("sig"))).toBeNull();
    expect(verifyLeaving(url, "forged")).toBeNull();
    expect(verifyLeaving("javascript:alert(1)", query.get("sig"))).toBeNull();
    expect(verifyLeaving(["a"], undefined)).toBeNull();
  });
});
