// Makes sure Debian's Chromium, and a Chinese font for it, are installed for the Playwright tests.
// Playwright's own browser download cannot reach its host here, so the tests drive /usr/bin/chromium
// (TOOLCHAIN.md). Without a CJK font every Chinese character renders as a box, and the user manual's
// screenshots (tests/e2e/manual.spec.ts) would show nothing readable.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function hasChineseFont() {
  const result = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim() !== "";
}

const missing = [...(existsSync(CHROMIUM) ? [] : ["chromium"]), ...(hasChineseFont() ? [] : ["fonts-wqy-microhei"])];
if (missing.length === 0) process.exit(0);

const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? [] : ["sudo", "-n"];
console.log(`[tongyuan] installing Debian's ${missing.join(", ")} for the end-to-end tests…`);
for (const args of [
  ["apt-get", "update", "-qq"],
  ["apt-get", "install", "-y", "-qq", ...missing],
]) {
  const [command, ...rest] = [...sudo, ...args];
  const result = spawnSync(command, rest, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0) {
    console.error(
      `[tongyuan] Could not install ${missing.join(", ")} (${args.join(" ")} failed). Install with: sudo apt-get install ${missing.join(" ")}`,
    );
    process.exit(1);
  }
}
if (!existsSync(CHROMIUM)) {
  console.error(`[tongyuan] chromium was installed but ${CHROMIUM} is still missing; set CHROMIUM_PATH.`);
  process.exit(1);
}
