import { expect as baseExpect, test, type Page, type Response } from "@playwright/test";
import { E2E } from "../env";
import { signOut, submitSignIn } from "../helpers";

// Server actions and first renders can take several seconds on a busy machine (2 cores shared).
const expect = baseExpect.configure({ timeout: 30_000 });

/** The shared sign-in, with the longer wait above (the helper allows 5 s). */
async function signIn(page: Page, username: string) {
  await submitSignIn(page, username);
  await expect(page).toHaveURL(/\/admin(\/account)?$/);
}

// Issue #21 item 7: every page type works under the Content-Security-Policy (no violation is
// reported, in the DOM or on the console), cached portal pages included, and the back office
// cannot be framed even by another origin of the same site.

const CITY_OPINION = "重庆市人民政府办公厅关于推进政府网站和政务新媒体健康有序发展的实施意见";
const SAME_SITE_ORIGIN = `http://wlw.localhost:${E2E.port}`;

// Each journey visits a dozen pages (first renders included) in one test.
test.describe.configure({ timeout: 240_000 });

/** Every CSP violation the page reports, from `securitypolicyviolation` events and the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeBinding("__reportCspViolation", (_source, text: string) => void violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      void report(
        `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sample})`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|frame|connect)/i.test(message.text()))
      violations.push(`console on ${page.url()}: ${message.text()}`);
  });
  return violations;
}

function policyOf(response: Response | null): string {
  return response?.headers()["content-security-policy"] ?? "";
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  expect(response!.headers()["x-content-type-options"], path).toBe("nosniff");
  expect(response!.headers()["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  expect(policyOf(response), path).toContain("script-src 'self'");
  await page.waitForLoadState("load");
  return response!;
}

test("the portal's pages run under the CSP, rendered and from the page cache", async ({ page }) => {
  const violations = await watchViolations(page);

  const home = await visit(page, "/");
  expect(policyOf(home)).toContain("frame-ancestors 'self'");
  // A client-side navigation proves the app hydrated and its scripts ran.
  const article = page.locator("main a[href^='/content/']").first();
  const articleHref = (await article.getAttribute("href"))!;
  await visit(page, "/columns/ywdt");
  await visit(page, articleHref);
  await visit(page, "/columns/sjwj");
  await page.getByRole("link", { name: CITY_OPINION }).first().click();
  await expect(page.getByRole("heading", { name: CITY_OPINION })).toBeVisible();
  await visit(page, `/search?q=${encodeURIComponent("政务公开")}`);
  await visit(page, "/sitemap");
  for (const path of ["/columns/no-such-column", "/no-such-page"]) {
    const missing = await page.goto(path);
    expect(missing?.status(), path).toBe(404);
    await page.waitForLoadState("load");
  }
  for (const feed of ["/feed.xml", "/columns/ywdt/feed.xml", "/sitemap.xml", "/robots.txt"]) {
    const response = await page.request.get(feed);
    expect(response.headers()["x-content-type-options"], feed).toBe("nosniff");
    expect(response.headers()["content-security-policy"], feed).toBeTruthy();
  }

  // The same pages again come from the page cache: allowed by hashes, without any nonce.
  for (const path of ["/", "/columns/ywdt", articleHref]) {
    const again = await visit(page, path);
    expect(again.headers()["x-portal-cache"], path).toBe("HIT");
    expect(policyOf(again), path).not.toContain("'nonce-");
    expect(policyOf(again), path).toContain("'sha256-");
  }
  await page.getByRole("link", { name: "首页" }).first().click();
  await expect(page).toHaveURL(/\/$/);
  expect(violations).toEqual([]);
});

test("the back office's pages run under the CSP: sign-in, dashboard, library, the Tiptap editor, review, users, audit", async ({
  page,
}) => {
  const violations = await watchViolations(page);

  const login = await visit(page, "/admin/login");
  expect(policyOf(login)).toContain("frame-ancestors 'none'");
  expect(policyOf(login)).toMatch(/'nonce-[A-Za-z0-9+/]+=*'/);
  expect(login.headers()["x-frame-options"]).toBe("DENY");
  await signIn(page, "editor");
  await visit(page, "/admin");
  await visit(page, "/admin/library");
  await visit(page, "/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "政务动态" });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page).toHaveURL(/\/admin\/library\/[0-9a-f-]{36}$/);
  const editorUrl = page.url();
  await expect(page.getByRole("toolbar", { name: "编辑工具栏" })).toBeVisible();
  await page.getByLabel("标题", { exact: true }).fill("内容安全策略下的编辑器测试");
  const body = page.getByRole("textbox", { name: "正文" });
  await body.click();
  await page.keyboard.type("编辑器在内容安全策略下正常工作。");
  await page.getByRole("button", { name: "插入表格" }).click();
  await expect(body.locator("table")).toBeVisible();
  // The autosave (fetch from this origin) passes the same-origin guard.
  await expect(page.getByText(/已自动保存 \d{2}:\d{2}:\d{2}/)).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  await visit(page, `${editorUrl}/history`);
  await visit(page, "/admin/library/assets");
  await visit(page, "/admin/account");
  await visit(page, editorUrl);
  const panel = page.getByRole("region", { name: "审核与发布" });
  await panel.getByLabel("沙坪坝区人民政府 · 沙坪坝要闻").check();
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.getByText(/第 1 版审核中/)).toBeVisible();
  await signOut(page);

  await signIn(page, "reviewer");
  await visit(page, "/admin/review");
  await page.getByRole("link", { name: "内容安全策略下的编辑器测试" }).first().click();
  await expect(page).toHaveURL(/\/admin\/review\/[0-9a-f-]{36}$/);
  await page.reload();
  await signOut(page);

  await signIn(page, "admin");
  await visit(page, "/admin/users");
  await visit(page, "/admin/orgs");
  await signOut(page);
  await signIn(page, "auditor");
  await visit(page, "/admin/audit");
  await signOut(page);
  expect(violations).toEqual([]);
});

test("another origin of the same site cannot frame the back office; the portal may frame itself", async ({ page }) => {
  await signIn(page, "editor");
  const framing = (src: string) =>
    `<!doctype html><title>frame</title><iframe id="f" src="${src}" width="600" height="400"></iframe>`;
  // A page of a sibling origin (same site: another host on localhost), served by the test itself.
  await page.route(`${SAME_SITE_ORIGIN}/frame-test`, (route) =>
    route.fulfill({ contentType: "text/html", body: framing(`http://localhost:${E2E.port}/admin`) }),
  );
  await page.goto(`${SAME_SITE_ORIGIN}/frame-test`);
  await expect
    .poll(
      () =>
        page
          .frames()
          .find((frame) => frame !== page.mainFrame())
          ?.url() ?? "",
    )
    .toMatch(/^chrome-error:/);

  // The portal's own pages may frame a portal page (the back office previews them).
  await page.route(`http://localhost:${E2E.port}/frame-test`, (route) =>
    route.fulfill({ contentType: "text/html", body: framing("/columns/ywdt") }),
  );
  await page.goto(`http://localhost:${E2E.port}/frame-test`);
  const inner = page.frameLocator("#f");
  await expect(inner.getByRole("main")).toBeVisible();
});
