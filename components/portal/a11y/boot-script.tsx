import { getScriptNonce } from "@/lib/http/nonce";
import { BOOT_SCRIPT } from "./settings";

/**
 * Applies the visitor's remembered accessibility settings while the page is parsed, before first
 * paint: written at the top of the portal frame, allowed by this response's nonce when rendered and
 * by its hash when the page is served from the cache (lib/http/csp.ts).
 */
export async function A11yBootScript() {
  const nonce = await getScriptNonce();
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: BOOT_SCRIPT }} />;
}
