import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./tests/e2e/env";

// End-to-end tests in Debian's Chromium against the real product started by `scripts/start.ts`
// on its own port, data folder and embedded PostgreSQL port (never the developer's).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${E2E.port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // Every run starts from an empty platform, which the server seeds on start.
    command: `rm -rf ${E2E.dataDir} && node_modules/.bin/tsx scripts/start.ts`,
    url: `http://localhost:${E2E.port}/api/health`,
    // The first run builds the app; later runs reuse the build when nothing changed.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E.port),
      DATA_DIR: E2E.dataDir,
      EMBEDDED_PG_PORT: String(E2E.pgPort),
      SEED_PASSWORD: E2E.password,
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
      // Loopback is the "proxy": a spec may present a client address in X-Forwarded-For
      // (tests/e2e/security/sign-in.spec.ts), so its sign-in throttle counts apart from other specs'.
      TRUSTED_PROXIES: "127.0.0.1,::1",
      // The letter form's proof of work stays real but small (lib/interaction/captcha.ts).
      INTERACTION_CAPTCHA_COST: "10",
      INTERACTION_CAPTCHA_MAX_COUNTER: "200",
    },
  },
});
