import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

// What a page of the portal renderer links besides its own HTML: the stylesheets Next.js's build
// gives the same route (its client reference manifest), so both paths load the same files.

/** The CSS files (paths under /_next/) of a built app route, e.g. "/(portal)/content/[id]/page". */
export function routeStylesheets(distDir: string, page: string): string[] {
  const file = path.join(distDir, "server", "app", `${page}_client-reference-manifest.js`);
  const sandbox: { globalThis?: unknown; self?: unknown; __RSC_MANIFEST?: Record<string, unknown> } = {};
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[page] as { entryCSSFiles?: Record<string, { path: string }[]> } | undefined;
  if (!manifest?.entryCSSFiles) throw new Error(`no CSS manifest for ${page}`);
  const files: string[] = [];
  for (const entries of Object.values(manifest.entryCSSFiles))
    for (const entry of entries) if (!files.includes(entry.path)) files.push(entry.path);
  return files.map((file) => `/_next/${file}`);
}
