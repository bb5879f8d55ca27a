import { readFile } from "node:fs/promises";
import path from "node:path";

// The altcha widget's PBKDF2 worker, served from this origin so the portal's Content-Security-
// Policy stays strict (worker-src falls back to script-src 'self': no blob: workers, no inline
// script). It is the file the installed altcha package ships, read once.

let cached: Promise<string> | undefined;

export function readCaptchaWorker(): Promise<string> {
  cached ??= readFile(path.join(process.cwd(), "node_modules", "altcha", "dist", "workers", "pbkdf2.js"), "utf8");
  return cached;
}
