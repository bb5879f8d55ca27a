import { requestHeaders as headers } from "@/lib/http/request-headers";

/**
 * The nonce of this response's Content-Security-Policy, for an inline script a page writes itself
 * (Next.js stamps it on its own scripts). lib/http/security.ts sets the policy on the request, so
 * a client cannot choose it; a page later served from the cache is allowed by its scripts' hashes.
 */
export async function getScriptNonce(): Promise<string | undefined> {
  const policy = (await headers()).get("content-security-policy");
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
}
