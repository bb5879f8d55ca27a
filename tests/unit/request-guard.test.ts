import { describe, expect, it } from "vitest";
import { checkActionRequest, checkRequestTarget } from "@/lib/http/request-guard";
import { hasControlCharacters, zIsoDay, zText } from "@/lib/validation/text";

describe("request targets", () => {
  it.each(["/content/%zz", "/columns/%FF%FE", "/api/assets/%", "/search?q=%E4%B8", "/search?q=%zz", "/a%2"])(
    "refuses the undecodable %s",
    (target) => {
      expect(checkRequestTarget(target)).toMatchObject({ status: 400, message: "请求地址格式不正确。" });
    },
  );

  it.each([
    "/search?q=a%00b",
    "/columns/zcwj?issuer=%00",
    "/content/%00",
    "/admin/audit?actor=x%1Fy",
    "/a%7F",
    "/search?q=%C2%85",
  ])("refuses control characters in %s", (target) => {
    expect(checkRequestTarget(target)?.message).toBe("请求地址含有不允许的控制字符。");
  });

  it.each([
    "/",
    "/content/0b3e1e7c-1111-4111-8111-111111111111",
    "/search?q=%E6%94%BF%E7%AD%96+%E8%A7%A3%E8%AF%BB&page=2",
    "/columns/a?x=&y",
    "/api/assets/x?variant=thumbnail",
    "/search?q=100%25",
  ])("lets %s through", (target) => {
    expect(checkRequestTarget(target)).toBeNull();
  });
});

describe("server-action bodies", () => {
  const post = (body: BodyInit, contentType?: string) =>
    new Request("http://localhost/admin/library", {
      method: "POST",
      body,
      headers: { "next-action": "0".repeat(42), ...(contentType ? { "content-type": contentType } : {}) },
    });
  const form = (entries: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(entries)) data.append(key, value);
    return data;
  };

  it("refuses bodies React cannot decode", async () => {
    for (const request of [
      post("not json", "text/plain;charset=UTF-8"),
      post("", "text/plain"),
      post('["$@1"]', "text/plain"),
      post('{"a":"$Q2"}', "text/plain"),
      post("--x\r\nbroken", "multipart/form-data; boundary=x"),
      post(form({ a: "b" })),
      post(form({ "0": "{" })),
      post(form({ "0": '["$1"]' })),
      post(form({ "0": '["$K1"]', "1": "[" })),
      // The root is the argument list: an object or a string cannot be applied to the action.
      post('{"a":1}', "text/plain"),
      post('"text"', "text/plain"),
      post(form({ "0": "{}" })),
      // References are read as React reads them: the hexadecimal prefix ("$Q2FOO" is part 0x2f), and
      // an untagged "$…" that is no number refers to nothing (both found by the fuzz test as 500s).
      post('[{"title":[null,["$Q2\\u0001"]]},"x"]', "text/plain"),
      post('[{"reason":{"title":"$Q2FOO"}},{}]', "text/plain"),
      post('["$zz"]', "text/plain"),
      post('["$"]', "text/plain"),
      // A part header busboy (the parser Next.js uses) refuses.
      post(
        '--x\r\nContent-Disposition: form-data; name="0"\r\nbroken header line\r\n\r\n[]\r\n--x--\r\n',
        "multipart/form-data; boundary=x",
      ),
    ]) {
      expect(await checkActionRequest(request)).toMatchObject({
        status: 400,
        message: "提交的数据格式不正确，请刷新页面后重试。",
      });
    }
  });

  it("lets well-formed replies through", async () => {
    expect(
      await checkActionRequest(
        post('["$undefined",{"title":"标题","n":"$NaN","d":"$D2026-01-01T00:00:00.000Z","s":"$$1"}]', "text/plain"),
      ),
    ).toBeNull();
    expect(
      await checkActionRequest(post(form({ "0": '["$K1"]', "1_title": "标题", "1_$ACTION_REF_1": "" }))),
    ).toBeNull();
    expect(await checkActionRequest(post(form({ "0": '["$@1"]', "1": '"x"' })))).toBeNull();
    expect(await checkActionRequest(post(form({ $ACTION_ID_abc: "" })))).toBeNull();
  });
});

describe("the shared text schema", () => {
  it("refuses NUL and other controls with a Chinese message, keeps line breaks", () => {
    expect(zText().safeParse("a\u0000b").error?.issues[0]?.message).toBe("内容含有不允许的控制字符。");
    expect(zText().safeParse("a\u001bb").success).toBe(false);
    expect(zText().safeParse("a\u0085b").success).toBe(false);
    expect(zText().safeParse("第一行\n第二行\t").success).toBe(true);
    expect(zText({ singleLine: true }).safeParse("a\nb").success).toBe(false);
    expect(zText().trim().min(1).safeParse("  标题 ").data).toBe("标题");
    expect(hasControlCharacters("政务公开")).toBe(false);
  });

  it("days must exist: a filter date that parses to Invalid Date never reaches a query", () => {
    expect(zIsoDay().safeParse("2026-02-28").success).toBe(true);
    expect(zIsoDay().safeParse("2024-02-29").success).toBe(true);
    for (const value of ["2026-02-30", "9999-99-99", "2026-13-01", "2026-1-1", "0000-01-01"]) {
      expect(zIsoDay().safeParse(value).error?.issues[0]?.message).toBe("日期格式应为 YYYY-MM-DD");
    }
  });
});
