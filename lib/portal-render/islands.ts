import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

// The island script of the portal renderer's pages (components/portal/islands/boot.tsx), bundled
// at server start into Next.js's static folder (served by Next.js under /_next/static/, immutable,
// names carry the content hash), with React and the islands' code; the Traditional Chinese
// dictionaries stay a chunk of their own, loaded only when a visitor asks for them.

const OUT = "islands";

/** Builds the bundle; returns the entry's address (/_next/static/islands/boot-HASH.js). */
export async function buildIslands(distDir: string, entry: string): Promise<string> {
  // Not emptied first: several servers may start on one build at once, and the files they write
  // are the same (names carry the content hash), so none removes a file another is serving. Each
  // file is written beside its name and renamed into place, so no server serves a half-written one.
  const outdir = path.join(distDir, "static", OUT);
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: "esm",
    minify: true,
    target: "es2020",
    jsx: "automatic",
    outdir,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    define: { "process.env.NODE_ENV": '"production"' },
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  for (const file of result.outputFiles) {
    if (existsSync(file.path)) continue;
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  const output = Object.entries(result.metafile.outputs).find(([, out]) => out.entryPoint);
  if (!output) throw new Error("island bundle has no entry");
  const name = path.basename(output[0]);
  if (!existsSync(path.join(outdir, name))) throw new Error("island bundle not written");
  return `/_next/static/${OUT}/${name}`;
}
