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

// Issue #21 item 11, over HTTP: a draft's upload is private (not stored by any cache) and
// answers 404 to a visitor without a session, exactly like an unknown id.

test("a draft's upload is served only to its unit, privately, and is 404 to the public", async ({ page, browser }) => {
  await signIn(page, "editor");
  await page.goto("/admin/library");
  const upload = await page.request.post("/api/assets", {
    headers: { origin: `http://localhost:${E2E.port}`, "sec-fetch-site": "same-origin" },
    multipart: { file: { name: "草稿配图.png", mimeType: "image/png", buffer: await makePng(16, 16) } },
  });
  expect(upload.status()).toBe(201);
  const { url } = (await upload.json()) as { url: string };

  const mine = await page.request.get(url);
  expect(mine.status()).toBe(200);
  expect(mine.headers()["cache-control"]).toBe("private, no-store");

  const visitor = await browser.newContext();
  try {
    const response = await visitor.request.get(`http://localhost:${E2E.port}${url}`);
    expect(response.status()).toBe(404);
    const unknown = await visitor.request.get(
      `http://localhost:${E2E.port}/api/assets/00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.status()).toBe(404);
    expect(await response.text()).toBe(await unknown.text());
  } finally {
    await visitor.close();
  }
});
