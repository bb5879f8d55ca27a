// The public address of the portal page being rendered, for the footer's 找错 and 纠错 entries.
import { requestHeaders as headers } from "@/lib/http/request-headers";
import { PAGE_PATH_HEADER } from "@/lib/http/page-path";
import { getBaseUrl } from "@/lib/sites/current-site";
import { pageAddress } from "@/lib/sites/identity-links";

/** This request's page address: canonical base URL, path and query (without `hl`). */
export async function getPageAddress(): Promise<string> {
  const [requestHeaders, baseUrl] = await Promise.all([headers(), getBaseUrl()]);
  return pageAddress(baseUrl, requestHeaders.get(PAGE_PATH_HEADER));
}
