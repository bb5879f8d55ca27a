import { expect, test, type APIResponse } from "@playwright/test";
import { submitSignIn } from "../helpers";
import { countRows, listServerActions } from "./support";

// Malformed input answers 400 or 404 with a Chinese message, never a 5xx, and changes nothing:
// undecodable addresses, NUL bytes in filters, searches, titles and file names, unknown filter
// values and server-action bodies React cannot decode.

const CHINESE = /[\u4e00-\u9fff]/;
const UUID = "0b3e1e7c-1111-4111-8111-111111111111";

async function expectRefused(response: APIResponse, statuses: number[] = [400]) {
  expect(statuses, `${response.url()} answered ${response.status()}`).toContain(response.status());
  expect(await response.text()).toMatch(CHINESE);
}

test.describe.configure({ mode: "serial" });

test("undecodable addresses answer 400 in Chinese", async ({ request }) => {
  for (const target of [
    "/content/%zz",
    "/columns/%FF%FE",
    "/api/assets/%",
    "/admin/library/%E4%B8",
    "/search?q=%zz",
    "/feed.xml?x=%",
  ]) {
    await expectRefused(await request.get(target));
  }
});

test("the leaving notice shows only destinations the platform signed", async ({ request }) => {
  const response = await request.get(`/leaving?to=${encodeURIComponent("https://evil.example/")}&sig=forged`, {
    maxRedirects: 0,
  });
  expect(response.status()).toBe(404);
  // The 404 page may echo the address it was asked for, but never offers the link.
  expect(await response.text()).not.toMatch(/href="https:\/\/evil\.example/);
});

test("NUL bytes in public filters and searches answer 400", async ({ request }) => {
  for (const target of [
    "/columns/zcwj?issuer=%00",
    "/columns/zcwj?docNumber=%E6%B8%9D%00",
    "/search?q=%E6%94%BF%00",
    "/api/search?q=%00",
    "/api/search?scope=library&q=a%00",
    "/content/%00",
  ]) {
    await expectRefused(await request.get(target));
  }
});

test("signed in: bad filters, NUL in autosave titles and upload names, malformed action bodies", async ({ page }) => {
  test.setTimeout(240_000);
  await submitSignIn(page, "editor");
  await expect(page).toHaveURL(/\/admin(\/account)?$/, { timeout: 60_000 });
  const before = await countRows();
  const api = page.request;
  // Writes from this origin, as the browser sends them, so they pass the same-origin guard and
  // reach the handlers under test.
  const sameOrigin = { origin: new URL(page.url()).origin, "sec-fetch-site": "same-origin" };

  await expectRefused(await api.get("/admin/library?kind=FOO"), [404]);
  await expectRefused(await api.get("/admin/library?sort=sideways"), [404]);
  await expectRefused(await api.get("/admin/library?text=%E6%94%BF%00"));
  await expectRefused(await api.get("/admin/audit?q=%00"));
  await expectRefused(await api.get("/api/assets?q=%00"));

  await expectRefused(
    await api.post("/api/library/autosave", {
      headers: sameOrigin,
      data: { resourceId: UUID, baseVersion: 0, title: "标题\u0000", body: { type: "doc", content: [] }, metadata: {} },
    }),
  );
  await expectRefused(
    await api.post("/api/library/autosave", {
      headers: { ...sameOrigin, "content-type": "application/json" },
      data: "{not json",
    }),
  );
  await expectRefused(
    await api.post("/api/assets", {
      headers: sameOrigin,
      multipart: {
        file: { name: "图片\u0000.png", mimeType: "image/png", buffer: Buffer.from("89504e470d0a1a0a", "hex") },
      },
    }),
  );

  const actions = listServerActions(UUID).filter((action) => action.path.startsWith("/admin/library"));
  expect(actions.length).toBeGreaterThan(0);
  const action = actions[0]!;
  const headers = { ...sameOrigin, "next-action": action.id, accept: "text/x-component" };
  for (const [body, contentType] of [
    ["not json at all", "text/plain;charset=UTF-8"],
    ['["$@1"]', "text/plain;charset=UTF-8"],
    ["--b\r\nbroken multipart", "multipart/form-data; boundary=b"],
  ] as const) {
    await expectRefused(
      await api.post(action.path, { headers: { ...headers, "content-type": contentType }, data: body }),
    );
  }
  await expectRefused(await api.post(action.path, { headers, multipart: { "0": '["$Q5"]' } }));
  // An unknown action is not found.
  const unknown = await api.post(action.path, {
    headers: { ...headers, "next-action": "f".repeat(42), "content-type": "text/plain" },
    data: "[]",
  });
  expect(unknown.status()).toBeLessThan(500);

  const after = await countRows();
  expect(after).toEqual(before);
});
