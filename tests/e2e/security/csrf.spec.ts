import { expect as baseExpect, test, type Page } from "@playwright/test";
import { makePng } from "../../fixtures/make-docx";
import { E2E } from "../env";
import { submitSignIn } from "../helpers";

// Server actions and first renders can take several seconds on a busy machine (2 cores shared).
const expect = baseExpect.configure({ timeout: 30_000 });

/** The shared sign-in, with the longer wait above (the helper allows 5 s). */
async function signIn(page: Page, username: string) {
  await submitSignIn(page, username);
  await expect(page).toHaveURL(/\/admin(\/account)?$/);
}

// Issue #21 item 9: the autosave and upload routes (and every other write) refuse requests forged
// by another origin — cross-site, or same-site on another host or port — with the signed-in
// editor's cookies attached. Request contexts let the test set Origin and Sec-Fetch-Site itself.

const OWN = `http://localhost:${E2E.port}`;
const FORGED: Record<string, string>[] = [
  { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  { origin: `http://wlw.localhost:${E2E.port}`, "sec-fetch-site": "same-site" },
  { origin: `http://localhost:${E2E.port + 1}`, "sec-fetch-site": "same-site" },
  // No Origin and no Sec-Fetch-Site: not a browser, and these routes are not for machines.
  {},
];

async function newResource(page: Page) {
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "政务动态" });
  await page.getByRole("button", { name: "开始编辑" }).click();
  await expect(page).toHaveURL(/\/admin\/library\/[0-9a-f-]{36}$/);
  await page.getByLabel("标题", { exact: true }).fill("跨站请求防护测试稿");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存为第 1 版修订" })).toBeVisible();
  return page.url().split("/").pop()!;
}

test("forged autosaves and uploads are refused with 403 and change nothing; this origin's pass", async ({ page }) => {
  await signIn(page, "editor");
  const resourceId = await newResource(page);
  const draft = (title: string) => ({
    resourceId,
    baseVersion: 1,
    title,
    body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: title }] }] },
    metadata: {},
  });

  for (const headers of FORGED) {
    const autosave = await page.request.post("/api/library/autosave", { headers, data: draft("跨站篡改的标题") });
    expect(autosave.status(), JSON.stringify(headers)).toBe(403);
    expect((await autosave.json()).error).toContain("请求来源不是本网站");
    const upload = await page.request.post("/api/assets", {
      headers,
      multipart: { file: { name: "跨站上传.png", mimeType: "image/png", buffer: await makePng(8, 8) } },
    });
    expect(upload.status(), JSON.stringify(headers)).toBe(403);
  }
  const library = await (await page.request.get("/api/assets")).json();
  expect(library.assets.map((asset: { fileName: string }) => asset.fileName)).not.toContain("跨站上传.png");
  await page.reload();
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue("跨站请求防护测试稿");

  // The same requests from this origin go through.
  const own = { origin: OWN, "sec-fetch-site": "same-origin" };
  expect(
    (await page.request.post("/api/library/autosave", { headers: own, data: draft("本站自动保存") })).status(),
  ).toBe(200);
  expect(
    (
      await page.request.post("/api/assets", {
        headers: own,
        multipart: { file: { name: "本站上传.png", mimeType: "image/png", buffer: await makePng(8, 8) } },
      })
    ).status(),
  ).toBe(201);
});

test("a server action replayed from another origin is refused before it runs", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/admin/library/new");
  await page.getByLabel("类型").selectOption({ label: "政务动态" });
  // Capture the real server action the form posts, then replay it with a forged Origin.
  const [action] = await Promise.all([
    page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
    page.getByRole("button", { name: "开始编辑" }).click(),
  ]);
  await expect(page).toHaveURL(/\/admin\/library\/[0-9a-f-]{36}$/);
  const before = await page.request.get("/admin/library?q=" + encodeURIComponent("跨站"));
  expect(before.status()).toBe(200);
  const headers = await action.allHeaders();
  for (const forged of FORGED.slice(0, 3)) {
    const replay = await page.request.post(action.url(), {
      headers: {
        "content-type": headers["content-type"]!,
        "next-action": headers["next-action"]!,
        "next-router-state-tree": headers["next-router-state-tree"] ?? "",
        ...forged,
      },
      data: action.postDataBuffer() ?? Buffer.alloc(0),
      maxRedirects: 0,
    });
    expect(replay.status(), JSON.stringify(forged)).toBe(403);
    expect(await replay.text()).toContain("请求来源不是本网站");
  }
});

test("sign-in keeps working through next-auth's own CSRF token, and a forged sign-in origin is refused", async ({
  request,
}) => {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const forged = await request.post("/api/auth/callback/credentials", {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    form: { username: "editor", password: E2E.password, csrfToken: csrf.csrfToken, json: "true" },
  });
  expect(forged.status()).toBe(403);
  expect((await (await request.get("/api/auth/session")).json())?.user).toBeFalsy();
  // Without the token next-auth itself refuses (no session is created).
  await request.post("/api/auth/callback/credentials", {
    form: { username: "editor", password: E2E.password, json: "true" },
    maxRedirects: 0,
  });
  expect((await (await request.get("/api/auth/session")).json())?.user).toBeFalsy();
  const signedIn = await request.post("/api/auth/callback/credentials", {
    form: { username: "editor", password: E2E.password, csrfToken: csrf.csrfToken, json: "true" },
  });
  expect(signedIn.ok()).toBe(true);
  expect((await (await request.get("/api/auth/session")).json())?.user).toBeTruthy();
});
