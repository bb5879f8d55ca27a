// Makes sure Debian's Chromium is installed for the Playwright tests. Playwright's own browser
// download cannot reach its host here, so the tests drive /usr/bin/chromium (TOOLCHAIN.md).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? [] : ["sudo", "-n"];
console.log(`[tongyuan] ${CHROMIUM} is missing; installing Debian's chromium package…`);
for (const args of [["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]]) {
  const [command, ...rest] = [...sudo, ...args];
  const result = spawnSync(command, rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) {
    console.error(`[tongyuan] Could not install Chromium (${args.join(" ")} failed). Install it with: sudo apt-get install chromium`);
    process.exit(1);
  }
}
if (!existsSync(CHROMIUM)) {
  console.error(`[tongyuan] chromium was installed but ${CHROMIUM} is still missing; set CHROMIUM_PATH.`);
  process.exit(1);
}
