import { isHttpUrl, isLocalPath } from "@/lib/validation/url";

// The links of a portal footer that national inspection looks for (国办秘函〔2019〕19号 and the
// 政府网站发展指引): the 我为政府网站找错 entry of the national platform, the site's own 网站纠错
// entry, and the two 备案 records. Pure functions: the footer and its tests build them alike.

/** The national 我为政府网站找错 platform's address, as it asks sites to link it. */
export const DEFAULT_ERROR_REPORT_URL =
  "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode={siteCode}&url={url}";

/** The placeholders a 找错 template may use. */
const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const KNOWN_PLACEHOLDERS = new Set(["siteCode", "url"]);

/** Why a 找错 link template cannot be used, or null when it can. */
export function errorReportTemplateProblem(template: string): string | null {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
  const unknown = names.find((name) => !KNOWN_PLACEHOLDERS.has(name));
  if (unknown) return `链接模板中的 {${unknown}} 无法识别，只能使用 {siteCode} 和 {url}`;
  if (!names.includes("siteCode")) return "链接模板须含 {siteCode}（网站标识码）";
  if (!isHttpUrl(template.replace(PLACEHOLDER, "x"))) return "链接模板须为 http:// 或 https:// 开头的完整网址";
  return null;
}

/** The 我为政府网站找错 link for one page: the placeholders filled, each value URL-encoded. */
export function buildErrorReportHref(template: string | null | undefined, siteCode: string, pageUrl: string): string {
  const values: Record<string, string> = { siteCode, url: pageUrl };
  return (template || DEFAULT_ERROR_REPORT_URL).replace(PLACEHOLDER, (whole, name: string) =>
    name in values ? encodeURIComponent(values[name]!) : whole,
  );
}

/** The site's own 网站纠错 entry (the 政民互动 letter form, type 纠错) for one page. */
export function correctionHref(pageUrl: string): string {
  return `/interaction/write?type=correction&page=${encodeURIComponent(pageUrl)}`;
}

/** The ICP record is looked up on the MIIT filing system. */
export const ICP_LOOKUP_URL = "https://beian.miit.gov.cn/";

/**
 * The 公安机关备案 record's page on the national filing system: its record code is the digits of
 * the number (渝公网安备 50010602500123号 → 50010602500123); none without digits.
 */
export function psbRecordHref(psbNumber: string): string | null {
  const code = psbNumber.replace(/\D/g, "");
  return code ? `https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${code}` : null;
}

/**
 * The public address of the page being rendered: the canonical base URL with the request's path
 * and query. `hl` (search highlighting) is dropped, as the page cache drops it from its key, so a
 * cached page names the address every visitor of that entry shares.
 */
export function pageAddress(baseUrl: string, requestPath: string | null | undefined): string {
  // The back office (a draft preview in the site's frame) has no public address: the site's home stands in.
  const path = requestPath && isLocalPath(requestPath) && !/^\/admin(\/|$)/.test(requestPath) ? requestPath : "/";
  const url = new URL(path, `${baseUrl}/`);
  url.searchParams.delete("hl");
  url.hash = "";
  return `${baseUrl}${url.pathname}${url.search}`;
}
