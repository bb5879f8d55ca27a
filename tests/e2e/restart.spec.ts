import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

// A second, separate installation started and stopped by the test itself, the way a user runs
// `npm start`: no SEED_PASSWORD, so the demo password is generated on the first start.
const PORT = 3101;
const DATA_DIR = ".data/e2e-restart";
const BASE = `http://localhost:${PORT}`;

function startServer(): ChildProcess {
  return spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR,
      EMBEDDED_PG_PORT: "54359",
      DATABASE_URL: "",
      SEED_PASSWORD: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
}

async function waitForHealth() {
  await expect
    .poll(
      async () =>
        fetch(`${BASE}/api/health`)
          .then((response) => response.status)
          .catch(() => 0),
      {
        timeout: 120_000,
        intervals: [500],
      },
    )
    .toBe(200);
}

async function stopServer(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid!, "SIGTERM");
  await exited;
}

async function signIn(page: Page, password: string) {
  await page.goto(`${BASE}/admin/login`);
  await page.getByLabel("用户名").fill("editor");
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "您好，张敏" })).toBeVisible();
}

test("data survives a restart and the second start does not seed again", async ({ page }) => {
  test.setTimeout(300_000);
  await fs.rm(DATA_DIR, { recursive: true, force: true });

  let server = startServer();
  try {
    await waitForHealth();
    const password = (await fs.readFile(path.join(DATA_DIR, "demo-password.txt"), "utf8")).trim();
    expect(password.length).toBeGreaterThanOrEqual(10);
    await signIn(page, password);
    await expect(page.getByText("这是您第一次登录")).toBeVisible();
    await stopServer(server);

    server = startServer();
    await waitForHealth();
    // Same password (not generated again), and the first sign-in is remembered.
    expect((await fs.readFile(path.join(DATA_DIR, "demo-password.txt"), "utf8")).trim()).toBe(password);
    await page.context().clearCookies();
    await signIn(page, password);
    await expect(page.getByText(/^上次登录：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)).toBeVisible();
    // The seed ran once: the column of higher-level documents still holds exactly the supervising unit's two.
    await page.goto(`${BASE}/columns/sjwj`);
    await expect(page.locator(".item-list li")).toHaveCount(2);
  } finally {
    await stopServer(server).catch(() => {});
  }
});
