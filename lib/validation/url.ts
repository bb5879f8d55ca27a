import { z } from "zod";

// One validator for every link target the platform accepts or renders. Browsers read `\` as `/`
// and drop tabs and line breaks inside URLs, so `//evil.example`, `/\evil.example` and
// `/\t/evil.example` all leave the site: a local path is one slash followed by none of those.

/** `/path?query#hash` on this site, and nothing a browser could read as another host. */
export function isLocalPath(value: string): boolean {
  return /^\/(?![/\\])/.test(value) && !/[\\\s\u0000-\u001f\u007f-\u009f]/u.test(value);
}

/** An absolute http(s) URL with a host and no credentials. */
export function isHttpUrl(value: string): boolean {
  if (/[\\\s\u0000-\u001f\u007f-\u009f]/u.test(value) || !/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (
      (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && !url.username && !url.password
    );
  } catch {
    return false;
  }
}

/** What a link column, a menu entry or a redirect may point to. */
export function isLinkTarget(value: string): boolean {
  return isLocalPath(value) || isHttpUrl(value);
}

/** What a link inside rich text may point to: link targets, mail and telephone. */
export function isBodyHref(value: string): boolean {
  if (isLinkTarget(value)) return true;
  if (/[\\\s\u0000-\u001f\u007f-\u009f]/u.test(value)) return false;
  return /^mailto:[^@\s/]+@[^@\s/]+$/i.test(value) || /^tel:\+?[0-9()\-.]{3,32}$/i.test(value);
}

export const LINK_TARGET_MESSAGE = "链接须为 http:// 或 https:// 开头的完整网址，或以单个 / 开头的本站路径";
export const HTTP_URL_MESSAGE = "链接须为 http:// 或 https:// 开头的完整网址";

/** Schema of a link target (trimmed). */
export const zLinkTarget = (message = LINK_TARGET_MESSAGE) =>
  z.string().trim().max(500, "链接过长").refine(isLinkTarget, { message });

/** Schema of an absolute http(s) URL (trimmed), e.g. a 转载 source. */
export const zHttpUrl = (message = HTTP_URL_MESSAGE) =>
  z.string().trim().max(500, "链接过长").refine(isHttpUrl, { message });

/**
 * Whether a visitor following this link stays with government: a local path, a *.gov.cn host,
 * or a host of one of the platform's own sites. Links elsewhere pass the leaving notice.
 */
export function isGovernmentTarget(value: string, platformHosts: readonly string[]): boolean {
  if (isLocalPath(value)) return true;
  if (!isHttpUrl(value)) return false;
  const host = new URL(value).hostname.toLowerCase().replace(/\.$/, "");
  return host === "gov.cn" || host.endsWith(".gov.cn") || platformHosts.some((own) => own.toLowerCase() === host);
}
