import { expect, test, type Page } from "@playwright/test";
import { submitSignIn } from "../helpers";

// The sign-in throttle in the real form (issue #21 item 1): the security administrator sets the
// per-address limit at /admin/security; past it, the sign-in request answers HTTP 429 and the form
// says so in Chinese. The e2e server trusts loopback as a proxy (TRUSTED_PROXIES in
// playwright.config.ts), so each browser below can present its own client address.

const LIMIT = 5;

/** Signs in; the first sign-in of a cold server on a busy machine may take longer than 5 s. */
async function signIn(page: Page, username: string) {
  await submitSignIn(page, username);
  await expect(page).toHaveURL(/\/admin(\/account)?$/, { timeout: 30_000 });
}

async function setPerAddressLimit(page: Page, value: number) {
  await page.goto("/admin/security");
  await page.getByLabel("同一地址每分钟最多登录尝试次数").fill(String(value));
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "安全策略已保存" })).toBeVisible();
}

async function attempt(page: Page, username: string) {
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill("Wrong-Passw0rd");
  const [response] = await Promise.all([
    page.waitForResponse(
      (candidate) =>
        candidate.url().includes("/api/auth/callback/credentials") && candidate.request().method() === "POST",
    ),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
  return response;
}

test("past the configured attempts from one address, sign-in answers 429 and the form shows why", async ({
  page,
  browser,
}) => {
  await signIn(page, "secadmin");
  await setPerAddressLimit(page, LIMIT);
  try {
    const flooder = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.99" } });
    const form = await flooder.newPage();
    await form.goto("/admin/login");
    for (let index = 0; index < LIMIT; index += 1) {
      // Different names each time: the address limit holds across accounts (password spraying).
      expect((await attempt(form, `nobody-${index}`)).status()).toBe(401);
      await expect(form.getByRole("main").getByRole("alert")).toHaveText("用户名或密码错误，或账号不可用。");
    }
    const refused = await attempt(form, "editor");
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    await expect(form.getByRole("main").getByRole("alert")).toHaveText("登录尝试过于频繁，请稍后再试。");
    await expect(form).toHaveURL(/\/admin\/login/);

    // Another address is not held back.
    const neighbour = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.100" } });
    await signIn(await neighbour.newPage(), "editor");
    await Promise.all([flooder.close(), neighbour.close()]);
  } finally {
    await setPerAddressLimit(page, 30);
  }
});
