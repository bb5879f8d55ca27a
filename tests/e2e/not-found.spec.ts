import { expect, test } from "@playwright/test";

// A public page that is not found is the site's own page, status 404, rendered on the server: the
// frame and the message are in the HTML itself (the portal works without JavaScript), answered
// the same from the page cache.

const MISSING = [
  "/content/00000000-0000-4000-8000-000000000000",
  "/content/not-a-uuid",
  "/columns/no-such-column",
  "/no-such-page",
  "/site-not-found",
];

for (const path of MISSING) {
  test(`${path} answers 404 with the site's frame in its HTML`, async ({ request }) => {
    const first = await request.get(path);
    expect(first.status()).toBe(404);
    const html = await first.text();
    expect(html).toContain("<h1>您访问的页面不存在</h1>");
    expect(html).toMatch(/<nav class="site-nav" aria-label="主导航">/);
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).not.toContain("__next_error__");
    const again = await request.get(path);
    expect(again.status()).toBe(404);
    expect(await again.text()).toBe(html);
  });
}
