import { afterEach, describe, expect, it, vi } from "vitest";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { handleRoute, UNEXPECTED_ERROR_MESSAGE } from "@/lib/http/route";

afterEach(() => vi.restoreAllMocks());

describe("handleRoute", () => {
  it("answers what the handler answers", async () => {
    const response = await handleRoute(async () => Response.json({ savedAt: "2026-12-06" }, { status: 201 }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ savedAt: "2026-12-06" });
  });

  it.each([
    [invalid("请检查填写的内容。"), 400],
    [forbidden(), 403],
    [notFound(), 404],
    [conflict("该版本已发布。"), 409],
  ])("maps a domain error to its status and Chinese message (%s)", async (error, status) => {
    const response = await handleRoute(async () => {
      throw error;
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: error.message });
  });

  it("answers in plain text, with the route's own wording, when asked", async () => {
    const response = await handleRoute(
      async () => {
        throw notFound();
      },
      { format: "text", messageOf: () => "未找到该文件。" },
    );
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("未找到该文件。");
  });

  it("logs an unexpected error and answers 500 with a generic message, never the stack", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const failure = new Error("connection to 10.0.0.5:5432 refused");
    const response = await handleRoute(async () => {
      throw failure;
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: UNEXPECTED_ERROR_MESSAGE });
    expect(text).not.toContain("10.0.0.5");
    expect(text).not.toContain("at ");
    expect(log).toHaveBeenCalledWith(failure);
  });

  it("uses the route's message for an unexpected error when given", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await handleRoute(
      async () => {
        throw new TypeError("boom");
      },
      { unexpected: "上传失败，请稍后再试。" },
    );
    expect(await response.json()).toEqual({ error: "上传失败，请稍后再试。" });
  });

  it("lets Next.js's redirect and not-found signals pass through", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/admin/login;307;" });
    await expect(
      handleRoute(async () => {
        throw redirect;
      }),
    ).rejects.toBe(redirect);
  });
});
